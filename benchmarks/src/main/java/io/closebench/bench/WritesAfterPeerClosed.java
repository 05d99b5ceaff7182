package io.closebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * Time-to-EPIPE and time-to-RST for a sender that has not noticed the close: the peer closes
 * normally and the observer keeps writing until the kernel refuses (S5 server side, C1 client
 * side), or the peer resets while the observer is idle and its first write is refused (X3).
 *
 * <p>Caveat: the observer starts writing after the fault, on its own thread, so the figure includes
 * handing the work to that thread (and, for NIO, waking its selector); the first write after a
 * normal close is accepted and draws the RST that makes the second fail.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WritesAfterPeerClosed
 * -prof io.closebench.bench.DetectionProfiler}
 */
public class WritesAfterPeerClosed extends DetectionBenchmark {

    @Param({"S5", "C1", "X3-rst-on-write"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }
}
