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
    CHILD_REALTIME("child-realtime");

    private final String word;

    T0Source(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
