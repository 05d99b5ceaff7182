package io.closebench.bench;

import io.closebench.s1.CableExperiment;
import io.closebench.netns.NetnsCapability;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.rig.RunControl;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.analysis.results.DetectionJson;
import io.closebench.floor.FloorCase;
import io.closebench.floor.FloorScenario;
import io.closebench.schema.FloorApi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a {@link Profile}'s benchmark groups through JMH's {@link Runner}, narrowed by the user's
 * {@link BenchSelection}, into one results folder: JMH's results as JSON and CSV
 * ({@code jmh-<profile>.json/.csv}, rewritten after each JMH run so they hold everything finished),
 * its full log ({@code jmh-<profile>.log}), per benchmark and fork the {@code .hlog} and percentile
 * CSV, and the summary, one row per benchmark as it ends; beside JMH's JSON, {@code detection-<profile>.json},
 * the same with detection latency as each benchmark's primary figure. Combinations that cannot run here (a model
 * the forks' JDK or this kernel lacks, a placement without affinity or enough CPUs) are not run and
 * get a summary row saying why. A stop request ends the suite after the JMH run in progress (whose
 * fork the signal handler stops).
 */
public final class BenchmarkSuite {

    /** Every benchmark class, in the order they run. */
    public static final List<Class<? extends DetectionBenchmark>> CLASSES = List.of(HarnessBaselines.class,
            PeerClosesWhileObserverWaits.class, WritesAfterPeerClosed.class, ReadsAfterPeerClosed.class,
            BlockedCallEnds.class, ChildProcessEnds.class);

    /** The pulled-cable groups a profile runs: faults x mechanisms x observers that can set them. */
    private static final List<CableGroupPlan> CABLE_QUICK = List.of(
            new CableGroupPlan(List.of("PULLED_IDLE"), List.of("KEEPALIVE:2:1:3", "HEARTBEAT:500:3"), List.of("BLOCKING", "NIO")),
            new CableGroupPlan(List.of("PULLED_SENDING"), List.of("USER_TIMEOUT:3000"), List.of("NETTY_EPOLL")));
    private static final List<CableGroupPlan> CABLE_FULL = List.of(
            new CableGroupPlan(List.of("PULLED_IDLE", "PULLED_SENDING", "HOST_REBOOTED", "PEER_FROZEN"),
                    List.of("KEEPALIVE:2:1:3", "HEARTBEAT:500:3"), List.of("BLOCKING", "NIO", "NETTY_EPOLL")),
            new CableGroupPlan(List.of("PULLED_IDLE", "PULLED_SENDING", "HOST_REBOOTED", "PEER_FROZEN", "PEER_NOT_READING"),
                    List.of("USER_TIMEOUT:3000"), List.of("NETTY_EPOLL")),
            new CableGroupPlan(List.of("PEER_NOT_READING"), List.of("HEARTBEAT:500:3"), List.of("BLOCKING", "NIO", "NETTY_EPOLL")),
            new CableGroupPlan(List.of("PULLED_IDLE", "PULLED_SENDING"),
                    List.of("KEEPALIVE_USER_TIMEOUT:2:1:3:3000", "KEEPALIVE_USER_TIMEOUT:2:1:3:10000"), List.of("NETTY_EPOLL")),
            new CableGroupPlan(List.of("RECONNECT"), List.of("DEFAULTS", "CONNECT_TIMEOUT:1000"),
                    List.of("BLOCKING", "NIO", "NETTY_EPOLL")),
            new CableGroupPlan(List.of("RECONNECT"), List.of("USER_TIMEOUT:2000"), List.of("NETTY_EPOLL")));

    private final Profile profile;
    private final BenchSelection selection;
    private final Path folder;
    private final ForkJvm jvm;
    private final NetnsCapability netns;
    private final JmhArguments jmh;
    private final ForkPeer peer;

    /**
     * Where the forks' peers live: this host, or a peer agent on another, which every fork opens a
     * session with (the JVM arguments that name it), and the scenarios it cannot play there, each with
     * its reason.
     *
     * @param jvmArgs    what names the agent to a fork (empty: this host)
     * @param cannotPlay why a scenario (by id) cannot be played there, or empty
     * @param describe   where, in a few words
     */
    public record ForkPeer(List<String> jvmArgs, java.util.function.Function<String, Optional<String>> cannotPlay,
                           String describe) {

        public static final ForkPeer THIS_HOST = new ForkPeer(List.of(), id -> Optional.empty(), "this host");

        public boolean remote() {
            return !jvmArgs.isEmpty();
        }
    }

