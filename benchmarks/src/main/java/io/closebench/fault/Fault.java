package io.closebench.fault;

/** The misbehaving peer's call at the fault instant t0. */
public enum Fault {
    /** {@code close()}: FIN, unless unread data is left in the receive buffer (then RST). */
    CLOSE("close()"),
    /** {@code SO_LINGER=0} then {@code close()}: an abortive close, always RST. */
    CLOSE_ABORTIVE("close() with SO_LINGER=0"),
    /**
     * {@code SO_LINGER} of {@value #LINGER_SECONDS} s, then {@code close()}: the kernel's close waits
     * until the data still queued is acknowledged (FIN included), for at most that long.
     */
    CLOSE_LINGERING("close() with SO_LINGER=" + Fault.LINGER_SECONDS + " s"),
    /** {@code shutdownOutput()}: a half-close, FIN while the socket stays open for reading. */
    SHUTDOWN_OUTPUT("shutdownOutput()"),
    /** A child process closes its socket, then exits. */
    CLOSE_THEN_EXIT("close(), then exit"),
    /** A child process exits without closing; the kernel closes what it left open. */
    EXIT_WITHOUT_CLOSE("exit without close()"),
    /** A child process is killed with SIGKILL while it is sending. */
    SIGKILL_WHILE_SENDING("kill -9 while sending"),
    /**
     * Not the peer: another thread of the observer's own program closes the observer's socket while
     * the observer waits in a call on it.
     */
    LOCAL_CLOSE("the observer's own close(), from another thread");

    /** The linger time of {@link #CLOSE_LINGERING}, seconds. */
    public static final int LINGER_SECONDS = 2;

    private final String call;

    Fault(String call) {
        this.call = call;
    }

    /** The call, as a person would write it. */
    public String call() {
        return call;
    }

    /** True for faults a child process performs, false for those an in-process socket performs. */
    public boolean needsChildProcess() {
        return this == CLOSE_THEN_EXIT || this == EXIT_WITHOUT_CLOSE || this == SIGKILL_WHILE_SENDING;
    }
}
