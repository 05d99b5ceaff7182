package io.closebench.schema;

/**
 * Whose clock t0 was read on, and so what sits between t0 and the fault. Column {@code t0_source}.
 */
public enum T0Source implements CsvWord {
    /** The thread that injects the fault, right before the call that causes it. */
    HARNESS("harness"),
    /** The observer's own thread, right before its first call, once the fault was complete. */
    OBSERVER("observer"),
    /** A JVM child, right before it ended itself: {@code System.nanoTime()}, the same monotonic clock. */
    CHILD("child"),
    /** A bash child, right before it ended itself: {@code EPOCHREALTIME}, converted to the monotonic clock. */
    CHILD_REALTIME("child-realtime"),
    /**
     * The peer's host, another machine (or network stack): its clock read right before the call that
     * causes the fault (by the peer agent, or by its child right before it ended), converted to the
     * harness's clock with the offset estimated over the control connection; its error bound is
     * beside it ({@code t0_bound_ns}).
     */
    PEER_HOST("peer-host");

    private final String word;

    T0Source(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    /** Whether t0 was read on another host's clock and converted, with an error bound. */
    public boolean otherHost() {
        return this == PEER_HOST;
    }
}
