package io.closebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One closebench command run in this JVM as a user would type it: its exit status and what it wrote to stderr. */
record CommandRun(int status, String err) {

    static CommandRun execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Closebench.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int status = cl.execute(args);
        return new CommandRun(status, err.toString());
    }
}
