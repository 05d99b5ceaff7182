package io.closebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The client-side cases where the server closes with data in flight: the client sends once and then
 * reads (C2), or reads a server that closed with unread data (C3), with the data all arrived (a) or
 * still queued at the server (b).
 *
 * <p>Caveat: the figure runs from the server's close to the read that reports EOF or the reset, so
 * it includes reading whatever data arrived first (16 KiB in the a variants, about 100 KiB in b);
 * what it shows is how soon the client knows, not the cost of one call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ReadsAfterPeerClosed
 * -prof io.closebench.bench.DetectionProfiler}
 */
public class ReadsAfterPeerClosed extends DetectionBenchmark {

    @Param({"C2a", "C2b", "C3a", "C3b"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }
}
