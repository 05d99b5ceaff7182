package io.closebench.schema;

/**
 * {@code soak-*.csv}: one row per resource sample of a soak, appended as it is taken, between two
 * repetitions. The bounds each value is held to are in the metadata ({@code soak.bounds}); the
 * first row after warm-up is the baseline ({@code baseline = true}). Added last:
 * {@link #OWN_NETWORK_NAMESPACES}, the namespaces this run made, which the bound holds (the host's,
 * {@link #NETWORK_NAMESPACES}, include any other program's).
 */
public enum SoakColumn implements Column {
    ELAPSED_S, REPETITIONS, BASELINE, FDS, THREADS, RSS_BYTES, HEAP_AFTER_GC_BYTES, LIVE_CHILDREN, TIME_WAIT,
    CLOSED_LAST_65S, NETWORK_NAMESPACES, UNEXPECTED_OUTCOMES, HARNESS_FAILURES, VIOLATIONS, OWN_NETWORK_NAMESPACES
}
