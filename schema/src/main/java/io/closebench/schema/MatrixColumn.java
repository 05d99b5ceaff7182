package io.closebench.schema;

/**
 * {@code matrix-*.csv}: one row per scenario and observer, aggregated from the observations as they
 * streamed; a row cut short by an interruption says so ({@link #PARTIAL}). Pending cases and
 * skipped observers have rows too, with the reason in {@link #WHY}.
 */
public enum MatrixColumn implements Column {
    CASE_ID, SCENARIO_ID, VARIANT, SIDE, PEER_RUNTIME, FAULT, PROBE, PREPARATION, OBSERVER, PLACEMENT, REPETITIONS,
    REPETITIONS_PLANNED, PARTIAL, NOTE_LINUX, NOTE_WINDOWS, NOTE_OUTCOME, NOTE_ACCOUNTING, IN_NOTE, OUTCOME_COUNTS,
    DOMINANT_OUTCOME, AGREEING, VERDICT, PEER_BYTES_SENT_TOTAL, BYTES_DELIVERED_TOTAL, REPS_WITH_LOSS,
    WRITES_ACCEPTED, NEXT_READ, NEXT_WRITE, MEDIAN_LATENCY_NS, ASLEEP_AT_FAULT, EXCEPTION_MESSAGES, WHY
}
