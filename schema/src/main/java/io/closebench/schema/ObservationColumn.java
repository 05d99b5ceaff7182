package io.closebench.schema;

/**
 * {@code observations-*.csv}: one row per repetition of the conformance matrix, appended and flushed
 * as each repetition ends. Times are nanoseconds; -1 where unknown or not applicable. The meaning of
 * each column is in {@code results/README.md}. Added last: {@link #FAULT_CALL_NS}, how long the fault
 * call took to return (-1 where the harness made none); {@link #OBSERVER_TCP_STATES}, the kernel's
 * TCP state of the observer's socket right before its first call where it acts after the fault
 * ("-" where it waits), then at the end of the repetition: "CLOSE_WAIT -> CLOSE"; {@link #SIGPIPE},
 * whether the decisive call raised SIGPIPE ({@link SigPipe#word()}: only the C observers can tell);
 * the {@code wire_*} columns, what the repetition's connection showed on the wire (captured by the
 * matrix, empty with {@link #WIRE_UNAVAILABLE}'s reason where it was not); where the
 * peer ran ({@link #PEER_HOST}, {@link #PEER_OS}, {@link #PEER_JDK}), the round trip to its host measured in the
 * repetition ({@link #RTT_NS}, -1 on this host) and the bound of t0's error once converted from the peer's
 * host's clock ({@link #T0_BOUND_NS}, 0 on this host's clock, -1 without a t0).
 */
public enum ObservationColumn implements Column {
    SCENARIO_ID, CASE_ID, OBSERVER, PLACEMENT, PEER_RUNTIME, REPETITION, OUTCOME, DETECTED_BY, EVENT,
    EXCEPTION_CLASS, EXCEPTION_MESSAGE, LATENCY_NS, T0_SOURCE, ASLEEP_AT_FAULT, IDLE_BEFORE_FAULT_NS,
    HANDOFF_IN_MEASURED_PATH, EVENT_BEFORE_FIRST_CALL_NS, OBSERVER_CPUS, PEER_CPUS, PEER_BYTES_SENT, BYTES_DELIVERED, BYTES_LOST,
    WRITES_ACCEPTED, BYTES_ACCEPTED, NEXT_READ, NEXT_WRITE, PEER_AFTER, AGREES_WITH_NOTE, FAILURE, FAULT_CALL_NS,
    OBSERVER_TCP_STATES, SIGPIPE, WIRE_FIRST_END, WIRE_END_BY, WIRE_END_AT_US, WIRE_RST_BEFORE_DATA,
    WIRE_RETRANSMISSIONS, WIRE_PROBES, WIRE_ORDER, WIRE_UNAVAILABLE, PEER_HOST, PEER_OS, PEER_JDK,
    RTT_NS, T0_BOUND_NS
}
