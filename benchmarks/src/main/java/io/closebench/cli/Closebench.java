package io.closebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * closebench's command line. Without a subcommand it runs the main job on its defaults: the
 * conformance matrix. Bad input (an unknown case, an observer that does not exist, N &lt;= 0) gets a
 * message listing what is valid, and exit status 2.
 */
@Command(name = "closebench", mixinStandardHelpOptions = true, version = "closebench 0.1.0",
        description = "Reproduces every way a TCP connection can end abnormally and measures how fast, "
                + "and how faithfully, a Java program notices.",
        subcommands = {MatrixCommand.class},
        footer = {"", "Without a subcommand: runs the main job (the conformance matrix) on its defaults."})
public final class Closebench implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Closebench()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the main job is the matrix subcommand on its defaults, with the same validation and output
        return spec.commandLine().getSubcommands().get("matrix").execute();
    }
}