    public BenchmarkSuite(Profile profile, BenchSelection selection, Path folder, ForkJvm jvm) {
        this(profile, selection, folder, jvm, JmhArguments.none());
    }

    /** @param jmh JMH's own arguments, laid over each JMH run of the suite ({@code closebench bench -- ...}) */
    public BenchmarkSuite(Profile profile, BenchSelection selection, Path folder, ForkJvm jvm, JmhArguments jmh) {
        this(profile, selection, folder, jvm, jmh, ForkPeer.THIS_HOST);
    }

    /** @param peer where the forks' peers live */
    public BenchmarkSuite(Profile profile, BenchSelection selection, Path folder, ForkJvm jvm, JmhArguments jmh,
                          ForkPeer peer) {
        this.profile = profile;
        this.selection = selection;
        this.folder = folder;
        this.jvm = jvm;
        this.netns = CableExperiment.capability();
        this.jmh = jmh;
        this.peer = peer;
    }

    /** One JMH Runner invocation, what it holds, and what of its group could not run here. */
    private record JmhRun(String name, Options options, int benchmarks, List<Skipped> skipped) {
    }

    /** A parameter combination left out, and why. */
    private record Skipped(BenchmarkKey key, String reason) {
    }

    /** Faults x mechanisms x observers of the pulled cable, all combinations valid. */
    private record CableGroupPlan(List<String> faults, List<String> mechanisms, List<String> observers) {
        int size() {
            return faults.size() * mechanisms.size() * observers.size();
        }
    }

    /** How many JMH benchmarks (parameter combinations) the suite will run. */
    public int size() {
        return runs().stream().mapToInt(JmhRun::benchmarks).sum();
    }

    /** How many combinations it leaves out because they cannot run here. */
    public int skippedCount() {
        return runs().stream().mapToInt(r -> r.skipped().size()).sum();
    }

    /** Why the pulled-cable benchmark will not run here, or empty when it will. */
    public String cableSkippedReason() {
        return netns.available() ? "" : netns.reason();
    }

    /** The profile, the groups and their parameters, for the run's metadata. */
    public String describe() {
        StringBuilder s = new StringBuilder(profile.name().toLowerCase() + ": " + profile.describe() + " "
                + selection.describe() + "; forks' JVM " + jvm.describe());
        for (JmhRun r : runs()) {
            s.append("; ").append(r.name()).append(" (").append(r.benchmarks()).append(")");
        }
        if (!netns.available()) {
            s.append("; PulledCable skipped: ").append(netns.reason());
        } else if (peer.remote()) {
            s.append("; PulledCable skipped: the peer is on another host (").append(peer.describe())
                    .append("): across hosts S1 runs in matrix --peer");
        }
        if (peer.remote()) {
            s.append("; peers on ").append(peer.describe());
        }
        return s.toString();
    }

    public Collection<RunResult> run(PrintStream console, RunControl control) throws IOException, RunnerException {
        // a fork inherits the CPUs of the thread that starts it: this one must not carry an earlier job's pin
        CpuPlan.pinCurrent(java.util.Optional.empty());
        List<RunResult> results = new ArrayList<>();
        String name = "jmh-" + profile.name().toLowerCase();
        if (!netns.available()) {
            console.println("S1 (pulled cable) benchmarks skipped: " + netns.reason());
        } else if (peer.remote()) {
            console.println("S1 (pulled cable) benchmarks skipped: the peer is on another host; across hosts S1 runs in "
                    + "matrix --peer");
        }
        List<JmhRun> runs = runs();
        try (PrintStream logFile = new PrintStream(Files.newOutputStream(folder.resolve(name + ".log")), true, "UTF-8");
             SummaryCsv summary = new SummaryCsv(folder, profile.name().toLowerCase(), jvm.versionLine())) {
            for (JmhRun r : runs) {
                for (Skipped s : r.skipped()) {
                    summary.addSkipped(s.key(), s.reason());
                }
            }
            OutputFormat log = OutputFormatFactory.createFormatInstance(logFile, VerboseMode.NORMAL);
            ProgressOutputFormat progress = new ProgressOutputFormat(log, console, summary,
                    runs.stream().mapToInt(JmhRun::benchmarks).sum());
            for (JmhRun r : runs) {
                if (control.stopRequested()) {
                    break;
                }
                if (r.benchmarks() == 0) {
                    continue;
                }
                control.nowDoing("bench " + r.name());
                Collection<RunResult> done = new Runner(r.options(), progress).run();
                results.addAll(done);
                done.forEach(x -> control.repetitionsDone(repetitions(x)));
                ResultFormatFactory.getInstance(ResultFormatType.JSON, folder.resolve(name + ".json").toString()).writeOut(results);
                ResultFormatFactory.getInstance(ResultFormatType.CSV, folder.resolve(name + ".csv").toString()).writeOut(results);
                // the same results with detection latency as the primary figure, for JMH's visualizers
                DetectionJson.write(folder.resolve(name + ".json"));
            }
            console.println();
            summary.print(console);
        }
        return results;
    }

