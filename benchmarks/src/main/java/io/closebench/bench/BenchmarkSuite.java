package io.closebench.bench;

import io.closebench.cable.CableExperiment;
import io.closebench.netns.NetnsCapability;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
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
 * Runs the benchmark classes through JMH's {@link Runner} on a {@link Profile}, into one results
 * folder: JMH's results as JSON and CSV ({@code jmh-<profile>.json/.csv}, with the detection
 * secondary results), its full log ({@code jmh-<profile>.log}), and per benchmark and fork the
 * {@code .hlog} and percentile CSV. One JMH run per class, because each class has its own scenarios,
 * and one per group of pulled-cable combinations (where network namespaces are available).
 */
public final class BenchmarkSuite {

    /** Every benchmark class, in the order they run. */
    public static final List<Class<? extends DetectionBenchmark>> CLASSES = List.of(HarnessBaselines.class,
            PeerClosesWhileObserverWaits.class, WritesAfterPeerClosed.class, ReadsAfterPeerClosed.class,
            ChildProcessEnds.class);

    /** The pulled-cable groups a profile runs: faults x mechanisms x observers that can set them. */
    private static final List<CableGroupPlan> CABLE_QUICK = List.of(
            new CableGroupPlan(List.of("PULLED_IDLE"), List.of("KEEPALIVE:2:1:3", "HEARTBEAT:500:3"), List.of("BLOCKING", "NIO")),
            new CableGroupPlan(List.of("PULLED_SENDING"), List.of("USER_TIMEOUT:3000"), List.of("NETTY_EPOLL")));
    private static final List<CableGroupPlan> CABLE_FULL = List.of(
            new CableGroupPlan(List.of("PULLED_IDLE", "PULLED_SENDING", "HOST_REBOOTED", "PEER_FROZEN"),
                    List.of("KEEPALIVE:2:1:3", "HEARTBEAT:500:3"), List.of("BLOCKING", "NIO", "NETTY_EPOLL")),
            new CableGroupPlan(List.of("PULLED_IDLE", "PULLED_SENDING", "HOST_REBOOTED", "PEER_FROZEN"),
                    List.of("USER_TIMEOUT:3000"), List.of("NETTY_EPOLL")));

    private final Profile profile;
    private final List<String> cpuBurners;
    private final Path folder;
    private final NetnsCapability netns;

    public BenchmarkSuite(Profile profile, List<String> cpuBurners, Path folder) {
        this.profile = profile;
        this.cpuBurners = List.copyOf(cpuBurners);
        this.folder = folder;
        this.netns = CableExperiment.capability();
    }

    /** The scenarios a class runs under this profile (its own @Param list, JVM children only in FULL). */
    public List<String> scenarios(Class<? extends DetectionBenchmark> benchmarkClass) {
        try {
            String[] all = benchmarkClass.getField("scenario").getAnnotation(Param.class).value();
            return Arrays.stream(all).filter(s -> profile.jvmChildren || !s.endsWith("-jvm")).toList();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(benchmarkClass + " has no @Param scenario field", e);
        }
    }

    /** How many JMH benchmarks (parameter combinations) the suite will run. */
    public int size() {
        return runs().stream().mapToInt(JmhRun::benchmarks).sum();
    }

    /** Why the pulled-cable benchmark will not run here, or empty when it will. */
    public String cableSkippedReason() {
        return netns.available() ? "" : netns.reason();
    }

    /** The profile, the classes and their parameters, for the run's metadata. */
    public String describe() {
        StringBuilder s = new StringBuilder(profile.name().toLowerCase() + ": " + profile.describe()
                + " cpu_burners=" + cpuBurners);
        for (Class<? extends DetectionBenchmark> c : CLASSES) {
            s.append("; ").append(c.getSimpleName()).append(scenarios(c));
        }
        s.append("; PulledCable").append(netns.available() ? cableGroups() : "[skipped: " + netns.reason() + "]");
        return s.toString();
    }

    public Collection<RunResult> run(PrintStream console) throws IOException, RunnerException {
        List<RunResult> results = new ArrayList<>();
        String name = "jmh-" + profile.name().toLowerCase();
        if (!netns.available()) {
            console.println("S1 (pulled cable) benchmarks skipped: " + netns.reason());
        }
        try (PrintStream logFile = new PrintStream(Files.newOutputStream(folder.resolve(name + ".log")), true, "UTF-8")) {
            OutputFormat log = OutputFormatFactory.createFormatInstance(logFile, VerboseMode.NORMAL);
            ProgressOutputFormat progress = new ProgressOutputFormat(log, console, size());
            for (JmhRun r : runs()) {
                results.addAll(new Runner(r.options(), progress).run());
            }
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, folder.resolve(name + ".json").toString()).writeOut(results);
        ResultFormatFactory.getInstance(ResultFormatType.CSV, folder.resolve(name + ".csv").toString()).writeOut(results);
        return results;
    }

    /** One JMH Runner invocation and how many benchmarks it holds. */
    private record JmhRun(Options options, int benchmarks) {
    }

    /** Faults x mechanisms x observers of the pulled cable, all combinations valid. */
    private record CableGroupPlan(List<String> faults, List<String> mechanisms, List<String> observers) {
        int size() {
            return faults.size() * mechanisms.size() * observers.size();
        }
    }

    private List<CableGroupPlan> cableGroups() {
        return profile == Profile.QUICK ? CABLE_QUICK : CABLE_FULL;
    }

    private List<JmhRun> runs() {
        List<JmhRun> runs = new ArrayList<>();
        for (Class<? extends DetectionBenchmark> c : CLASSES) {
            long methods = Arrays.stream(c.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).count();
            int n = (int) (methods * scenarios(c).size() * 2 * profile.loads.size() * cpuBurners.size());
            runs.add(new JmhRun(common(c)
                    .param("scenario", scenarios(c).toArray(String[]::new))
                    .param("loadConnections", profile.loads.toArray(String[]::new))
                    .param("cpuBurners", cpuBurners.toArray(String[]::new))
                    .warmupIterations(profile.warmupIterations)
                    .warmupTime(TimeValue.seconds(profile.warmupSeconds))
                    .measurementIterations(profile.measurementIterations)
                    .measurementTime(TimeValue.seconds(profile.measurementSeconds))
                    .forks(profile.forks)
                    .build(), n));
        }
        if (netns.available()) {
            for (CableGroupPlan g : cableGroups()) {
                runs.add(new JmhRun(common(PulledCable.class)
                        .param("fault", g.faults().toArray(String[]::new))
                        .param("mechanism", g.mechanisms().toArray(String[]::new))
                        .param("observer", g.observers().toArray(String[]::new))
                        // single-shot: each iteration is one pull of the cable with 20 connections
                        .warmupIterations(0)
                        .measurementIterations(profile == Profile.QUICK ? 1 : 2)
                        .forks(1)
                        .build(), g.size()));
            }
        }
        return runs;
    }

    private ChainedOptionsBuilder common(Class<?> c) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(c.getName()) + "\\.")
                // replaces the annotation's jvmArgsAppend, so the heap settings are repeated here
                .jvmArgsAppend("-Xms256m", "-Xmx256m", "-D" + LatencyJournal.OUT_PROPERTY + "=" + folder.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true);
    }
}
