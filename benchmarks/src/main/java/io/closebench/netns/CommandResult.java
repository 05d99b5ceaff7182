package io.closebench.netns;

import java.util.List;

/**
 * What an external command left behind once it finished: its exit status and everything it
 * wrote to stdout and stderr.
 *
 * <p>Only {@link BoundedCommand} creates these, and only for commands that ended on their own
 * within their time limit; a command that had to be killed never yields a result, it yields a
 * {@link CommandFailedException}.
 *
 * @param command  the argv that ran, first element the program
 * @param exitCode the exit status the process reported
 * @param stdout   everything written to stdout, decoded as UTF-8
 * @param stderr   everything written to stderr, decoded as UTF-8
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    /** True when the command exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
