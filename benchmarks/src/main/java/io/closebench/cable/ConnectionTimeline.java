package io.closebench.cable;

import java.util.List;
import java.util.Optional;

/**
 * The instants of one connection's trial that predictions count from, all on the
 * {@code System.nanoTime()} scale (one monotonic clock for every process on the machine).
 *
 * @param t0                the fault: right before the call that caused it
 * @param lastPeerSegmentAt the last segment the server's kernel received from the client, from
 *                          {@code ss -i} shortly after the pull (millisecond resolution); t0 when it
 *                          could not be sampled or means nothing (a frozen peer keeps acknowledging)
 * @param peerSegmentSampled whether {@code lastPeerSegmentAt} is the kernel's figure
 * @param firstUnackedSendAt the server application's first send after its end of the cable lost
 *                          carrier (the first segment the peer never acknowledged); -1 when it sent
 *                          nothing then, or the link never went down
 * @param lastReadAt        the last byte the server application read before deciding, or the start
 * @param plugAt            right before the cable was plugged back; -1 when it was not
 * @param retries2          {@code net.ipv4.tcp_retries2} in the server's namespace
 * @param arp               the server kernel's resolution of the client's address after the pull
 * @param windowProbingFrom when the server's zero-window probing began for good (the last persist
 *                          timer expiry before the probes backed off), from {@code ss -o}; -1 when
 *                          not seen
 * @param connect           what decides a connect to the dead host: the namespace's SYN sysctls and
 *                          the observer library's own default connect timeout
 * @param retransmission    what the server's kernel showed of this connection's retransmission
 *                          timer, where it was traced
 */
