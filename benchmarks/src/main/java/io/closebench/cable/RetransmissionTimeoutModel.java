package io.closebench.cable;

import java.time.Duration;
import java.util.List;

/**
 * When Linux gives up retransmitting, computed as the kernel itself computes it
 * ({@code tcp_model_timeout()} in {@code net/ipv4/tcp_timer.c}), and when it retransmits.
 *
 * <p>The kernel does not count retransmissions against {@code tcp_retries2}: it converts the count
 * into a time, assuming the RTO starts at {@code TCP_RTO_MIN} (200 ms) and doubles up to
 * {@code TCP_RTO_MAX} (120 s), and aborts at the first retransmission timer that fires once that
 * much time has passed since the first unacknowledged transmission. For the default
 * {@code tcp_retries2 = 15}: 200 ms x (2^10 - 1) + 6 x 120 s = 924.6 s. On a link with a
 * sub-millisecond RTT the real RTO is the same 200 ms plus a few jiffies, so the schedule below is
 * also what the wire shows, give or take those few milliseconds per step.
 */
public final class RetransmissionTimeoutModel {

    /** {@code TCP_RTO_MIN}. */
    public static final Duration RTO_MIN = Duration.ofMillis(200);
    /** {@code TCP_TIMEOUT_INIT}: the first RTO of a SYN. */
    public static final Duration SYN_RTO_INIT = Duration.ofSeconds(1);
    /** {@code TCP_RTO_MAX}, the default of {@code net.ipv4.tcp_rto_max_ms}. */
    public static final Duration RTO_MAX = Duration.ofSeconds(120);

    private RetransmissionTimeoutModel() {
    }

