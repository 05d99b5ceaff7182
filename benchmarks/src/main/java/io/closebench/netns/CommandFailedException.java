package io.closebench.netns;

import java.util.List;

/**
 * An external command ({@code ip}, {@code sysctl}, ...) did not do what was asked: it could not be
 * started, it exited non-zero, or it overran its time limit and was killed.
 *
 * <p>The message always names the full command line and, when the process ran, its exit status
 * and its stderr verbatim: the kernel's netlink error ("RTNETLINK answers: File exists",
 * "Cannot remove namespace file ...") is the only useful diagnosis, so it must reach whoever reads
 * the stack trace.
 */
public final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final String stderr;
    private final boolean neverStarted;

    CommandFailedException(List<String> command, String problem, String stderr, Throwable cause,
                           boolean neverStarted) {
        super(String.join(" ", command) + ": " + problem
                + (stderr.isBlank() ? "" : ": " + stderr.strip()), cause);
        this.command = List.copyOf(command);
        this.stderr = stderr;
        this.neverStarted = neverStarted;
    }

    /** The argv that failed, first element the program. */
    public List<String> command() {
        return command;
    }

    /** What the command wrote to stderr; empty when it never started or wrote nothing. */
    public String stderr() {
        return stderr;
    }

    /**
     * True when the program could not even be started (typically: not installed, not on the
     * PATH), as opposed to having run and failed.
     */
    public boolean neverStarted() {
        return neverStarted;
    }
}
