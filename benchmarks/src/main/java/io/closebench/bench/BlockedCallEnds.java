package io.closebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * How soon a call already blocked on a connection returns when the connection ends under it:
 * another thread of the observer's own program closes the socket its read waits on (X4), or the
 * peer, which had stopped reading, dies while the observer is blocked in a 32 MiB write that
 * filled both buffers, by closing with unread data (X5a) or with {@code SO_LINGER=0} (X5b). t0 is
 * taken right before that {@code close()}, t1 right after the blocked call returns.
 *
 * <p>Caveats. X4 on NIO is a TIMEOUT by construction: closing a registered channel does not wake
 * the selector the read waits in, so the figure is the case's 50 ms bound, not a detection (it is
 * the expected outcome, not counted as unexpected). X5 fills about 4 MB of socket buffers before
 * every repetition (a few milliseconds, outside t1 - t0), so it runs at tens of repetitions per
 * second; Netty's figure grows with what its write had queued (32 MiB here). The JDK's blocked
 * write returns the bytes it had copied and fails on the next write inside the JDK: one figure.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BlockedCallEnds
 * -prof io.closebench.bench.DetectionProfiler -p observer=BLOCKING,NIO -p loadConnections=0}
 */
public class BlockedCallEnds extends DetectionBenchmark {

    @Param({"X4-local-close", "X5a-unread", "X5b-linger0"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }
}