    /** Time from the first unacknowledged transmission to the abort, for {@code tcp_retries2 = retries}. */
    public static long giveUpAfterNanos(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("tcp_retries2 cannot be negative: " + retries);
        }
        return modelTimeoutNanos(retries, RTO_MIN.toNanos());
    }

    /**
     * {@code tcp_model_timeout(boundary, rto_base)}: the time {@code boundary} retransmissions take
     * when the RTO starts at {@code baseNanos} and doubles up to {@code TCP_RTO_MAX}.
     */
    static long modelTimeoutNanos(int boundary, long baseNanos) {
        // ilog2(TCP_RTO_MAX / rto_base): the last doubling before the RTO is capped
        int linearBackoffThreshold = 63 - Long.numberOfLeadingZeros(RTO_MAX.toNanos() / baseNanos);
        if (boundary <= linearBackoffThreshold) {
            return ((2L << boundary) - 1) * baseNanos;
        }
        return ((2L << linearBackoffThreshold) - 1) * baseNanos + (boundary - linearBackoffThreshold) * RTO_MAX.toNanos();
    }

    /**
     * When the {@code k}-th retransmission timer of a SYN fires (k &gt;= 1), counted from the first
     * SYN. The RTO starts at {@link #SYN_RTO_INIT} ({@code TCP_TIMEOUT_INIT}) and stays there for the
     * first {@code linearTimeouts + 1} timeouts ({@code net.ipv4.tcp_syn_linear_timeouts}, Linux
     * 6.5+, 4 by default), then doubles up to {@code TCP_RTO_MAX}: with the default, timers at 1, 2,
     * 3, 4, 5, 7, 11, 19, 35, 67, 131 s (as {@code ss} shows on this kernel: rto 1000 ms five times,
     * then backoff 1, 2, 3 ...).
     */
    public static long synTimerAtNanos(int k, int linearTimeouts) {
        return timerAtNanos(k, SYN_RTO_INIT.toNanos(), linearTimeouts);
    }

    /**
     * When the {@code k}-th retransmission timer fires, from the first transmission: the RTO starts
     * at {@code baseNanos}, stays there for the first {@code linear} timeouts, then doubles after each
     * up to {@code TCP_RTO_MAX}.
     */
    private static long timerAtNanos(int k, long baseNanos, int linear) {
        if (k < 1) {
            throw new IllegalArgumentException("timers are counted from 1: " + k);
        }
        long at = 0;
        long rto = baseNanos;
        for (int i = 1; i <= k; i++) {
            at += rto;
            if (i > linear) {
                rto = Math.min(rto * 2, RTO_MAX.toNanos());
            }
        }
        return at;
    }

    /**
     * When Linux gives up a connect whose SYNs are never answered, counted from the first SYN, as
     * {@code tcp_write_timeout()} decides it at each retransmission timer: once the SYN has been
     * retransmitted {@code tcp_syn_retries + tcp_syn_linear_timeouts} times, or once the time since
     * the first SYN reaches {@code tcp_model_timeout(tcp_syn_retries, 1 s)} (2^(n+1) - 1 s), whichever
     * timer comes first; or, with {@code TCP_USER_TIMEOUT} set, once that much time has passed
     * instead of the modelled time (the RTO is clamped so that a timer fires right then). The first
     * timer can never abort: nothing has been retransmitted yet. Measured here: tcp_syn_retries 1,
     * 2 and 3 give 3, 7 and 19 s; the default 6, 131 s; a user timeout of 0.5, 2 and 3 s gives 1, 2
     * and 3 s.
     *
     * @param userTimeoutNanos {@code TCP_USER_TIMEOUT}, 0 when not set
     */
    public static long synGiveUpNanos(int synRetries, int linearTimeouts, long userTimeoutNanos) {
        if (synRetries < 1 || linearTimeouts < 0 || userTimeoutNanos < 0) {
            throw new IllegalArgumentException("tcp_syn_retries at least 1, linear timeouts and user timeout not "
                    + "negative: " + synRetries + ", " + linearTimeouts + ", " + userTimeoutNanos);
        }
        long limit = userTimeoutNanos > 0 ? userTimeoutNanos : modelTimeoutNanos(synRetries, SYN_RTO_INIT.toNanos());
        long fires = synTimerAtNanos(1, linearTimeouts);
        for (int retransmitted = 0; ; retransmitted++) {
            if (retransmitted >= 1 && (retransmitted >= synRetries + linearTimeouts || fires >= limit)) {
                return fires;
            }
            long wait = synTimerAtNanos(retransmitted + 2, linearTimeouts) - synTimerAtNanos(retransmitted + 1, linearTimeouts);
            if (userTimeoutNanos > 0) {
                // tcp_clamp_rto_to_user_timeout(): the next timer no later than the user timeout
                wait = Math.min(wait, Math.max(0, userTimeoutNanos - fires));
            }
            fires += wait;
        }
    }

    /**
     * When the k-th retransmission (k &gt;= 1) leaves, counted from the first transmission: 0.2 s,
     * 0.6 s, 1.4 s, 3.0 s, ... until the RTO reaches its cap, then every 120 s.
     */
    public static long retransmissionAtNanos(int k) {
        return timerAtNanos(k, RTO_MIN.toNanos(), 0);
    }

    /**
     * When the retransmission timer aborts, counted from the instant its schedule started: Linux
     * decides only at an expiry ({@code retransmits_timed_out()} in {@code tcp_write_timeout()}),
     * once {@link #giveUpAfterNanos} has passed since {@code retrans_stamp}. The expiries are
     * {@code rto}, 3, 7, 15, 31 ... times {@code rto} after the start (doubling up to
     * {@link #RTO_MAX}), with the connection's real RTO (at least {@link #RTO_MIN}).
     * {@code retrans_stamp} is the oldest segment's timestamp at the first retransmission attempt
     * ({@code tcp_retransmit_skb()}): its original send when that attempt was skipped because the
     * segment's copy still waited in a queue of the host (a neighbour entry resolving the peer),
     * otherwise the first expiry itself. Since {@code tcp_retries2}'s time is 200 ms x (2^(n+1) - 1),
     * the two stamps can be a whole doubling apart: see docs/findings-s1-kernel-rules.md.
     *
     * @param rtoNanos   the first interval, the connection's RTO when the schedule started
     * @param stampNanos {@code retrans_stamp}, from the same origin: 0, or {@code rtoNanos}
     */
    public static long abortTickNanos(int retries, long rtoNanos, long stampNanos) {
        return abortNanos(retries, rtoNanos, stampNanos, List.of());
    }

    /**
     * As {@link #abortTickNanos}, with the RFC 6069 reverts a connection met: each host-unreachable
     * report of its oldest unacknowledged segment ({@code tcp_v4_err()} -> {@code tcp_ld_RTO_revert()})
     * undoes one backoff and runs the retransmission timer at once (the segment's last transmission
     * plus the reverted RTO has passed: its copy waited a whole ARP round), so the abort test runs
     * there too; when it does not abort, the segment is retransmitted and the next expiry is the full
     * backoff later. See docs/findings-s1-kernel-rules.md, item 3.
     *
     * @param stampNanos   {@code retrans_stamp} from the same origin; before it (negative) when a write
     *                     or a tail loss probe restarted the timer after the original send
     * @param revertsNanos when each such report reached the connection, from the same origin, in order
     */
    public static long abortNanos(int retries, long rtoNanos, long stampNanos, List<Long> revertsNanos) {
        if (rtoNanos < RTO_MIN.toNanos()) {
            throw new IllegalArgumentException("an RTO of at least 200 ms: " + rtoNanos);
        }
        long limit = giveUpAfterNanos(retries);
        long next = rtoNanos;
        int backoff = 0;
        int report = 0;
        while (true) {
            long revert = report < revertsNanos.size() ? revertsNanos.get(report) : Long.MAX_VALUE;
            long run;
            if (revert < next) {
                report++;
                if (backoff == 0) {
                    continue; // nothing to undo: the timer is left as it is
                }
                backoff--;
                run = revert;
            } else {
                run = next;
            }
            if (run - stampNanos >= limit) {
                return run;
            }
            backoff++;
            next = run + Math.min(rtoNanos << Math.min(backoff, 30), RTO_MAX.toNanos());
        }
    }

    /** The first retransmission at or after {@code sinceFirstSendNanos} into the schedule. */
    public static long nextRetransmissionNanos(long sinceFirstSendNanos) {
        for (int k = 1; ; k++) {
            long at = retransmissionAtNanos(k);
            if (at >= sinceFirstSendNanos) {
                return at;
            }
        }
    }
}
