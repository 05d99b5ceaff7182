package io.closebench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One closebench command run in this JVM as a user would type it: its exit status and everything it
 * wrote to stdout and stderr. System.out and System.err are captured while it runs, and the command
 * line is made while they are, so that picocli's own writers (help, version, refusals) write there too.
 */
record CommandRun(int status, String out, String err) {

    static CommandRun execute(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Closebench.commandLine();
            status = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The refusal's reason, after checking that this run was refused as closebench refuses bad input:
     * exit status 2 and two lines on stderr, the reason ("closebench CMD: ...") then where the help is,
     * no usage dump.
     *
     * @param command the (sub)command as typed: "closebench matrix"
     */
    String refusal(String command) {
        org.assertj.core.api.Assertions.assertThat(status).as("exit status; stderr: " + err).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(errLines()).as("stderr").hasSize(2);
        org.assertj.core.api.Assertions.assertThat(errLines().get(0)).startsWith(command + ": ");
        org.assertj.core.api.Assertions.assertThat(errLines().get(1)).isEqualTo("see '" + command + " --help'");
        return errLines().get(0).substring(command.length() + 2);
    }

    /** The lines written to stderr. */
    List<String> errLines() {
        return err.lines().toList();
    }
}
