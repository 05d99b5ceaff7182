package io.closebench.schema;

/**
 * {@code percentiles-*.csv}: one row per benchmark parameter combination and fork, written when the
 * fork's trial ends. {@link #COUNT} equals the values recorded in the fork's {@code .hlog}.
 */
public enum PercentileColumn implements Column {
    BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS, CPU_BURNERS, FORK_PID, JDK,
    ITERATIONS, COUNT, MIN_NS, P50_NS, P90_NS, P99_NS, P999_NS, MAX_NS, MEAN_NS, UNEXPECTED, TIMEOUTS,
    HARNESS_FAILURES, NO_T0, OUTCOME_COUNTS, ASLEEP_AT_FAULT, HANDOFFS_IN_MEASURED_PATH, OBSERVER_CPUS, PEER_CPUS,
    LOAD_MESSAGES_SENT, LOAD_MESSAGES_DROPPED, LOAD_BYTES_RECEIVED, PEER_HOST, PEER_OS, PEER_JDK, MEDIAN_RTT_NS,
    MAX_T0_BOUND_NS
}
