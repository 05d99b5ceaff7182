package io.closebench.fault;

import io.closebench.schema.T0Source;

/**
 * What a peer said about itself at the end of a repetition.
 *
 * @param bytesSent      bytes the peer's kernel accepted from it (a child: its completed writes)
 * @param t0             the fault instant the peer took itself on the harness's clock scale, or
 *                       {@code Long.MIN_VALUE} when the harness took it (or nobody could)
 * @param t0Source       who took {@link #t0}: a child's clock, or {@link T0Source#HARNESS} when the harness did
 * @param peerAfter      what the peer saw or did afterwards, where the case asks ("" otherwise)
 * @param faultCallNanos how long the fault call took to return (a {@code close()} with
 *                       {@code SO_LINGER} above 0 blocks); -1 where the harness makes no call
 * @param failure        why the peer could not play its part, or ""
 * @param t0BoundNanos   how far the true t0 can be from {@link #t0} once converted from another host's
 *                       clock (half the round trip of the offset estimate, and the clocks' drift since);
 *                       0 on this host's own clock
 * @param rttNanos       the round trip to the peer's host measured with it, ns; -1 on this host
 */
public record PeerReport(long bytesSent, long t0, T0Source t0Source, String peerAfter, long faultCallNanos,
                         String failure, long t0BoundNanos, long rttNanos) {

    /** A report of a peer on this host: t0, where it took one, on this host's clock. */
    public PeerReport(long bytesSent, long t0, T0Source t0Source, String peerAfter, long faultCallNanos, String failure) {
        this(bytesSent, t0, t0Source, peerAfter, faultCallNanos, failure, 0, -1);
    }

    /** A harness-injected fault: what the peer sent, saw, and how long the fault call took. */
    public static PeerReport sent(long bytesSent, String peerAfter, long faultCallNanos) {
        return new PeerReport(bytesSent, Long.MIN_VALUE, T0Source.HARNESS, peerAfter, faultCallNanos, "");
    }
}
