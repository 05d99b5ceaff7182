package io.closebench.cli;

import io.closebench.matrix.MatrixCsv;
import io.closebench.matrix.MatrixTable;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.rig.RunnerSettings;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.soak.GrowthBounds;
import io.closebench.soak.Soak;
import io.closebench.soak.SoakLog;
import io.closebench.soak.SoakPlan;
import io.closebench.soak.SoakResult;
import io.closebench.matrix.MatrixRow;
import io.closebench.schema.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench soak}: the cases round-robin for a long time, watching for anything the run leaks. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the loopback cases round-robin, every observer in turn, for --duration (or "
                + "--repetitions), and every few seconds samples what the run holds: file descriptors, threads, RSS, "
                + "heap after a full GC, live child processes, TIME_WAIT sockets, network namespaces. After warm-up "
                + "the first sample is the baseline; a later one beyond its bound stops the soak with exit status 1 "
                + "and says what grew. Writes the samples (soak-*.csv) as they are taken and the matrix of every "
                + "repetition's outcome at the end.",
                "The bounds (printed at the start and kept in metadata.csv): a few descriptors and threads over the "
                        + "baseline, 64 MiB of heap after GC, no child alive between repetitions, no new namespace, and "
                        + "no more TIME_WAIT sockets than the connections closed in the last 65 s."})
final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "10m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run: 90s, 30m, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration duration = Duration.ofMinutes(10);

    @Option(names = {"-n", "--repetitions"}, paramLabel = "N",
            description = "Stop after N repetitions, if that comes before --duration (default: no limit).")
    Long repetitions;

    @Option(names = "--cases", split = ",", paramLabel = "ID",
            description = "Cases (S2) or scenarios (S3b-jvm), comma-separated (default: every loopback case; S1 "
                    + "needs the cable and is not soaked).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--observers", split = ",", paramLabel = "MODEL",
            description = "Observers (default: all; one that cannot run here is skipped with the reason).")
    List<Observer> observers = new ArrayList<>(ObserverModels.singleConnection());

    @Option(names = "--sample-every", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Between two resource samples (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery = Duration.ofSeconds(5);

    @Option(names = "--warmup", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Before the baseline sample: class loading, the JIT and the JDK's lazy threads settle "
                    + "(default: ${DEFAULT-VALUE}, or a tenth of --repetitions if that comes first).")
    Duration warmup = Duration.ofSeconds(60);

    @Option(names = "--placement", defaultValue = "OS", paramLabel = "PLACEMENT",
            description = "OS (default), SAME_CPU or CROSS_CPU, as for matrix.")
    Placement placement = Placement.OS;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @Override
    public Integer call() throws Exception {
        SoakPlan plan = plan();
        PathOptions.writableFolder(spec, "--results", results);
        return RunLifecycle.start(results, "soak", folder -> parameters(plan), (folder, control) -> {
            System.out.printf("closebench soak: %d scenarios x %s for %s%s, a sample every %s -> %s%n",
                    plan.scenarios().size(), plan.observers(), words(duration),
                    repetitions == null ? "" : " or " + repetitions + " repetitions", words(sampleEvery), folder.dir());
            System.out.println("bounds: " + plan.bounds().describe());
            SoakResult result;
            String name = duration.toSeconds() + "s" + (repetitions == null ? "" : "-n" + repetitions);
            try (SoakLog log = new SoakLog(folder.dir(), name)) {
                result = Soak.run(plan, log, control, System.out);
            }
            System.out.println();
            MatrixTable.print(result.matrix(), System.out);
            MatrixCsv.writeMatrix(result.matrix(), folder.dir(), "soak-" + name);
            System.out.printf("%d repetitions, %d with an outcome other than Linux gives for their model%n",
                    result.matrix().repetitions(), result.unexpected());
            for (MatrixRow row : result.matrix().rows()) {
                Outcome expected = row.scenario().onLinux(row.observer());
                String other = row.outcomes().entrySet().stream().filter(e -> e.getKey() != expected)
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
                if (!other.isEmpty()) {
                    System.out.printf("  %s %s: %s (Linux gives %s)%s%n", row.scenario().id(), row.observer(), other,
                            expected, row.failures().isEmpty() ? "" : "; " + row.failures().get(0));
                }
            }
            if (result.baseline().isEmpty()) {
                throw new RunLifecycle.JobFailed("the soak ended before its warm-up did: no baseline, nothing judged "
                        + "(run longer than --warmup)");
            }
            if (result.grew()) {
                throw new RunLifecycle.JobFailed("grew beyond its bound: " + String.join("; ", result.growth()));
            }
            System.out.println("nothing grew beyond its bound");
        });
    }

    /** "30m", "1h30m", "40s", "500ms": as the user typed it, not PT40S. */
    static String words(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + words(d.negated());
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return (s >= 3600 ? s / 3600 + "h" : "") + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "") + (s % 60 != 0 ? s % 60 + "s" : "");
    }

    Map<String, String> parameters(SoakPlan plan) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("soak.duration_seconds", String.valueOf(duration.toSeconds()));
        parameters.put("soak.max_repetitions", repetitions == null ? "none" : String.valueOf(repetitions));
        parameters.put("soak.scenarios", plan.scenarios().stream().map(s -> s.id()).toList().toString());
        parameters.put("soak.observers", plan.observers().toString());
        plan.skipped().forEach((o, why) -> parameters.put("soak.skipped." + o, why));
        parameters.put("soak.sample_every_seconds", String.valueOf(sampleEvery.toMillis() / 1000.0));
        parameters.put("soak.warmup", warmup.toSeconds() + " s" + (plan.warmupRepetitions() == Long.MAX_VALUE ? ""
                : " or " + plan.warmupRepetitions() + " repetitions, whichever comes first"));
        parameters.put("soak.bounds", plan.bounds().describe());
        parameters.put("soak.placement", placement + ": " + plan.plan().describe());
        return parameters;
    }

    SoakPlan plan() {
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration: " + words(duration) + " is no time to run for; "
                    + "give more than 0, e.g. 90s, 30m, 1h30m");
        }
        if (repetitions != null) {
            Refusals.requireAtLeast(spec, "--repetitions", repetitions, "", 1);
        }
        if (sampleEvery.toMillis() < 100 || sampleEvery.compareTo(duration) > 0) {
            throw new ParameterException(spec.commandLine(), "--sample-every: " + words(sampleEvery) + " is "
                    + (sampleEvery.toMillis() < 100 ? "below 100ms" : "longer than --duration " + words(duration))
                    + "; give 100ms up to --duration");
        }
        CpuPlan.unavailableReason(placement).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--placement " + placement + " cannot run here: " + why);
        });
        CaseSelection selection = CaseSelection.of(cases, observers, spec.commandLine());
        if (selection.scenarios().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to soak: "
                    + selection.pulledCable().stream().map(f -> f.scenarioId()).toList()
                    + " run on network namespaces, not on loopback (the soak runs the loopback cases)");
        }
        if (selection.observers().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no observer runs here: " + selection.skipped());
        }
        long max = repetitions == null ? Long.MAX_VALUE : repetitions;
        return new SoakPlan(selection.scenarios(), selection.observers(), selection.skipped(), duration, max, warmup,
                repetitions == null ? Long.MAX_VALUE : Math.max(1, max / 10), sampleEvery, GrowthBounds.standard(),
                CpuPlan.of(placement), RunnerSettings.defaults());
    }
}
