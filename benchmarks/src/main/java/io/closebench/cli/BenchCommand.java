package io.closebench.cli;

import io.closebench.floor.FloorCase;
import io.closebench.floor.NativeFloor;
import io.closebench.floor.NativeFloorCsv;
import io.closebench.floor.NativeFloorFigure;

import io.closebench.bench.BenchSelection;
import io.closebench.bench.BenchmarkGroup;
import io.closebench.bench.BenchmarkSuite;
import io.closebench.bench.ForkJvm;
import io.closebench.bench.JmhArguments;
import io.closebench.bench.Profile;
import io.closebench.results.ResultsFolder;
import io.closebench.rig.RunControl;
import io.closebench.schema.MetadataKey;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.rig.PeerHome;
import io.closebench.scenario.ScenarioCatalogue;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code closebench bench}: the JMH benchmarks on a profile, with histograms, CSVs and a summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the JMH benchmarks of a profile (every model, placement, idle time and load the profile "
                + "holds, narrowed by the options below), writes JMH's results, HdrHistogram logs, percentile CSVs and a "
                + "summary to a new folder under --results. Ctrl-C stops it at once, keeping every fork that finished.",
                "Everything after -- goes to JMH unchanged, parsed by JMH itself: its options win over closebench's "
                        + "(-wi, -i, -w, -r, -f, -p name=value, -jvm, -to, ...), -e and -prof add to closebench's, "
                        + "-jvmArgsAppend comes after closebench's fork arguments, and benchmark names (JMH's regular "
                        + "expressions) narrow the suite to what they match. JMH's -l, -lp, -lprof, -lrf and -h list "
                        + "as JMH does and run nothing. E.g. closebench bench -- -wi 1 -i 1 -f 1 PeerCloses, "
                        + "or closebench bench -- -l."})
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

    @picocli.CommandLine.Mixin
    PeerOptions peerOptions = new PeerOptions();

    @Parameters(paramLabel = "-- JMH-ARGS", arity = "0..*",
            description = "After --: JMH's own arguments, passed to JMH unchanged (see above), e.g. -- -wi 1 -i 1 -f 1 "
                    + "PeerCloses.")
    List<String> jmhArgs = new ArrayList<>();

    private ForkJvm jvm;
    private BenchSelection selection;
    private BenchmarkSuite.ForkPeer forkPeer = BenchmarkSuite.ForkPeer.THIS_HOST;
    private Map<String, String> peerMetadata = Map.of();
    private JmhArguments jmh = JmhArguments.none();

    @Override
    public Integer call() throws Exception {
        validate();
        if (jmh.onlyLists()) {
            jmh.list();
            return 0;
        }
        PathOptions.writableFolder(spec, "--results", results);
        return RunLifecycle.start(results, "bench", this::parameters, this::runInto);
    }

    /** Checks the options; bad input is a ParameterException (exit status 2) saying what is valid. */
    void validate() {
        Refusals.requireRange(spec, "--cpu-burners", cpuBurners, "", 0, 64);
        if (forks != null) {
            Refusals.requireRange(spec, "--forks", forks, "", 1, 100);
        }
        if (idles != null) {
            Refusals.requireRange(spec, "--idle-before-fault", idles, "us", 0, 2_000_000);
        }
        jmh = jmhArguments();
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
        forkPeer();
        BenchmarkSuite suite = suite(Path.of("."));
        if (suite.size() == 0 && suite.skippedCount() == 0 && !jmh.onlyLists()) {
            String by = include != null || jmh.isEmpty() ? "--include '" + include + "'"
                    : "JMH's benchmark names " + String.join(" ", jmhArgs);
            throw new ParameterException(spec.commandLine(), by + " selects no benchmark of the "
                    + profile.name().toLowerCase() + " profile; classes: HarnessBaselines, PeerClosesWhileObserverWaits, "
                    + "WritesAfterPeerClosed, ReadsAfterPeerClosed, BlockedCallEnds, ChildProcessEnds, PulledCable");
        }
    }

    /**
     * Where the forks' peers live. With --peer, one session with the agent now (refused as bad input
     * if it cannot be had), to learn where it is and what it cannot play, then closed: each fork opens
     * its own, one after the other.
     */
    private void forkPeer() {
        try (PeerHome home = peerOptions.home(spec)) {
            peerMetadata = PeerOptions.metadata(home);
            if (!peerOptions.remote()) {
                return;
            }
            Map<String, String> refused = new LinkedHashMap<>();
            java.util.stream.Stream.concat(ScenarioCatalogue.all().stream(),
                    ScenarioCatalogue.baselines().stream())
                    .forEach(s -> home.cannotPlay(s).ifPresent(why -> refused.put(s.id(), why)));
            forkPeer = new BenchmarkSuite.ForkPeer(peerOptions.forkArguments(), id -> Optional.ofNullable(refused.get(id)),
                    home.describe());
        }
    }

    /** What came after --, parsed by JMH; JMH's refusal, or arguments given without --, are refused here. */
    private JmhArguments jmhArguments() {
        if (jmhArgs.isEmpty()) {
            return JmhArguments.none();
        }
        var parsed = spec.commandLine().getParseResult();
        if (parsed != null && !parsed.originalArgs().contains("--")) {
            throw new ParameterException(spec.commandLine(), "unexpected argument '" + jmhArgs.get(0) + "': JMH's own "
                    + "arguments go after --, e.g. closebench bench -- -wi 1 -i 1 -f 1 PeerCloses");
        }
        try {
            return JmhArguments.parse(jmhArgs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "after --: " + e.getMessage());
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
        p.put(MetadataKey.BENCH_JMH_ARGS, jmh.isEmpty() ? "none" : String.join(" ", jmh.arguments()));
        p.putAll(peerMetadata);
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
        }
        System.out.print(NativeFloor.table(figures).plainText());
        NativeFloorCsv.write(figures, folder.dir());
    }

    private BenchmarkSuite suite(Path folder) {
        return new BenchmarkSuite(profile, selection, folder, jvm, jmh, forkPeer);
    }
}
