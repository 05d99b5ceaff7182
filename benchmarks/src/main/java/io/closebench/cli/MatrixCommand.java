package io.closebench.cli;

import io.closebench.cable.CableObserver;
import io.closebench.cable.CableSection;
import io.closebench.matrix.ConformanceMatrix;
import io.closebench.matrix.MatrixCsv;
import io.closebench.matrix.MatrixPlan;
import io.closebench.matrix.MatrixResult;
import io.closebench.matrix.MatrixTable;
import io.closebench.results.ResultsFolder;
import io.closebench.results.RunMetadata;
import io.closebench.run.RunnerSettings;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.transport.SocketApi;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench matrix}: what the note says vs what this OS does, every case, both observers. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Runs every case of the note N times with each observer and prints the conformance matrix; "
                + "writes it, every observation and the run's metadata as CSV to a new folder under --results.")
final class MatrixCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--repetitions"}, defaultValue = "20",
            description = "Repetitions per case and observer (default: ${DEFAULT-VALUE}).")
    int repetitions = 20;

    @Option(names = "--cases", split = ",", paramLabel = "ID",
            description = "Cases (S2) or scenarios (S3b-jvm) to run, comma-separated (default: all).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--observers", split = ",", paramLabel = "API",
            description = "Observers: ${COMPLETION-CANDIDATES} (default: both).")
    List<SocketApi> observers = new ArrayList<>(List.of(SocketApi.values()));

    @Option(names = "--deadline", defaultValue = "5", paramLabel = "SECONDS",
            description = "Per-repetition deadline; a case that does not finish is TIMEOUT (default: ${DEFAULT-VALUE}).")
    int deadlineSeconds = 5;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @Mixin
    CableOptions cableOptions = new CableOptions();

    @Override
    public Integer call() throws Exception {
        Prepared prepared = prepare();
        ResultsFolder folder = ResultsFolder.create(results);
        folder.writeMetadata(RunMetadata.capture(parameters(prepared)));
        return RunStatus.complete(folder, () -> runInto(prepared, folder));
    }

    /** A validated plan and the S1 cable section that goes with it. */
    record Prepared(MatrixPlan plan, CableSection cable) {
    }

    /** Validates the options (bad input is a ParameterException: exit status 2) and decides on S1. */
    Prepared prepare() {
        MatrixPlan plan = plan();
        CableSection cable = cableSection(plan);
        return new Prepared(cable.adjust(plan), cable);
    }

    /** The run's parameters, as they go into the metadata. */
    Map<String, String> parameters(Prepared prepared) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("matrix.repetitions", String.valueOf(repetitions));
        parameters.put("matrix.deadline_seconds", String.valueOf(deadlineSeconds));
        parameters.put("matrix.observers", observers.toString());
        parameters.put("matrix.cases", cases.isEmpty() ? "all" : String.join(",", cases));
        parameters.putAll(prepared.cable().parameters());
        return parameters;
    }

    /** Runs the matrix, then the cable section, into an existing folder: prints the tables, writes the CSVs. */
    void runInto(Prepared prepared, ResultsFolder folder) throws IOException, InterruptedException {
        MatrixPlan plan = prepared.plan();
        System.out.printf("closebench matrix: %d scenarios x %s x %d repetitions -> %s%n", plan.scenarios().size(),
                observers, repetitions, folder.dir());
        MatrixResult result = prepared.cable().annotate(ConformanceMatrix.run(plan, System.out));
        System.out.println();
        MatrixTable.print(result, System.out);
        String suffix = "-n" + repetitions + "-deadline" + deadlineSeconds + "s.csv";
        MatrixCsv.writeMatrix(result, folder.file("matrix" + suffix));
        MatrixCsv.writeObservations(result, folder.file("observations" + suffix));
        prepared.cable().run(folder, System.out);
    }

    private MatrixPlan plan() {
        if (repetitions <= 0) {
            throw new ParameterException(spec.commandLine(), "--repetitions must be at least 1, got " + repetitions);
        }
        if (deadlineSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--deadline must be at least 1 second, got " + deadlineSeconds);
        }
        Set<Scenario> scenarios = new LinkedHashSet<>();
        Set<CaseId> pending = new LinkedHashSet<>();
        List<String> selectors = cases.isEmpty()
                ? java.util.Arrays.stream(CaseId.values()).map(Enum::name).toList() : cases;
        for (String selector : selectors) {
            List<Scenario> selected = ScenarioCatalogue.select(selector.trim());
            if (selected.isEmpty()) {
                CaseId unrunnable = caseNamed(selector.trim());
                if (unrunnable == null) {
                    throw new ParameterException(spec.commandLine(), "unknown case '" + selector + "'. Valid: "
                            + String.join(", ", validSelectors()));
                }
                pending.add(unrunnable);
            }
            scenarios.addAll(selected);
        }
        RunnerSettings settings = new RunnerSettings(Duration.ofSeconds(deadlineSeconds), InetAddress.getLoopbackAddress(),
                RunnerSettings.defaults().listeners());
        return new MatrixPlan(new ArrayList<>(scenarios), new ArrayList<>(pending),
                new ArrayList<>(new LinkedHashSet<>(observers)), repetitions, settings);
    }

    /** S1 runs on network namespaces after the matrix, or stays pending with the reason why not. */
    private CableSection cableSection(MatrixPlan plan) {
        if (cableOptions.connections < 1 || cableOptions.connections > 50) {
            throw new ParameterException(spec.commandLine(), "--cable-connections must be between 1 and 50, got "
                    + cableOptions.connections);
        }
        Set<CableObserver> jdk = new LinkedHashSet<>();
        observers.forEach(api -> jdk.add(CableObserver.valueOf(api.name())));
        return CableSection.decide(plan.pending().contains(CaseId.S1), cableOptions.skip, cableOptions.connections, jdk);
    }

    private static CaseId caseNamed(String name) {
        for (CaseId c : CaseId.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<String> validSelectors() {
        Set<String> valid = new LinkedHashSet<>();
        for (CaseId c : CaseId.values()) {
            valid.add(c.name());
        }
        valid.addAll(ScenarioCatalogue.selectors());
        return new ArrayList<>(valid);
    }
}
