package io.closebench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * What the harness costs, so that users can tell it apart from detection.
 * <ul>
 *   <li>{@code setUpAndTearDown}: one repetition's pair set up and torn down with no fault and no
 *       probe; its score (repetitions per second) is the ceiling of every other in-process
 *       benchmark's score.</li>
 *   <li>{@code repetition}: the EOF (S2-arrived) or RST (X1-arrived) is already in the observer's
 *       socket when the observer makes its one read; t0 is taken on the observer thread right before
 *       it. Its latency is the cost of the call that reports an outcome, the floor under the
 *       detection figures of PeerClosesWhileObserverWaits.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HarnessBaselines
 * -prof io.closebench.bench.DetectionProfiler}
 */
public class HarnessBaselines extends DetectionBenchmark {

    @Param({"S2-arrived", "X1-arrived"})
    public String scenario;

    @Override
    protected String scenarioId() {
        return scenario;
    }

    @Benchmark
    public void setUpAndTearDown() throws Exception {
        runner().setUpAndTearDown(scenario());
    }
}
