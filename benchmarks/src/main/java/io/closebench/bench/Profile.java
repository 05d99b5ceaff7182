package io.closebench.bench;

import io.closebench.massdeath.MassDeathPlan;
import io.closebench.fault.MassFault;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.List;

/**
 * How much of the benchmark suite to run, and how long: the groups of parameter combinations
 * ({@link BenchmarkGroup}) and JMH's iteration settings.
 *
 * <p>QUICK is the main job's: a first look in about four minutes on 2 cores. Every model on the
 * EOF, RST and EPIPE cases (S2-inproc, X1-linger0, C1) and on the baselines, SAME_CPU, idle 0 and
 * 10 ms on the EOF and RST cases; the set-up baseline and the other case families with the blocking
 * and NIO observers only (a call blocked when the connection ends, X4 and X5, among them), idle and
 * with 100 background connections. One fork, 1 s warmup, two 1 s iterations: the
 * verdicts it allows are "one fork: not judged".
 *
 * <p>FULL is what a user runs to publish, about two hours on 2 cores: every model on every case
 * (X4 and X5 idle 0 and 10 ms too);
 * all three placements and idle 0 and 10 ms on the EOF and RST cases and their baselines, all three
 * placements on C1; set-up and tear-down with the JDK's two models under each placement; two forks
 * of three 2 s measurement iterations (so that fork-to-fork and iteration-to-iteration variation
 * show, and the report can resample them); load 100 and 1000 where load says something. CPU
 * contention is a separate choice ({@code --cpu-burners 0,1}), as it doubles the time.
 *
 * <p>Each profile also says how much mass death the main job runs after the benchmarks: QUICK N up
 * to 1000 with the two fast faults, 3 trials; FULL N up to 10,000, every fault, 3 trials (HOST where
 * network namespaces exist, with keepalive, N 10 and 1000: its trials take seconds each).
 */
public enum Profile {

    QUICK(1, 1, 1, 2, 1, quickGroups(),
            new MassDeathPlan(List.of(1, 100, 1000), List.of(MassFault.KILL, MassFault.ABORT), 3, 1, List.of(),
                    List.of())),
    FULL(2, 1, 1, 3, 2, fullGroups(),
            new MassDeathPlan(List.of(1, 10, 100, 1000, 10_000), List.of(MassFault.values()), 3, 1, List.of(10, 1000),
                    List.of("KEEPALIVE:2:1:3")));

    final int forks;
    final int warmupIterations;
    final int warmupSeconds;
    final int measurementIterations;
    final int measurementSeconds;
    private final List<BenchmarkGroup> groups;
    private final MassDeathPlan massDeath;

