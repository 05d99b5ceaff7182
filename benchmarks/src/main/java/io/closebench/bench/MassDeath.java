package io.closebench.bench;

import io.closebench.massdeath.MassDeathResult;
import io.closebench.massdeath.MassDeathSpec;
import io.closebench.massdeath.MassDeathTrial;
import io.closebench.fault.MassFault;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.time.Duration;
import java.util.Optional;
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
 * N peers die at once, single-shot: one invocation is one mass death. The set-up (the observer, N
 * connections accepted and watched, the peer ready) is an invocation fixture, outside the timed
 * region; the invocation kills the peer at t0 and returns when the server has learned of every dead
 * connection (or the bound passed). So JMH's own score is the time to detect all N; every
 * connection's t1 - t0 goes into the histogram, and the outcome counts into the profiler's results.
 *
 * <p>Caveat: {@code Level.Invocation} fixtures are timed by JMH around each invocation, which costs
 * microseconds: nothing against a single shot of milliseconds to seconds, which is why this is the
 * one benchmark here that uses them. A mass death of 10,000 connections needs about 10,000 file
 * descriptors per process (20,000 for ABORT, whose peer is in-process); set-up fails, saying so,
 * where the limit is lower. Run {@code -prof gc} to see what the whole invocation allocates: the
 * harness itself allocates nothing per detection ({@code massdeath.DetectionTimes}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MassDeath -p connections=1000 -p fault=KILL
 * -prof io.closebench.bench.DetectionProfiler -prof gc}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
public class MassDeath {

    @Param({"1", "10", "100", "1000", "10000"})
    public int connections;

    @Param({"BLOCKING", "VIRTUAL", "NIO", "NIO_PER_CORE", "NETTY_NIO", "NETTY_EPOLL", "NETTY_IOURING"})
    public Observer observer;

    @Param({"KILL", "KILL_UNREAD", "ABORT"})
    public MassFault fault;

    @Param({"OS"})
    public Placement placement;

    @Param({"0"})
    public int loadConnections;

    private MassDeathSpec spec;
    private MassDeathTrial trial;
    private MassDeathResult result;
    private int invocation;

    @Setup(Level.Trial)
    public void check() {
        ObserverModels.unavailableReason(observer).ifPresent(why -> {
            throw new IllegalStateException("skipped: " + observer + ": " + why);
        });
        CpuPlan.unavailableReason(placement).ifPresent(why -> {
            throw new IllegalStateException("skipped: " + why);
        });
        if (!fault.onLoopback()) {
            throw new IllegalArgumentException(fault + " needs network namespaces: `closebench mass-death --faults HOST`");
        }
        spec = new MassDeathSpec(fault, observer, connections, CpuPlan.of(placement), loadConnections, Duration.ofSeconds(10),
                Optional.empty());
    }

    @Setup(Level.Invocation)
    public void peersUp() throws Exception {
        trial = MassDeathTrial.prepared(spec, ++invocation);
    }

    @Benchmark
    public MassDeathResult die() throws Exception {
        result = trial.dieAndCollect();
        return result;
    }

    @TearDown(Level.Invocation)
    public void record(LatencyJournal journal) {
        trial.close();
        if (result != null) {
            for (int i = 0; i < result.latencyNanos().length; i++) {
                journal.record(result.outcomes()[i], result.latencyNanos()[i], result.outcomes()[i] != fault.expected());
            }
        }
        result = null;
    }
}
