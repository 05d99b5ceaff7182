package io.closebench.schema;

/**
 * {@code matrix-*.csv}: one row per scenario and observer, aggregated from the observations as they
 * streamed; a row cut short by an interruption says so ({@link #PARTIAL}). Pending cases and
 * skipped observers have rows too, with the reason in {@link #WHY}. Added last:
 * {@link #MEDIAN_FAULT_CALL_NS}, the median time the fault call took to return (-1 where the harness
 * made none), and {@link #OBSERVER_TCP_STATES}, the observer socket's kernel TCP states most
 * repetitions recorded ("CLOSE_WAIT -> CLOSE", "" where none were), and {@link #SIGPIPE}, in how many
 * repetitions the decisive call raised SIGPIPE ("raised 20/20"; "" for a model that cannot tell);
 * the {@code wire_*} columns, the row's repetitions as the wire showed them ("RST by peer 20/20", the
 * median time of that first end after t0, RSTs ahead of written data, retransmissions and probes
 * after the fault), and in how many repetitions it could not, and why; where the peer
 * ran ({@link #PEER_HOST}, {@link #PEER_OS}, {@link #PEER_JDK}), the median round trip to its host
 * ({@link #MEDIAN_RTT_NS}, -1 on this host) and the largest bound of a converted t0 ({@link #MAX_T0_BOUND_NS}).
 */
public enum MatrixColumn implements Column {
    CASE_ID, SCENARIO_ID, VARIANT, SIDE, PEER_RUNTIME, FAULT, PROBE, PREPARATION, OBSERVER, PLACEMENT, REPETITIONS,
    REPETITIONS_PLANNED, PARTIAL, NOTE_LINUX, NOTE_WINDOWS, NOTE_OUTCOME, NOTE_ACCOUNTING, IN_NOTE, OUTCOME_COUNTS,
    DOMINANT_OUTCOME, AGREEING, VERDICT, PEER_BYTES_SENT_TOTAL, BYTES_DELIVERED_TOTAL, REPS_WITH_LOSS,
    WRITES_ACCEPTED, NEXT_READ, NEXT_WRITE, MEDIAN_LATENCY_NS, ASLEEP_AT_FAULT, EXCEPTION_MESSAGES, WHY,
    MEDIAN_FAULT_CALL_NS, OBSERVER_TCP_STATES, SIGPIPE, WIRE_FIRST_END, WIRE_END_AT_US, WIRE_RST_BEFORE_DATA,
    WIRE_RETRANSMISSIONS, WIRE_PROBES, WIRE_ORDER, WIRE_UNAVAILABLE, PEER_HOST, PEER_OS, PEER_JDK,
    MEDIAN_RTT_NS, MAX_T0_BOUND_NS
}
