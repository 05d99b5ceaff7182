package io.closebench.bench;

import io.closebench.run.CaseRunner;
import io.closebench.run.Observation;
import io.closebench.run.RunnerSettings;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Outcome;
import io.closebench.transport.SocketApi;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The base of every detection benchmark (JMH's inheritance pattern, as in JMHSample_24): one
 * benchmark invocation is one real repetition of a case, exactly as the conformance matrix runs it
 * (set up the pair, prepare, fault at t0, the observer's outcome at t1, tear down).
 *
 * <p>Two figures come out of it, and they must not be confused:
 * <ul>
 *   <li>JMH's score: repetitions per second per thread, set-up and tear-down included. This is the
 *       harness's throughput, not a detection time.</li>
 *   <li>The detection latency t1 - t0 of every measurement repetition, in the HdrHistogram log and
 *       percentile CSV written by {@link LatencyJournal}, and in the secondary results added by
 *       {@link DetectionProfiler} ({@code -prof io.closebench.bench.DetectionProfiler}).</li>
 * </ul>
 *
 * <p>No {@code Level.Invocation} fixtures: each repetition builds and tears down its own pair
 * inside the invocation, because the fault destroys it; the cost of doing so is measured on its own
 * by {@link HarnessBaselines}. Subclasses declare {@code @Param String scenario} with their case
 * family.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
@State(Scope.Thread)
public abstract class DetectionBenchmark {

    /** The detection path under test. */
    @Param({"BLOCKING", "NIO"})
    public SocketApi observer;

    /** Background connections streaming through the observer's own selector or threads while it detects. */
    @Param({"0", "100", "1000"})
    public int loadConnections;

    /** Threads that each keep a core busy (on 2 cores, 1 takes half the machine). */
    @Param({"0"})
    public int cpuBurners;

    private Scenario scenario;
    private CaseRunner runner;
    private BackgroundLoad load;
    private CpuBurners burners;

    /** The subclass's {@code @Param String scenario}. */
    protected abstract String scenarioId();

    @Setup(Level.Trial)
    public void start() throws IOException {
        scenario = ScenarioCatalogue.byId(scenarioId()).orElseThrow(() -> new IllegalArgumentException(
                "unknown scenario '" + scenarioId() + "'. Valid: " + ScenarioCatalogue.selectors()));
        runner = new CaseRunner(observer, RunnerSettings.defaults());
        load = loadConnections > 0 ? BackgroundLoad.start(loadConnections, runner) : null;
        burners = new CpuBurners(cpuBurners);
    }

    @Benchmark
    public Outcome repetition(LatencyJournal journal) {
        Observation o = runner.run(scenario);
        journal.record(o, scenario);
        return o.outcome();
    }

    protected CaseRunner runner() {
        return runner;
    }

    protected Scenario scenario() {
        return scenario;
    }

    /**
     * Hands the journal this thread's cumulative load counts (whether the load ran at its rate) at
     * every iteration's end: iteration tear-downs all run before any trial tear-down, whatever their
     * scope, so the journal has the last counts when it writes its CSV.
     */
    @TearDown(Level.Iteration)
    public void reportLoad(LatencyJournal journal) {
        if (load != null) {
            journal.noteLoad(this, load.sent(), load.dropped(), load.received());
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        if (load != null) {
            load.close();
        }
        burners.close();
        runner.close();
    }
}
