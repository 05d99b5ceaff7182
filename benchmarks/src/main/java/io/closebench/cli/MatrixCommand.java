package io.closebench.cli;

import io.closebench.matrix.PulledCablePart;
import io.closebench.remote.RemoteHome;
import io.closebench.rig.PeerHome;
import io.closebench.s1.CablePlan;
import io.closebench.s1.CableSettings;
import io.closebench.s1.CableTable;
import io.closebench.matrix.ConformanceMatrix;
import io.closebench.matrix.MatrixCsv;
import io.closebench.matrix.MatrixPlan;
import io.closebench.matrix.MatrixResult;
import io.closebench.matrix.MatrixTable;
import io.closebench.matrix.ObservationLog;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.results.ResultsFolder;
import io.closebench.rig.RunControl;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench matrix}: what the note says vs what this OS does, every case, every observer. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Runs every case of the note N times with each observer and prints the conformance matrix; "
                + "streams every observation to CSV as it is made, then writes the matrix and the run's metadata, "
                + "into a new folder under --results. Ctrl-C stops it after the repetition in progress and keeps "
                + "what completed.")
final class MatrixCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--repetitions"}, defaultValue = "20",
            description = "Repetitions per case and observer (default: ${DEFAULT-VALUE}).")
    int repetitions = 20;

    @Option(names = "--jvm-child-repetitions", paramLabel = "N",
            description = "Repetitions of the cases whose peer is a JVM child (0.1-0.4 s each), if fewer than -n "
                    + "(default: as -n; the main job runs 5).")
    Integer jvmChildRepetitions;

    @Option(names = "--cases", split = ",", paramLabel = "ID",
            description = "Cases (S2) or scenarios (S3b-jvm) to run, comma-separated (default: all).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--observers", split = ",", paramLabel = "MODEL",
            description = "Observers, comma-separated: BLOCKING, VIRTUAL, NIO, NETTY_NIO, NETTY_EPOLL, NETTY_IOURING, and "
                    + "the C observers NATIVE, NATIVE_EPOLL, NATIVE_NOSIGNAL (default: all; one that cannot run on this "
                    + "JDK or kernel, or without a C compiler, is shown as skipped, with the reason).")
    List<Observer> observers = new ArrayList<>(ObserverModels.inTheMatrix());

    @Option(names = "--placement", paramLabel = "PLACEMENT",
            description = "Where the threads run: OS (unpinned), SAME_CPU (observer, peer and fault injection on one "
                    + "CPU) or CROSS_CPU (observer on one CPU, the rest on another). Default: SAME_CPU where thread "
                    + "affinity works, else OS (said in the output).")
    Placement placement;

    @Option(names = "--idle-before-fault", defaultValue = "0", paramLabel = "MICROS",
            description = "How long the observer has been asleep, at least, when the fault comes (default: "
                    + "${DEFAULT-VALUE}).")
    long idleMicros;

    @Option(names = "--deadline", defaultValue = "5", paramLabel = "SECONDS",
            description = "Per-repetition deadline; a case that does not finish is TIMEOUT (default: ${DEFAULT-VALUE}).")
    int deadlineSeconds = 5;

    @Option(names = "--no-capture",
            description = "Do not capture the loopback repetitions on the wire (tcpdump, one capture per scenario into "
                    + "the folder's pcap/; the wire_* columns then say why they are empty). --peer implies it: the "
                    + "peer's connections do not cross this host's loopback.")
    boolean noCapture;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @Mixin
    CableOptions cableOptions = new CableOptions();

    @Mixin
    PeerOptions peerOptions = new PeerOptions();

    @Override
    public Integer call() throws Exception {
        Prepared prepared = prepare();
        PathOptions.writableFolder(spec, "--results", results);
        return RunLifecycle.start(results, "matrix", folder -> parameters(prepared),
                (folder, control) -> runInto(prepared, folder, control));
    }

    /** A validated plan, S1's part included. */
    record Prepared(MatrixPlan plan, String placementNote) {
    }

    /** Validates the options (bad input is a ParameterException: exit status 2) and decides on S1. */
    Prepared prepare() {
        Placement chosen = placement != null ? placement : PlacementChoice.byDefault();
        String note = placement != null ? "" : PlacementChoice.whyNotPinned()
                .map(why -> "placement OS by default: " + why).orElse("");
        CpuPlan.unavailableReason(chosen).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--placement " + chosen + " cannot run here: " + why
                    + " (OS runs unpinned anywhere)");
        });
        return new Prepared(plan(CpuPlan.of(chosen)), note);
    }

    /** The run's parameters, as they go into the metadata. */
    Map<String, String> parameters(Prepared prepared) {
        MatrixPlan plan = prepared.plan();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("matrix.repetitions", String.valueOf(repetitions));
        parameters.put("matrix.jvm_child_repetitions", String.valueOf(plan.jvmChildRepetitions()));
        parameters.put("matrix.deadline_seconds", String.valueOf(deadlineSeconds));
        parameters.put("matrix.observers", plan.observers().toString());
        plan.skipped().forEach((o, why) -> parameters.put("matrix.skipped." + o, why));
        parameters.put(MetadataKey.MATRIX_PLACEMENT, plan.plan().placement() + ": " + plan.plan().describe()
                + (prepared.placementNote().isEmpty() ? "" : " (" + prepared.placementNote() + ")"));
        parameters.put(MetadataKey.MATRIX_IDLE_BEFORE_FAULT_US, String.valueOf(idleMicros));
        parameters.put("matrix.cases", cases.isEmpty() ? "all" : String.join(",", cases));
        parameters.put("matrix.peer_home", plan.home().describe());
        parameters.putAll(PeerOptions.metadata(plan.home()));
        parameters.putAll(plan.pulledCable().parameters());
        return parameters;
    }

    /** Runs the matrix, S1 included, into an existing folder: prints the tables, writes the CSVs; closes the home. */
    void runInto(Prepared prepared, ResultsFolder folder, RunControl control) throws IOException, InterruptedException, RunLifecycle.JobFailed {
        try (PeerHome home = prepared.plan().home()) {
            runMatrix(prepared, folder, control);
        }
    }

    private void runMatrix(Prepared prepared, ResultsFolder folder, RunControl control)
            throws IOException, InterruptedException, RunLifecycle.JobFailed {
        MatrixPlan plan = prepared.plan();
        System.out.printf("closebench matrix: %d scenarios x %s x %d repetitions%s, placement %s (%s), idle before fault "
                        + "%d us -> %s%n", plan.scenarios().size(), plan.observers(), repetitions,
                plan.jvmChildRepetitions() < repetitions ? " (" + plan.jvmChildRepetitions() + " with a JVM child)" : "",
                plan.plan().placement(), plan.plan().describe(), idleMicros, folder.dir());
        if (!prepared.placementNote().isEmpty()) {
            System.out.println(prepared.placementNote());
        }
        plan.skipped().forEach((o, why) -> System.out.println("skipped " + o + ": " + why));
        String parameters = "n" + repetitions + "-deadline" + deadlineSeconds + "s-" + plan.plan().placement() + "-idle"
                + idleMicros + "us";
        MatrixResult result;
        try (ObservationLog log = ObservationLog.create(folder.dir(), parameters, plan.home().place())) {
            result = ConformanceMatrix.run(plan, log, folder.dir(), control, System.out);
        }
        java.util.Optional<String> lost = plan.home().lost();
        System.out.println();
        MatrixTable.print(result, System.out);
        MatrixCsv.writeMatrix(result, folder.dir(), parameters);
        plan.pulledCable().plan().filter(p -> !result.pulledCable().isEmpty()).ifPresent(p -> {
            System.out.println();
            CableTable.print(result.pulledCable(), p.settings(), System.out);
            System.out.println("every sample: " + folder.file(p.fileName())
                    + (control.stopRequested() ? " (stopped by " + control.stoppedBy() + ": trials not started did not run)"
                    : ""));
        });
        if (lost.isPresent()) {
            throw new RunLifecycle.JobFailed("the peer's home was lost during the run, which stopped there: " + lost.get());
        }
    }

    private MatrixPlan plan(CpuPlan cpus) {
        Refusals.requireAtLeast(spec, "--repetitions", repetitions, "", 1);
        Refusals.requireAtLeast(spec, "--deadline", deadlineSeconds, "s", 1);
        // the observer sleeps, then the fault comes, within the repetition's deadline: at most half of it
        long maxIdle = deadlineSeconds * 1_000_000L / 2;
        if (idleMicros < 0 || idleMicros > maxIdle) {
            throw new ParameterException(spec.commandLine(), "--idle-before-fault: " + idleMicros + " us is "
                    + (idleMicros < 0 ? "negative" : "more than half of --deadline " + deadlineSeconds + " s") + "; give 0 to "
                    + maxIdle + " us (at most half the deadline)");
        }
        RunnerSettings settings = RunnerSettings.defaults().withDeadline(Duration.ofSeconds(deadlineSeconds))
                .withIdleBeforeFault(Duration.ofNanos(idleMicros * 1000));
        if (jvmChildRepetitions != null) {
            Refusals.requireAtLeast(spec, "--jvm-child-repetitions", jvmChildRepetitions, "", 1);
        }
        CaseSelection selection = CaseSelection.of(cases, observers, spec.commandLine());
        PeerHome home = peerOptions.home(spec);
        return new MatrixPlan(home, selection.scenarios(), pulledCable(home, selection, cpus), selection.observers(),
                selection.skipped(), cpus, repetitions, settings,
                peerOptions.remote() ? Optional.of(RemoteHome.NOT_ON_LOOPBACK)
                        : noCapture ? Optional.of("skipped by --no-capture") : Optional.empty(),
                jvmChildRepetitions == null ? repetitions : jvmChildRepetitions);
    }

    /**
     * S1's variants run as trials on network namespaces after the loopback cases, or are shown as
     * not run with the reason ({@code --no-cable}, or what the capability probe found).
     */
    private PulledCablePart pulledCable(PeerHome home, CaseSelection selection, CpuPlan cpus) {
        Refusals.requireRange(spec, "--cable-connections", cableOptions.connections, "", 1, 50);
        if (selection.pulledCable().isEmpty()) {
            return PulledCablePart.notSelected();
        }
        if (cableOptions.skip) {
            return PulledCablePart.notRun(selection.pulledCable(), "skipped by --no-cable");
        }
        Optional<String> unavailable = home.pulledCableUnavailable();
        if (unavailable.isPresent()) {
            return PulledCablePart.notRun(selection.pulledCable(), unavailable.get());
        }
        return PulledCablePart.runs(selection.pulledCable(), CablePlan.standard(CableSettings.standard().placedBy(cpus),
                cableOptions.connections, new LinkedHashSet<>(selection.observers()), cableOptions.longVariants,
                cableOptions.untilKernelAborts).only(selection.pulledCable())
                .playableBy(t -> home.cannotPull(t.fault(), t.serverSysctls())));
    }
}
