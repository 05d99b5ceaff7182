package io.closebench.fault;

import io.closebench.schema.Outcome;

/**
 * How N peers die at once. The server holds N connections and watches them all with one observer
 * model; t0 is taken right before the call that kills them.
 */
public enum MassFault {

    /** One child process holding all N client connections is SIGKILLed: its kernel sends N FINs. */
    KILL("one child process holding all N connections killed with SIGKILL (its kernel sends N FINs)", Outcome.EOF),

    /**
     * The same, with data the child never read on every connection: its kernel answers the close
     * with N RSTs.
     */
    KILL_UNREAD("the same, 1 KiB unread in every connection of the child (N RSTs)", Outcome.RESET),

    /** An in-process peer closes all N with SO_LINGER 0 from one thread, as fast as it can: N RSTs. */
    ABORT("an in-process peer closes all N with SO_LINGER 0 from one thread (N RSTs)", Outcome.RESET),

    /**
     * The client host dies and reboots in network namespaces: cable pulled, client killed, its TCP
     * state wiped, cable back after 1 s; the server finds out by its mechanism (keepalive, a
     * heartbeat): N detections, each against the mechanism's rule. Root only.
     */
    HOST("the client host reboots: cable pulled, client killed, TCP state wiped, cable back after 1 s", Outcome.RESET);

    private final String description;
    private final Outcome expected;

    MassFault(String description, Outcome expected) {
        this.description = description;
        this.expected = expected;
    }

    public String description() {
        return description;
    }

    /** What every connection reports on Linux. */
    public Outcome expected() {
        return expected;
    }

    /** The faults that need no root and no namespaces. */
    public boolean onLoopback() {
        return this != HOST;
    }
}