    Profile(int forks, int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
            List<BenchmarkGroup> groups, MassDeathPlan massDeath) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
        this.groups = groups;
        this.massDeath = massDeath;
    }

    /** The mass deaths the main job runs after the benchmarks on this profile. */
    public MassDeathPlan massDeath() {
        return massDeath;
    }

    public List<BenchmarkGroup> groups() {
        return groups;
    }

    public int forks() {
        return forks;
    }

    /** "forks=1 warmup=1x1s measurement=2x1s" for metadata. */
    public String describe() {
        return "forks=" + forks + " warmup=" + warmupIterations + "x" + warmupSeconds + "s measurement="
                + measurementIterations + "x" + measurementSeconds + "s";
    }

    /** Parameter values the groups share; a holder, as an enum's constants are built before its static fields. */
    private static final class Values {
        static final List<Placement> PINNED = List.of(Placement.SAME_CPU);
        static final List<Placement> EVERY_PLACEMENT = List.of(Placement.SAME_CPU, Placement.CROSS_CPU, Placement.OS);
        static final List<Long> IDLE_0 = List.of(0L);
        static final List<Long> IDLE_0_10MS = List.of(0L, 10_000L);
    }

    private static List<Observer> every() {
        return ObserverModels.singleConnection();
    }

    private static List<BenchmarkGroup> quickGroups() {
        List<Observer> jdk = List.of(Observer.BLOCKING, Observer.NIO);
        return List.of(
                new BenchmarkGroup(HarnessBaselines.class, List.of("S2-arrived", "X1-arrived"), every(), Values.PINNED, Values.IDLE_0,
                        List.of(0)).only("repetition"),
                // what set-up and tear-down cost the harness: the JDK's two models are enough for a first look
                new BenchmarkGroup(HarnessBaselines.class, List.of("S2-arrived", "X1-arrived"), jdk, Values.PINNED, Values.IDLE_0,
                        List.of(0)).only("setUpAndTearDown"),
                new BenchmarkGroup(PeerClosesWhileObserverWaits.class, List.of("S2-inproc", "X1-linger0"), every(), Values.PINNED,
                        Values.IDLE_0_10MS, List.of(0)),
                new BenchmarkGroup(PeerClosesWhileObserverWaits.class, List.of("S2-inproc", "X2-halfclose"), jdk, Values.PINNED,
                        Values.IDLE_0, List.of(100)),
                new BenchmarkGroup(WritesAfterPeerClosed.class, List.of("C1"), every(), Values.PINNED, Values.IDLE_0, List.of(0)),
                new BenchmarkGroup(WritesAfterPeerClosed.class, List.of("S5", "X3-rst-on-write"), jdk, Values.PINNED, Values.IDLE_0,
                        List.of(0)),
                new BenchmarkGroup(ReadsAfterPeerClosed.class, List.of("C2a", "C2b", "C3a", "C3b"), jdk, Values.PINNED, Values.IDLE_0,
                        List.of(0)),
                new BenchmarkGroup(BlockedCallEnds.class, List.of("X4-local-close", "X5a-unread", "X5b-linger0"), jdk,
                        Values.PINNED, Values.IDLE_0, List.of(0)),
                new BenchmarkGroup(ChildProcessEnds.class, List.of("S2-bash", "S3b-bash", "S4b-bash"), jdk, Values.PINNED, Values.IDLE_0,
                        List.of(0)));
    }

    private static List<BenchmarkGroup> fullGroups() {
        return List.of(
                new BenchmarkGroup(HarnessBaselines.class, List.of("S2-arrived", "X1-arrived"), every(), Values.EVERY_PLACEMENT,
                        Values.IDLE_0_10MS, List.of(0)).only("repetition"),
                // set-up and tear-down are not detections: the JDK's two models under each placement
                // say what they cost the harness, and idle time does not enter them (an hour less)
                new BenchmarkGroup(HarnessBaselines.class, List.of("S2-arrived", "X1-arrived"), List.of(Observer.BLOCKING,
                        Observer.NIO), Values.EVERY_PLACEMENT, Values.IDLE_0, List.of(0)).only("setUpAndTearDown"),
                new BenchmarkGroup(PeerClosesWhileObserverWaits.class, List.of("S2-inproc", "X1-linger0"), every(),
                        Values.EVERY_PLACEMENT, Values.IDLE_0_10MS, List.of(0)),
                new BenchmarkGroup(PeerClosesWhileObserverWaits.class, List.of("S2-inproc", "X1-linger0"), every(), Values.PINNED,
                        Values.IDLE_0, List.of(100, 1000)),
                new BenchmarkGroup(PeerClosesWhileObserverWaits.class, List.of("X2-halfclose"), every(), Values.PINNED, Values.IDLE_0,
                        List.of(0)),
                // C1 under every placement (the EPIPE figure users compare); S5 and X3 pinned, as the
                // other case families
                new BenchmarkGroup(WritesAfterPeerClosed.class, List.of("C1"), every(), Values.EVERY_PLACEMENT, Values.IDLE_0,
                        List.of(0)),
                new BenchmarkGroup(WritesAfterPeerClosed.class, List.of("S5", "X3-rst-on-write"), every(), Values.PINNED,
                        Values.IDLE_0, List.of(0)),
                new BenchmarkGroup(ReadsAfterPeerClosed.class, List.of("C2a", "C2b", "C3a", "C3b"), every(), Values.PINNED,
                        Values.IDLE_0, List.of(0)),
                new BenchmarkGroup(BlockedCallEnds.class, List.of("X4-local-close", "X5a-unread", "X5b-linger0"), every(),
                        Values.PINNED, Values.IDLE_0_10MS, List.of(0)),
                new BenchmarkGroup(ChildProcessEnds.class, List.of("S2-jvm", "S2-bash", "S3a-jvm", "S3b-jvm", "S3a-bash",
                        "S3b-bash", "S4a-jvm", "S4b-jvm", "S4a-bash", "S4b-bash"), every(), Values.PINNED, Values.IDLE_0, List.of(0)));
    }
}
