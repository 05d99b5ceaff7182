package io.closebench.cli;

import io.closebench.floor.FloorCase;
import io.closebench.floor.NativeFloor;
import io.closebench.floor.NativeFloorCsv;
import io.closebench.floor.NativeFloorFigure;

import io.closebench.bench.BenchSelection;
import io.closebench.bench.BenchmarkGroup;
import io.closebench.bench.BenchmarkSuite;
import io.closebench.bench.ForkJvm;
import io.closebench.bench.Profile;
import io.closebench.results.ResultsFolder;
import io.closebench.run.RunControl;
import io.closebench.schema.MetadataKey;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench bench}: the JMH benchmarks on a profile, with histograms, CSVs and a summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the JMH benchmarks of a profile (every model, placement, idle time and load the profile "
                + "holds, narrowed by the options below), writes JMH's results, HdrHistogram logs, percentile CSVs and a "
                + "summary to a new folder under --results. Ctrl-C stops it at once, keeping every fork that finished.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "PROFILE",
            description = "${COMPLETION-CANDIDATES}: quick (about 4 min on 2 cores) or full, what one publishes "
                    + "(about two hours) (default: ${DEFAULT-VALUE}).")
    Profile profile = Profile.QUICK;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Only the benchmarks whose class name matches (JMH's include syntax), e.g. "
                    + "'PeerClosesWhileObserverWaits|HarnessBaselines'.")
    String include;

    @Option(names = "--forks", paramLabel = "N",
            description = "Forks per benchmark instead of the profile's: more forks, a better estimate of run-to-run "
                    + "variation (the report's intervals resample forks and iterations).")
    Integer forks;

    @Option(names = "--placement", split = ",", paramLabel = "PLACEMENT",
            description = "Placements to run instead of the profile's: OS, SAME_CPU, CROSS_CPU; one this machine cannot "
                    + "realise is skipped with the reason.")
    List<Placement> placements;

    @Option(names = "--idle-before-fault", split = ",", paramLabel = "MICROS",
            description = "Idle times before the fault instead of the profile's, e.g. 0,1000,10000.")
    List<Long> idles;

    @Option(names = "--observers", split = ",", paramLabel = "MODEL",
            description = "Observers instead of the profile's: BLOCKING, VIRTUAL, NIO, NETTY_NIO, NETTY_EPOLL, "
                    + "NETTY_IOURING; one that cannot run on the forks' JDK or this kernel is skipped with the reason.")
    List<Observer> observers;

    @Option(names = "--cpu-burners", split = ",", paramLabel = "N", defaultValue = "0",
            description = "CPU contention: threads that each keep a CPU busy, e.g. 0,1 (default: ${DEFAULT-VALUE}).")
    List<Integer> cpuBurners = new ArrayList<>(List.of(0));

    @Option(names = "--jvm", paramLabel = "PATH",
            description = "The java executable the forks run on (default: the one running closebench), e.g. "
                    + "/usr/lib/jvm/java-17-openjdk-amd64/bin/java to compare JDKs.")
    Path jvmPath;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    private ForkJvm jvm;
    private BenchSelection selection;

    @Override
    public Integer call() throws Exception {
        validate();
        return RunLifecycle.start(results, "bench", this::parameters, this::runInto);
    }

    /** Checks the options; bad input is a ParameterException (exit status 2) saying what is valid. */
    void validate() {
        if (cpuBurners.isEmpty() || cpuBurners.stream().anyMatch(n -> n < 0 || n > 64)) {
            throw new ParameterException(spec.commandLine(), "--cpu-burners takes whole numbers from 0 to 64, got " + cpuBurners);
        }
        if (forks != null && (forks < 1 || forks > 100)) {
            throw new ParameterException(spec.commandLine(), "--forks takes 1 to 100, got " + forks);
        }
        if (idles != null && idles.stream().anyMatch(i -> i < 0 || i > 2_000_000)) {
            throw new ParameterException(spec.commandLine(), "--idle-before-fault takes microseconds from 0 to 2000000, got "
                    + idles);
        }
        if (observers != null && observers.contains(Observer.NIO_PER_CORE)) {
            throw new ParameterException(spec.commandLine(), "NIO_PER_CORE watches many connections (mass-death); the "
                    + "case benchmarks observe one connection");
        }
        if (observers != null) {
            observers.stream().map(ObserverModels::onlyInTheMatrix).flatMap(Optional::stream).findFirst().ifPresent(why -> {
                throw new ParameterException(spec.commandLine(), why + "; the benchmarks' C figures are the native floor");
            });
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(include == null ? ".*" : include);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--include is not a regular expression: " + e.getMessage());
        }
        try {
            jvm = jvmPath == null ? ForkJvm.current() : ForkJvm.at(jvmPath);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--jvm: " + e.getMessage());
        }
        selection = new BenchSelection(pattern, Optional.ofNullable(forks), Optional.ofNullable(placements),
                Optional.ofNullable(idles), Optional.ofNullable(observers), List.copyOf(cpuBurners));
        BenchmarkSuite suite = suite(Path.of("."));
        if (suite.size() == 0 && suite.skippedCount() == 0) {
            throw new ParameterException(spec.commandLine(), "--include '" + include + "' selects no benchmark of the "
                    + profile.name().toLowerCase() + " profile; classes: HarnessBaselines, PeerClosesWhileObserverWaits, "
                    + "WritesAfterPeerClosed, ReadsAfterPeerClosed, ChildProcessEnds, PulledCable");
        }
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    Map<String, String> parameters(ResultsFolder folder) {
        BenchmarkSuite suite = suite(folder.dir());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bench.profile", suite.describe());
        p.put(MetadataKey.BENCH_PLACEMENTS, join(suite.everywhere(BenchmarkGroup::placements)));
        p.put(MetadataKey.BENCH_IDLE_BEFORE_FAULT_US, join(suite.everywhere(BenchmarkGroup::idles)));
        p.put(MetadataKey.BENCH_OBSERVERS, join(suite.everywhere(BenchmarkGroup::observers)));
        p.put(MetadataKey.BENCH_LOADS, join(suite.everywhere(BenchmarkGroup::loads)));
        p.put(MetadataKey.BENCH_FORKS, String.valueOf(forks != null ? forks : profile.forks()));
        p.put(MetadataKey.BENCH_CPU_BURNERS, join(cpuBurners));
        p.put("bench.benchmarks", String.valueOf(suite.size()));
        p.put("bench.skipped", String.valueOf(suite.skippedCount()));
        p.put(MetadataKey.BENCH_JVM, jvm.describe());
        p.put("bench.jvm_args", "-Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED (forks)");
        return p;
    }

    void runInto(ResultsFolder folder, RunControl control) throws Exception {
        BenchmarkSuite suite = suite(folder.dir());
        System.out.printf("%nclosebench benchmarks, profile %s: %d JMH benchmarks (%d combinations skipped here), forks on "
                        + "%s -> %s (JMH's own log: jmh-%s.log)%n", profile.name().toLowerCase(), suite.size(),
                suite.skippedCount(), jvm.describe(), folder.dir(), profile.name().toLowerCase());
        suite.run(System.out, control);
        if (!control.stopRequested()) {
            nativeFloor(suite, folder, control);
        }
    }

    /**
     * The same detections by a C program, under the same placements and idle times, into
     * native-floor.csv: what the kernel alone costs here. 2000 repetitions a case, 300 where the
     * observer idles first (each costs its idle time).
     */
    private static void nativeFloor(BenchmarkSuite suite, ResultsFolder folder, RunControl control) throws IOException {
        List<FloorCase> cases = suite.floorCases();
        if (cases.isEmpty()) {
            return;
        }
        System.out.printf("%nthe native floor: %d cases, the same detection in C (no JVM) -> native-floor.csv%n", cases.size());
        List<NativeFloorFigure> figures = new ArrayList<>();
        for (FloorCase c : cases) {
            if (control.stopRequested()) {
                break;
            }
            control.nowDoing("native floor " + c.scenario().id() + " " + c.api() + " " + c.placement());
            NativeFloorFigure f = NativeFloor.program().run(c, 200, c.idleMicros() > 0 ? 300 : 2000);
            figures.add(f);
            System.out.println("  " + NativeFloor.describe(f));
        }
        NativeFloorCsv.write(figures, folder.dir());
    }

    private BenchmarkSuite suite(Path folder) {
        return new BenchmarkSuite(profile, selection, folder, jvm);
    }
}
