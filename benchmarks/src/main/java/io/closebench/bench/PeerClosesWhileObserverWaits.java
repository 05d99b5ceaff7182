package io.closebench.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * Time-to-EOF and time-to-RST for an observer already asleep in read/select when the in-process
 * peer closes (S2), aborts with SO_LINGER=0 (X1) or half-closes (X2): the pure wake-up path.
 *
 * <p>Caveat: t0 is taken right before the peer's close(), whose own cost (a few microseconds on
 * loopback, where the FIN or RST is delivered within the call) is part of the figure; the
 * HarnessBaselines "arrived" figures show the cost of the read alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeerClosesWhileObserverWaits
 * -prof io.closebench.bench.DetectionProfiler -p loadConnections=0,100}
 */
public class PeerClosesWhileObserverWaits extends DetectionBenchmark {

    @Param({"S2-inproc", "X1-linger0", "X2-halfclose"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }
}
