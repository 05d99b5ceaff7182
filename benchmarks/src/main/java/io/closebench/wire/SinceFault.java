package io.closebench.wire;

import java.util.Locale;

/**
 * When something was on the wire, relative to the fault instant t0: a capture timestamp
 * (CLOCK_REALTIME) minus t0 ({@code System.nanoTime()}) converted to the same clock, with the bound
 * of that conversion (clock offset error, any clock step during the capture, and the file's
 * timestamp resolution). Negative: before t0.
 *
 * @param nanos      the time after t0
 * @param boundNanos the true value lies within plus or minus this
 */
public record SinceFault(long nanos, long boundNanos) implements Comparable<SinceFault> {

    public SinceFault {
        if (boundNanos < 0) {
            throw new IllegalArgumentException("negative bound: " + boundNanos);
        }
    }

    /** Microseconds after t0, fractional. */
    public double micros() {
        return nanos / 1_000.0;
    }

    /** True when it is after t0 even at the far end of the bound. */
    public boolean surelyAfterFault() {
        return nanos - boundNanos > 0;
    }

    @Override
    public int compareTo(SinceFault other) {
        return Long.compare(nanos, other.nanos);
    }

    /** {@code +1234.567 us (+-0.120 us)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.3f us (+-%.3f us)", micros(), boundNanos / 1_000.0);
    }
}