    private static long repetitions(RunResult r) {
        var count = r.getAggregatedResult().getSecondaryResults().get("detect.count");
        return count == null ? 0 : Math.round(count.getScore());
    }

    /**
     * Every value one parameter takes somewhere in this suite (its groups as the user narrowed
     * them), in first-seen order: the placements, idle times or models the run covers, for the
     * metadata, where compare can set two runs' keys side by side.
     */
    public <T> List<T> everywhere(java.util.function.Function<BenchmarkGroup, List<T>> parameter) {
        java.util.Set<T> values = new java.util.LinkedHashSet<>();
        for (BenchmarkGroup profiled : profile.groups()) {
            Class<? extends DetectionBenchmark> c = profiled.benchmark();
            if (included(c)) {
                values.addAll(parameter.apply(selection.narrow(profiled)));
            }
        }
        return List.copyOf(values);
    }

    /**
     * The native floor's cases for this suite: every C API on each floor scenario (S2-inproc,
     * X1-linger0) under every placement and idle time the suite runs that scenario with, so that
     * the report can put C's figure beside Java's under the same conditions.
     */
    public List<FloorCase> floorCases() {
        java.util.Set<FloorCase> cases = new java.util.LinkedHashSet<>();
        for (BenchmarkGroup profiled : profile.groups()) {
            Class<? extends DetectionBenchmark> c = profiled.benchmark();
            if (!included(c)) {
                continue;
            }
            BenchmarkGroup g = selection.narrow(profiled);
            for (FloorScenario f : FloorScenario.values()) {
                if (g.scenarios().contains(f.id())) {
                    cases.addAll(FloorCase.grid(List.of(f), List.of(FloorApi.values()),
                            g.placements(), g.idles()));
                }
            }
        }
        return List.copyOf(cases);
    }