public record ConnectionTimeline(long t0, long lastPeerSegmentAt, boolean peerSegmentSampled,
                                 long firstUnackedSendAt, long lastReadAt,
                                 long plugAt, int retries2, NeighbourResolution arp, long windowProbingFrom,
                                 ConnectRules connect, Optional<RetransmissionEvidence> retransmission) {

    /** A timeline whose retransmission timer was not traced. */
    public ConnectionTimeline(long t0, long lastPeerSegmentAt, boolean peerSegmentSampled, long firstUnackedSendAt,
                              long lastReadAt, long plugAt, int retries2, NeighbourResolution arp, long windowProbingFrom,
                              ConnectRules connect) {
        this(t0, lastPeerSegmentAt, peerSegmentSampled, firstUnackedSendAt, lastReadAt, plugAt, retries2, arp,
                windowProbingFrom, connect, Optional.empty());
    }

    /**
     * What the server kernel's tracepoints and its own reports showed of a connection's
     * retransmission timer, all on the {@code System.nanoTime()} scale.
     *
     * @param rtoNanos     its RTO before any backoff ({@code ss -i}'s {@code rto:} halved
     *                     {@code backoff:} times), at least 200 ms, a whole number of jiffies
     * @param headAttempts the attempts on the segment at the head of its retransmit queue (the oldest
     *                     unacknowledged: the one the timer retransmits), after its first
     *                     unacknowledged send, in time order
     * @param revertsAt    when each host-unreachable report of its oldest segment reached it
     * @param jiffies      the kernel's jiffies on the same clock, for the timer wheel
     * @param arms         each time the timer wheel enqueued the connection's retransmission timer
     *                     ({@code timer:timer_start}), in time order; empty where not traced
     * @param runs         each time the wheel ran it ({@code timer:timer_expire_entry}), in time order; empty
     *                     where not traced
     */
    public record RetransmissionEvidence(long rtoNanos, List<HeadAttempt> headAttempts, List<Long> revertsAt,
                                         JiffyClock jiffies, List<TimerArm> arms, List<TimerRun> runs) {

        public RetransmissionEvidence {
            headAttempts = List.copyOf(headAttempts);
            revertsAt = List.copyOf(revertsAt);
            arms = List.copyOf(arms);
            runs = List.copyOf(runs);
        }

        /** Evidence without the timer wheel's own account. */
        public RetransmissionEvidence(long rtoNanos, List<HeadAttempt> headAttempts, List<Long> revertsAt,
                                      JiffyClock jiffies) {
            this(rtoNanos, headAttempts, revertsAt, jiffies, List.of(), List.of());
        }
    }

    /**
     * The timer wheel ran the connection's retransmission timer ({@code timer:timer_expire_entry}).
     *
     * @param at  when, on the {@code System.nanoTime()} scale
     * @param now {@code jiffies} then
     */
    public record TimerRun(long at, long now) {
    }

    /**
     * The timer wheel enqueued the connection's retransmission timer ({@code timer:timer_start}).
     *
     * @param at      when, on the {@code System.nanoTime()} scale
     * @param now     {@code jiffies} then
     * @param expires the jiffy it was armed for
     * @param level   the wheel's level the kernel chose for it (granularity {@code 8^level} jiffies)
     * @param bucket  the jiffy of the bucket it went into: when it runs, unless re-armed before
     */
    public record TimerArm(long at, long now, long expires, int level, long bucket) {

        /** How far ahead of {@code jiffies} it was armed. */
        public long timeout() {
            return expires - now;
        }

        /** True when the level is coarser than the distance from {@code jiffies} selects: the wheel's clock was behind. */
        public boolean clockBehind() {
            return level > TimerWheel.level(timeout());
        }
    }

    /**
     * One retransmission attempt on the head of the retransmit queue ({@code tcp:tcp_retransmit_skb}).
     *
     * @param at   when
     * @param sent whether it left the TCP layer ({@code err} 0); else its previous copy still waited in
     *             a queue of the host (for ARP) and nothing was sent
     */
    public record HeadAttempt(long at, boolean sent) {
    }

    /** The kernel's defaults for a connect (tcp_syn_retries 6, 4 linear timeouts), no library timeout. */
    public static final ConnectRules DEFAULT_CONNECT = new ConnectRules(6, 4, Theory.NEVER);

    /** A timeline without a window probe and with the default connect rules (faults a to e). */
    public ConnectionTimeline(long t0, long lastPeerSegmentAt, boolean peerSegmentSampled, long firstUnackedSendAt,
                              long lastReadAt, long plugAt, int retries2, NeighbourResolution arp) {
        this(t0, lastPeerSegmentAt, peerSegmentSampled, firstUnackedSendAt, lastReadAt, plugAt, retries2, arp, -1,
                DEFAULT_CONNECT, Optional.empty());
    }

    /**
     * What bounds a connect that is never answered.
     *
     * @param synRetries             {@code net.ipv4.tcp_syn_retries} in the server's namespace
     * @param synLinearTimeouts      {@code net.ipv4.tcp_syn_linear_timeouts} there (0 where the
     *                               kernel has none)
     * @param libraryTimeoutNanos    the connect timeout the observer's library applies by itself
     *                               (Netty's {@code CONNECT_TIMEOUT_MILLIS}, 30 s);
     *                               {@link Theory#NEVER} for the JDK, which waits for the kernel
     */
    public record ConnectRules(int synRetries, int synLinearTimeouts, long libraryTimeoutNanos) {

        /** When the kernel gives up the SYNs, from the first; with {@code TCP_USER_TIMEOUT} if not 0. */
        public long kernelGiveUpNanos(long userTimeoutNanos) {
            return RetransmissionTimeoutModel.synGiveUpNanos(synRetries, synLinearTimeouts, userTimeoutNanos);
        }
    }

    /** How long after the last segment from the peer the cable came back (for backoff phases). */
    public long plugAfterLastPeerSegment() {
        if (plugAt < 0) {
            throw new IllegalStateException("the cable was not plugged back in this trial");
        }
        return plugAt - lastPeerSegmentAt;
    }
}
