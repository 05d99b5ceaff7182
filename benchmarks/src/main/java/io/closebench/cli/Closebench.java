package io.closebench.cli;

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
 * conformance matrix, then the benchmarks and the mass deaths on the quick profile, into one results folder. Bad input
 * (an unknown case, an observer that does not exist, N &lt;= 0) gets a message listing what is valid,
 * and exit status 2.
 */
@Command(name = "closebench", mixinStandardHelpOptions = true, version = "closebench 0.1.0",
        description = "Reproduces every way a TCP connection can end abnormally and measures how fast, "
                + "and how faithfully, a Java program notices.",
        subcommands = {MatrixCommand.class, BenchCommand.class, MassDeathCommand.class, SoakCommand.class, ReportCommand.class,
                CompareCommand.class},
        footer = {"", "Without a subcommand: the main job. The conformance matrix (with S1 where network namespaces "
                + "exist), then the benchmarks and the mass deaths on the quick profile, into one folder under results/ (about 9 minutes "
                + "on 2 cores). `closebench --profile full` is the run one publishes."})
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
        return new CommandLine(new Closebench()).setCaseInsensitiveEnumValuesAllowed(true);
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
        return RunLifecycle.start(Path.of("results"), "main (matrix, then bench and mass-death on the "
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
        });
    }

    @SuppressWarnings("unchecked")
    private <T> T subcommand(String name) {
        CommandLine sub = spec.commandLine().getSubcommands().get(name);
        sub.parseArgs();
        return (T) sub.getCommand();
    }
}
