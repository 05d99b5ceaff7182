package io.closebench.fault;

import java.time.Instant;

/**
 * Converts a realtime-clock reading (epoch microseconds, what bash's {@code EPOCHREALTIME} gives)
 * to the {@code System.nanoTime()} scale, so that a bash child's t0 compares with the parent's t1.
 *
 * <p>Both clocks tick at the same rate between NTP adjustments, so they differ by an offset. It is
 * measured as the realtime reading bracketed by two monotonic readings, keeping the tightest of a
 * few brackets. The result carries the child's microsecond resolution plus the bracket width (a
 * microsecond or two); a clock step between the child's reading and the conversion would show as a
 * gross error, which is why this is used only for the bash child and documented as such.
 */
public final class RealtimeToMonotonic {

    private static final int BRACKETS = 5;

    private RealtimeToMonotonic() {
    }

    /** The monotonic reading that corresponds to {@code epochMicros} on the realtime clock. */
    public static long toNanoTime(long epochMicros) {
        return epochMicros * 1_000 - realtimeMinusMonotonic();
    }

    /** Parses bash's {@code EPOCHREALTIME} ("1764063754.123456") to epoch microseconds. */
    public static long parseEpochRealtime(String s) {
        int dot = s.indexOf('.');
        if (dot < 0 || s.length() - dot - 1 != 6) {
            throw new IllegalArgumentException("not an EPOCHREALTIME value: " + s);
        }
        return Long.parseLong(s.substring(0, dot)) * 1_000_000 + Long.parseLong(s.substring(dot + 1));
    }

    static long realtimeMinusMonotonic() {
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
        return offset;
    }
}
