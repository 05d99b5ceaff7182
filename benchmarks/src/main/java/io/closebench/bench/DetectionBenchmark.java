package io.closebench.bench;

import io.closebench.placement.CpuPlan;
import io.closebench.remote.RemoteHome;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import io.closebench.rig.Observation;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.time.Duration;
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
 * <p>What decides the latency on a small machine more than the API: where the threads run
 * ({@code placement}) and how long the observer had slept ({@code idleBeforeFaultMicros}). Both are
 * parameters of every benchmark, and every figure is quoted with them. A combination this machine
 * cannot realise (a model this JDK lacks, a placement without affinity or CPUs) fails its set-up
 * with the reason; the main job does not schedule it and lists it as skipped.
 *
 * <p>No {@code Level.Invocation} fixtures: each repetition builds and tears down its own pair
 * inside the invocation, because the fault destroys it; the cost of doing so is measured on its own
 * by {@link HarnessBaselines}. Subclasses declare {@code @Param String scenario} with their case
 * family.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
@State(Scope.Thread)
public abstract class DetectionBenchmark {

    /** The I/O model under test. */
    @Param({"BLOCKING", "VIRTUAL", "NIO", "NETTY_NIO", "NETTY_EPOLL", "NETTY_IOURING"})
    public Observer observer;

    /** Where the observer, the peer and the fault-injecting thread run. */
    @Param({"SAME_CPU", "CROSS_CPU", "OS"})
    public Placement placement;

    /** How long, at least, the observer has been asleep when the fault comes. */
    @Param({"0", "10000"})
    public long idleBeforeFaultMicros;

    /** Background connections streaming through the observer's own loop or threads while it detects. */
    @Param({"0", "100", "1000"})
    public int loadConnections;

    /** Threads that each keep a CPU busy, on the observer's CPU when pinned (on 2 cores, 1 takes half the machine). */
    @Param({"0"})
    public int cpuBurners;

    private Scenario scenario;
    private PeerHome home;
    private CaseRunner runner;
    private BackgroundLoad load;
    private CpuBurners burners;

    /** The subclass's {@code @Param String scenario}. */
    protected abstract String scenarioId();

    @Setup(Level.Trial)
    public void start(LatencyJournal journal) throws IOException {
        scenario = ScenarioCatalogue.byId(scenarioId()).orElseThrow(() -> new IllegalArgumentException(
                "unknown scenario '" + scenarioId() + "'. Valid: " + ScenarioCatalogue.selectors()));
        CpuPlan.unavailableReason(placement).ifPresent(why -> {
            throw new IllegalStateException("skipped: " + why);
        });
        CpuPlan plan = CpuPlan.of(placement);
        RunnerSettings settings = RunnerSettings.defaults()
                .withIdleBeforeFault(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(idleBeforeFaultMicros)));
        // the fork's peers: a peer agent's, where the command line named one (-Dclosebench.peer), or this host's
        home = RemoteHome.fromSystemProperties().map(PeerHome.class::cast).orElseGet(ThisHost::new);
        home.cannotPlay(scenario).ifPresent(why -> {
            home.close();
            throw new IllegalStateException("skipped: " + why);
        });
        try {
            runner = new CaseRunner(observer, plan, settings, home);
        } catch (IllegalStateException e) {
            home.close();
            throw new IllegalStateException("skipped: " + e.getMessage(), e);
        }
        load = loadConnections > 0 ? BackgroundLoad.start(loadConnections, runner.side(), plan.loadGenerator()) : null;
        burners = new CpuBurners(cpuBurners, plan.burners());
        journal.noteCpus(plan.observerCpus(), plan.peerCpus());
        journal.notePeer(home.place());
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
        if (burners != null) {
            burners.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (home != null) {
            home.close();
        }
    }
}
