package io.closebench.bench;

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
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmark classes through JMH's {@link Runner} on a {@link Profile}, into one results
 * folder: JMH's results as JSON and CSV ({@code jmh-<profile>.json/.csv}, with the detection
 * secondary results), its full log ({@code jmh-<profile>.log}), and per benchmark and fork the
 * {@code .hlog} and percentile CSV. One JMH run per class, because each class has its own scenarios.
 */
public final class BenchmarkSuite {

    /** Every benchmark class, in the order they run. */
    public static final List<Class<? extends DetectionBenchmark>> CLASSES = List.of(HarnessBaselines.class,
            PeerClosesWhileObserverWaits.class, WritesAfterPeerClosed.class, ReadsAfterPeerClosed.class,
            ChildProcessEnds.class);

    private final Profile profile;
    private final List<String> cpuBurners;
    private final Path folder;

    public BenchmarkSuite(Profile profile, List<String> cpuBurners, Path folder) {
        this.profile = profile;
        this.cpuBurners = List.copyOf(cpuBurners);
        this.folder = folder;
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
        int n = 0;
        for (Class<? extends DetectionBenchmark> c : CLASSES) {
            long methods = Arrays.stream(c.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).count();
            n += (int) (methods * scenarios(c).size() * 2 * profile.loads.size() * cpuBurners.size());
        }
        return n;
    }

    /** The profile, the classes and their parameters, for the run's metadata. */
    public String describe() {
        StringBuilder s = new StringBuilder(profile.name().toLowerCase() + ": " + profile.describe()
                + " cpu_burners=" + cpuBurners);
        for (Class<? extends DetectionBenchmark> c : CLASSES) {
            s.append("; ").append(c.getSimpleName()).append(scenarios(c));
        }
        return s.toString();
    }

    public Collection<RunResult> run(PrintStream console) throws IOException, RunnerException {
        List<RunResult> results = new ArrayList<>();
        String name = "jmh-" + profile.name().toLowerCase();
        try (PrintStream logFile = new PrintStream(Files.newOutputStream(folder.resolve(name + ".log")), true, "UTF-8")) {
            OutputFormat log = OutputFormatFactory.createFormatInstance(logFile, VerboseMode.NORMAL);
            ProgressOutputFormat progress = new ProgressOutputFormat(log, console, size());
            for (Class<? extends DetectionBenchmark> c : CLASSES) {
                results.addAll(new Runner(options(c), progress).run());
            }
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, folder.resolve(name + ".json").toString()).writeOut(results);
        ResultFormatFactory.getInstance(ResultFormatType.CSV, folder.resolve(name + ".csv").toString()).writeOut(results);
        return results;
    }

    private org.openjdk.jmh.runner.options.Options options(Class<? extends DetectionBenchmark> c) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(c.getName()) + "\\.")
                .param("scenario", scenarios(c).toArray(String[]::new))
                .param("loadConnections", profile.loads.toArray(String[]::new))
                .param("cpuBurners", cpuBurners.toArray(String[]::new))
                .forks(profile.forks)
                .warmupIterations(profile.warmupIterations)
                .warmupTime(TimeValue.seconds(profile.warmupSeconds))
                .measurementIterations(profile.measurementIterations)
                .measurementTime(TimeValue.seconds(profile.measurementSeconds))
                // replaces the annotation's jvmArgsAppend, so the heap settings are repeated here
                .jvmArgsAppend("-Xms256m", "-Xmx256m", "-D" + LatencyJournal.OUT_PROPERTY + "=" + folder.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true);
        return o.build();
    }
}
