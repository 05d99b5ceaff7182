package io.closebench.cli;

import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.results.ResultsFolder;
import java.io.IOException;
import java.nio.file.Path;
import io.closebench.massdeath.MassDeathSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.closebench.bench.Profile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * closebench's command line. Without a subcommand it runs the main job on its defaults: the
 * conformance matrix, then the benchmarks and the mass deaths on the quick profile, into one results folder,
 * then writes its report.md as {@code closebench report} would. Bad input (an unknown case, an observer that
 * does not exist, N &lt;= 0, a --results that cannot be written) is refused in two lines ({@link Refusals}):
 * the reason, quoting the value, and where the help is; exit status 2.
 */
@Command(name = "closebench", mixinStandardHelpOptions = true, versionProvider = VersionLines.class,
        description = "Reproduces every way a TCP connection can end abnormally and measures how fast, "
                + "and how faithfully, a Java program notices.",
        subcommands = {MatrixCommand.class, SettingsCommand.class, BenchCommand.class, MassDeathCommand.class, SoakCommand.class, ReportCommand.class,
                CompareCommand.class, DoctorCommand.class, PeerCommand.class},
        footer = {"", "Without a subcommand: the main job. The conformance matrix (with S1 where network namespaces "
                + "exist), then the benchmarks and the mass deaths on the quick profile, into one folder under results/ (about 9 minutes "
                + "on 2 cores), then its report.md (as closebench report). `closebench --profile full` is the run one "
                + "publishes. `closebench doctor` says first what this machine supports."})
public final class Closebench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "PROFILE",
            description = "The benchmarks' profile for the main job: ${COMPLETION-CANDIDATES}. quick (default) for a "
                    + "first look in about 9 minutes; full is what one publishes (about 1 h 45 min on 2 cores; its matrix "
                    + "also runs the pulled cable's long variants, as matrix --cable-long).")
    Profile profile = Profile.QUICK;

    /** The main job's repetitions of each JVM-child case, per model. */
    static final int MAIN_JOB_JVM_CHILD_REPETITIONS = 5;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Closebench()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new Refusals());
    }

    @Override
    public Integer call() throws Exception {
        // the subcommands on their defaults, as if given no options
        MatrixCommand matrix = subcommand("matrix");
        BenchCommand bench = subcommand("bench");
        MassDeathCommand massDeath = subcommand("mass-death");
        bench.profile = profile;
        // a JVM child costs 0.1-0.4 s a repetition (its start, and for an exit HotSpot's 300 ms): 5 of each keep the
        // main job within its 10 minutes; `closebench matrix` runs them -n times
        matrix.jvmChildRepetitions = MAIN_JOB_JVM_CHILD_REPETITIONS;
        matrix.cableOptions.longVariants = profile == Profile.FULL;
        massDeath.apply(profile.massDeath());
        MatrixCommand.Prepared prepared = matrix.prepare();
        bench.validate();
        List<MassDeathSpec> deaths = massDeath.plan();
        PathOptions.writableFolder(spec, "", RESULTS);
        return RunLifecycle.start(RESULTS, "main (matrix, then bench and mass-death on the "
                + profile.name().toLowerCase() + " profile)", folder -> {
                    Map<String, String> parameters = new LinkedHashMap<>(matrix.parameters(prepared));
                    parameters.putAll(bench.parameters(folder));
                    parameters.putAll(massDeath.parameters(deaths));
                    return parameters;
                }, (folder, control) -> {
            matrix.runInto(prepared, folder, control);
            if (!control.stopRequested()) {
                bench.runInto(folder, control);
            }
            if (!control.stopRequested()) {
                massDeath.runInto(deaths, folder, control);
            }
        }, Closebench::report);
    }

    /** Where the main job writes its folder. */
    private static final Path RESULTS = Path.of("results");

    /**
     * The main job's report.md, by the code of {@code closebench report}, once everything has run: a
     * report that cannot be written is said, and changes nothing of the run or its exit status.
     */
    static void report(ResultsFolder folder) {
        System.out.println();
        try {
            ReportCommand.print(ReportCommand.write(RunFolder.read(folder.dir()), BootstrapSettings.defaults()), "report",
                    false);
        } catch (IOException | RuntimeException e) {
            System.err.println("closebench: report.md could not be written (" + e.getMessage() + "); the results are "
                    + "whole: closebench report " + folder.dir());
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T subcommand(String name) {
        CommandLine sub = spec.commandLine().getSubcommands().get(name);
        sub.parseArgs();
        return (T) sub.getCommand();
    }
}
