package io.closebench.schema;

/**
 * {@code native-floor.csv}: one row per case of the native floor, the same detection done by a C
 * program with no JVM in between (measured or not; then with {@link #SKIPPED_REASON}). {@link #API}
 * is how the C observer waits: {@code BLOCKING} (a plain blocking read), {@code NIO} (epoll, as
 * Java's Selector) or {@code POLL} (a non-blocking read and poll(), which is what the JDK's blocking
 * read with a timeout does in the kernel). Latencies are nanoseconds, -1 where there is none.
 */
public enum NativeFloorColumn implements Column {
    SCENARIO_ID, API, PLACEMENT, IDLE_BEFORE_FAULT_US, WARMUP_REPETITIONS, REPETITIONS, ASLEEP_AT_FAULT,
    OUTCOME_COUNTS, OUTCOME_DETAILS, LATENCY_COUNT, MIN_NS, P50_NS, P90_NS, P99_NS, MAX_NS, OBSERVER_CPU, PEER_CPU,
    KERNEL, SKIPPED_REASON
}
