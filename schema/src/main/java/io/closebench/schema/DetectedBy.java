package io.closebench.schema;

/**
 * What told the observer that the connection ended: one of its socket calls, one of its own timers,
 * or the harness's bound. Column {@code detected_by}.
 */
public enum DetectedBy implements CsvWord {
    /** A read reported it. */
    READ,
    /** A write reported it. */
    WRITE,
    /** A connect failed (a reconnect to a dead host). */
    CONNECT,
    /** A connect's own timer ran out (the program's connect timeout, or Netty's default). */
    CONNECT_TIMEOUT,
    /** A connect succeeded after all: the host answered. */
    CONNECTED,
    /** The read deadline passed: a local timer, not a detection. */
    READ_DEADLINE,
    /** The application's heartbeat went unanswered. */
    HEARTBEAT,
    /** Nothing by the trial's bound: the harness gave up waiting. */
    BOUND,
    /** Data flowed again after the cable came back. */
    RECOVERY,
    /**
     * Not measured: the settings' rule gives a time beyond the longest wait the run allowed
     * ({@code closebench settings --max-wait}); the row carries the rule's time and no measurement.
     */
    RULE,
    /** Nothing was called (a repetition the harness could not set up). */
    NOTHING;

    @Override
    public String word() {
        return this == NOTHING ? "" : name();
    }
}
