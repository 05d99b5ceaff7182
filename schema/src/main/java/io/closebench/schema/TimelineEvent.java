package io.closebench.schema;

/**
 * What a row of {@code s1-timeline-*.csv} is (column {@code event}): one thing that happened to a
 * pulled-cable connection after the fault, on the server's cable, in its kernel or in its
 * application, or one its rules expected.
 */
public enum TimelineEvent {
    /** A TCP segment the server sent on the cable, by its role. */
    SEGMENT,
    /** An ARP request for the client's address (the trial's, shared by its connections). */
    ARP_REQUEST,
    /** A host-unreachable report of one of the connection's segments, delivered by the server's kernel to itself. */
    REPORT,
    /** A retransmission the server's kernel attempted (its tracepoint): sent, or held back for ARP. */
    ATTEMPT,
    /** The server's kernel ended the connection (into CLOSE). */
    KERNEL_END,
    /** The server's application learnt the outcome: t1. */
    DETECTED
}