    private List<JmhRun> runs() {
        List<JmhRun> runs = new ArrayList<>();
        for (BenchmarkGroup profiled : profile.groups()) {
            Class<? extends DetectionBenchmark> c = profiled.benchmark();
            if (!included(c)) {
                continue;
            }
            BenchmarkGroup narrowed = selection.narrow(profiled);
            List<Skipped> skipped = new ArrayList<>();
            // what the peer's host cannot play (a bash child where there is no bash) is skipped with the reason
            List<String> playable = new ArrayList<>();
            for (String s : narrowed.scenarios()) {
                Optional<String> why = peer.cannotPlay().apply(s);
                if (why.isPresent()) {
                    for (Observer o : narrowed.observers()) {
                        skipFor(narrowed.withScenarios(List.of(s)), o, null, why.get(), skipped);
                    }
                } else {
                    playable.add(s);
                }
            }
            BenchmarkGroup g = narrowed.withScenarios(playable);
            List<Observer> observers = new ArrayList<>();
            for (Observer o : g.observers()) {
                Optional<String> why = jvm.unavailableReason(o);
                if (why.isPresent()) {
                    skipFor(g, o, null, why.get(), skipped);
                } else {
                    observers.add(o);
                }
            }
            List<Placement> placements = new ArrayList<>();
            for (Placement p : g.placements()) {
                Optional<String> why = CpuPlan.unavailableReason(p);
                if (why.isPresent()) {
                    for (Observer o : observers) {
                        skipFor(g, o, p, why.get(), skipped);
                    }
                } else {
                    placements.add(p);
                }
            }
            List<String> names = Arrays.stream(c.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .map(m -> c.getName() + "." + m.getName())
                    .filter(m -> g.method().isEmpty() || m.endsWith("." + g.method().get())).toList();
            long methods = jmh.countSelected(include(c, g.method()), names);
            int n = (int) (methods * g.scenarios().size() * observers.size() * placements.size() * g.idles().size()
                    * g.loads().size() * selection.cpuBurners().size());
            if (g.scenarios().isEmpty() || observers.isEmpty() || placements.isEmpty()) {
                n = 0;
            }
            ChainedOptionsBuilder o = common(c, g.method())
                    .param("scenario", g.scenarios().toArray(String[]::new))
                    .param("observer", observers.stream().map(Enum::name).toArray(String[]::new))
                    .param("placement", placements.stream().map(Enum::name).toArray(String[]::new))
                    .param("idleBeforeFaultMicros", g.idles().stream().map(String::valueOf).toArray(String[]::new))
                    .param("loadConnections", g.loads().stream().map(String::valueOf).toArray(String[]::new))
                    .param("cpuBurners", selection.cpuBurners().stream().map(String::valueOf).toArray(String[]::new))
                    .warmupIterations(profile.warmupIterations)
                    .warmupTime(TimeValue.seconds(profile.warmupSeconds))
                    .measurementIterations(profile.measurementIterations)
                    .measurementTime(TimeValue.seconds(profile.measurementSeconds))
                    .forks(selection.forks().orElse(profile.forks));
            runs.add(new JmhRun(c.getSimpleName() + g.scenarios(), jmh.over(o.build()), n, skipped));
        }
        List<String> cableNames = Arrays.stream(PulledCable.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class)).map(m -> PulledCable.class.getName() + "." + m.getName())
                .toList();
        if (netns.available() && !peer.remote() && included(PulledCable.class)
                && jmh.selectsAny(include(PulledCable.class, Optional.empty()), cableNames)) {
            for (CableGroupPlan g : profile == Profile.QUICK ? CABLE_QUICK : CABLE_FULL) {
                runs.add(new JmhRun("PulledCable" + g.faults(), jmh.over(common(PulledCable.class, Optional.empty())
                        .param("fault", g.faults().toArray(String[]::new))
                        .param("mechanism", g.mechanisms().toArray(String[]::new))
                        .param("observer", g.observers().toArray(String[]::new))
                        // single-shot: each iteration is one pull of the cable with 20 connections
                        .warmupIterations(0)
                        .measurementIterations(profile == Profile.QUICK ? 1 : 2)
                        .forks(1)
                        .build()), g.size(), List.of()));
            }
        }
        return runs;
    }

    private void skipFor(BenchmarkGroup g, Observer o, Placement only, String why, List<Skipped> skipped) {
        for (String s : g.scenarios()) {
            for (Placement p : only == null ? g.placements() : List.of(only)) {
                for (long idle : g.idles()) {
                    for (int load : g.loads()) {
                        for (int burners : selection.cpuBurners()) {
                            skipped.add(new Skipped(new BenchmarkKey(g.benchmark().getSimpleName() + ".repetition", s, o, p,
                                    idle, load, burners), why));
                        }
                    }
                }
            }
        }
    }

    /** The forks' JVM arguments: the heap, native access, where the journal writes, and the peer's agent if any. */
    private String[] forkArguments() {
        List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-D" + LatencyJournal.OUT_PROPERTY + "=" + folder.toAbsolutePath()));
        args.addAll(peer.jvmArgs());
        return args.toArray(String[]::new);
    }

    /** Whether the user's --include selects benchmark class {@code c} (its full or simple name). */
    private boolean included(Class<?> c) {
        return selection.include().matcher(c.getName()).find() || selection.include().matcher(c.getSimpleName()).find();
    }

    /** JMH's include for benchmark class {@code c}, or one method of it. */
    private static String include(Class<?> c, Optional<String> method) {
        return "^" + Pattern.quote(c.getName()) + "\\." + method.map(m -> Pattern.quote(m) + "$").orElse("");
    }

    private ChainedOptionsBuilder common(Class<?> c, Optional<String> method) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(jmh.narrow(include(c, method)))
                // replaces the annotation's jvmArgsAppend, so the heap settings are repeated here
                .jvmArgsAppend(forkArguments())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true);
        jvm.path().ifPresent(p -> b.jvm(p.toString()));
        return b;
    }
}
