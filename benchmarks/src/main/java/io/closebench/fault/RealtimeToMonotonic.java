package io.closebench.fault;

import java.time.Instant;

/**
 * Converts a realtime-clock reading ({@code CLOCK_REALTIME}: bash's {@code EPOCHREALTIME}, a pcap
 * packet's timestamp) to the {@code System.nanoTime()} scale ({@code CLOCK_MONOTONIC} on Linux) and
 * back, so that a time taken on one compares with a t0 or t1 taken on the other.
 *
 * <p>Both clocks are driven by the same kernel timekeeper and slewed together by NTP, so they
 * differ by an offset that changes only when the realtime clock is stepped (settimeofday,
 * clock_settime, an NTP step, a leap second). The offset is measured as a realtime reading
 * bracketed by two monotonic readings, keeping the tightest of a few brackets; its error is at
 * most half that bracket ({@link Offset#errorBoundNanos()}). A step between the measurement and the
 * reading being converted is not covered by that bound: whoever converts readings taken over a span
 * measures the offset at both ends and uses {@link Offset#spanning(Offset)}, whose bound includes
 * any change in between.
 */
public final class RealtimeToMonotonic {

    private static final int BRACKETS = 5;

    private RealtimeToMonotonic() {
    }

    /**
     * The realtime clock minus the monotonic clock, in nanoseconds, as measured, and how far the
     * true offset can be from it.
     *
     * @param realtimeMinusMonotonicNanos epoch nanoseconds minus {@code System.nanoTime()} at one instant
     * @param errorBoundNanos             the true offset lies within plus or minus this
     */
    public record Offset(long realtimeMinusMonotonicNanos, long errorBoundNanos) {

        public Offset {
            if (errorBoundNanos < 0) {
                throw new IllegalArgumentException("negative error bound: " + errorBoundNanos);
            }
        }

        /** The {@code System.nanoTime()} reading that corresponds to {@code epochNanos} on the realtime clock. */
        public long toNanoTime(long epochNanos) {
            return epochNanos - realtimeMinusMonotonicNanos;
        }

        /** The realtime reading, in epoch nanoseconds, that corresponds to a {@code System.nanoTime()} reading. */
        public long toEpochNanos(long nanoTime) {
            return nanoTime + realtimeMinusMonotonicNanos;
        }

        /**
         * An offset valid for readings taken anywhere between this measurement and {@code later}: this
         * one's value, with a bound covering both measurements' errors and their difference (zero
         * unless the realtime clock was stepped in between, up to the two errors otherwise).
         */
        public Offset spanning(Offset later) {
            long drift = Math.abs(later.realtimeMinusMonotonicNanos - realtimeMinusMonotonicNanos);
            return new Offset(realtimeMinusMonotonicNanos, Math.max(errorBoundNanos, later.errorBoundNanos) + drift);
        }
    }

    /** Measures the offset now: the tightest of {@value #BRACKETS} brackets, a microsecond or less in all. */
    public static Offset measure() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < BRACKETS; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                long realtime = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                offset = realtime - (before + (after - before) / 2);
            }
        }
        // the midpoint is off by at most half the bracket; one more for the integer halving
        return new Offset(offset, best / 2 + 1);
    }

    /**
     * The monotonic reading that corresponds to {@code epochMicros} on the realtime clock, with the
     * offset measured now: for a reading taken moments ago (a bash child's t0), which no clock step
     * can have separated from now except by gross error.
     */
    public static long toNanoTime(long epochMicros) {
        return measure().toNanoTime(epochMicros * 1_000);
    }

    /** Parses bash's {@code EPOCHREALTIME} ("1764063754.123456") to epoch microseconds. */
    public static long parseEpochRealtime(String s) {
        int dot = s.indexOf('.');
        if (dot < 0 || s.length() - dot - 1 != 6) {
            throw new IllegalArgumentException("not an EPOCHREALTIME value: " + s);
        }
        return Long.parseLong(s.substring(0, dot)) * 1_000_000 + Long.parseLong(s.substring(dot + 1));
    }
}
