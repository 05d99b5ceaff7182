package io.closebench.cable;

import java.time.Duration;

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
    /** {@code TCP_RTO_MAX}, the default of {@code net.ipv4.tcp_rto_max_ms}. */
    public static final Duration RTO_MAX = Duration.ofSeconds(120);

    private RetransmissionTimeoutModel() {
    }

    /** Time from the first unacknowledged transmission to the abort, for {@code tcp_retries2 = retries}. */
    public static long giveUpAfterNanos(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("tcp_retries2 cannot be negative: " + retries);
        }
        long base = RTO_MIN.toNanos();
        // ilog2(TCP_RTO_MAX / rto_base): the last doubling before the RTO is capped
        int linearBackoffThreshold = 63 - Long.numberOfLeadingZeros(RTO_MAX.toNanos() / base);
        if (retries <= linearBackoffThreshold) {
            return ((2L << retries) - 1) * base;
        }
        return ((2L << linearBackoffThreshold) - 1) * base + (retries - linearBackoffThreshold) * RTO_MAX.toNanos();
    }

    /**
     * When the k-th retransmission (k &gt;= 1) leaves, counted from the first transmission: 0.2 s,
     * 0.6 s, 1.4 s, 3.0 s, ... until the RTO reaches its cap, then every 120 s.
     */
    public static long retransmissionAtNanos(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("retransmissions are counted from 1: " + k);
        }
        long at = 0;
        long rto = RTO_MIN.toNanos();
        for (int i = 1; i <= k; i++) {
            at += rto;
            rto = Math.min(rto * 2, RTO_MAX.toNanos());
        }
        return at;
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
