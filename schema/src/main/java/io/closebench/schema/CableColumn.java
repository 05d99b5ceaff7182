package io.closebench.schema;

/**
 * {@code cable-*.csv}: one row per connection of S1 (pulled cable, dead host), appended as each
 * trial ends. Times are nanoseconds of one monotonic clock, -1 where not applicable. Added last: where the
 * client host ran, the round trip to it and the bound of its converted t0 (see {@code ObservationColumn}).
 */
public enum CableColumn implements Column {
    TRIAL, FAULT, FAULT_DESCRIPTION, MECHANISM, SETTINGS, OBSERVER, PLACEMENT, CONNECTION, OUTCOME, DETECTED_BY,
    EXCEPTION_CLASS, EXCEPTION_MESSAGE, DETECTION_NS, SINCE_LAST_PEER_SEGMENT_NS, SINCE_LAST_READ_NS, SINCE_PLUG_NS,
    THEORY_KIND, THEORY_REFERENCE, THEORY_NS, SINCE_REFERENCE_NS, RATIO, THEORY, NEXT_WRITE, TCP_STATE_AT_END,
    BOUND_NS, TCP_RETRIES2, LINK_DOWN_AFTER_NS, IP_RETURNED_AFTER_NS, PLUG_AFTER_NS, ARP_START_AFTER_NS,
    BYTES_WRITTEN, PONGS, FAILURE, ICMP_RATE_LIMITED, WIRE_SEGMENTS, WIRE_ARP_REQUESTS, WIRE_REPORTS, WIRE_UNAVAILABLE,
    KERNEL_ATTEMPTS, KERNEL_ATTEMPTS_HELD, KERNEL_END_NS, KERNEL_UNAVAILABLE, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS,
    T0_BOUND_NS
}
