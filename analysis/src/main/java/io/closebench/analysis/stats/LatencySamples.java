package io.closebench.analysis.stats;

import java.util.Objects;

/**
 * Argument checks and conversions shared by the public entry points, so that every one of them
 * rejects bad input with the same wording.
 *
 * <p>Latencies arrive as {@code long} nanoseconds and commons-math3 works on {@code double}. The
 * conversion is exact for every value below 2<sup>53</sup> ns (about 104 days), which covers any
 * detection latency this suite can observe; no rounding happens on the way in, and an order
 * statistic converted back with {@code (long)} is the very value that was recorded.
 */
final class LatencySamples {

    private LatencySamples() {
    }

    /** Fails with a message naming {@code what} when {@code values} is null or empty. */
    static void requireNonEmpty(long[] values, String what) {
        Objects.requireNonNull(values, what);
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " is empty: at least one latency value is required");
        }
    }

    /** Fails unless {@code 0 < q < 1}; quantiles at 0 or 1 are the min and max, which have no CI. */
    static void requireOpenUnitQuantile(double q) {
        if (!(q > 0.0 && q < 1.0)) {
            throw new IllegalArgumentException("quantile must lie strictly between 0 and 1, got " + q);
        }
    }

    /** Fails unless {@code 0 < level < 1}. */
    static void requireConfidenceLevel(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("confidence level must lie strictly between 0 and 1, got " + level);
        }
    }

    /** Fails when a label meant for human-readable text is null or blank. */
    static String requireLabel(String label, String what) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank label");
        }
        return label;
    }

    /** Widens each value to {@code double}; exact below 2<sup>53</sup>. */
    static double[] toDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
