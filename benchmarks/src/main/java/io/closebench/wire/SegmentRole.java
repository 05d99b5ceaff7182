package io.closebench.wire;

/**
 * What a segment was, judged from the sequence space its sender had used before it and what the
 * other side had acknowledged and advertised (see {@link ConnectionFacts} for the rules).
 */
public enum SegmentRole {
    /** The first SYN of the connection. */
    SYN,
    /** The first SYN-ACK. */
    SYN_ACK,
    /** New data (sequence space beyond anything its sender had sent), without FIN. */
    DATA,
    /** The first FIN (with or without new data). */
    FIN,
    /** Any RST. */
    RST,
    /** Sequence space its sender had sent before, sent again: data, SYN, SYN-ACK or FIN. */
    RETRANSMISSION,
    /** {@code seq = SND.UNA - 1}, at most one byte, nothing unacknowledged and an open window: a keepalive. */
    KEEPALIVE_PROBE,
    /** The same shape while the other side's last advertised window was zero: a window probe. */
    ZERO_WINDOW_PROBE,
    /** No sequence space: a pure acknowledgement or window update. */
    ACK;

    /** Keepalive or zero-window probe. */
    public boolean probe() {
        return this == KEEPALIVE_PROBE || this == ZERO_WINDOW_PROBE;
    }
}
