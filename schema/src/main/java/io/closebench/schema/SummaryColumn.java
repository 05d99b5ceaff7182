package io.closebench.schema;

/**
 * {@code summary-*.csv}: one row per benchmark parameter combination (observer included), appended
 * as each benchmark ends; a combination that could not run here is a row with
 * {@link #SKIPPED_REASON}. Latencies are over every fork's {@code .hlog}.
 */
public enum SummaryColumn implements Column {
    BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS, CPU_BURNERS, JDK, FORKS,
    COUNT, P50_NS, P99_NS, SCORE, SCORE_UNIT, UNEXPECTED, SKIPPED_REASON
}
