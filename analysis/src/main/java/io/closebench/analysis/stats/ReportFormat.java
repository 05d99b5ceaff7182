package io.closebench.analysis.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting for sentences a person acts on: fixed locale (a decimal point, always), no
 * NaN, and no rounding that contradicts the decision it accompanies (a significant result is never
 * shown as "p = 0.050" against alpha 0.05, a ratio beyond noise never as "1.00x").
 */
final class ReportFormat {

    /** Below this a p-value is written as an inequality; the exact tail area means nothing there. */
    static final double SMALLEST_REPORTED_P = 0.001;

    private ReportFormat() {
    }

    /**
     * {@code "p < 0.001"} below 0.001, else {@code "p = "} with two significant digits, more (up to
     * four) if two would put the shown value on the other side of {@code alpha} than the true one.
     */
    static String pValue(double p, double alpha) {
        if (Double.isNaN(p)) {
            return "p undefined";
        }
        if (p < SMALLEST_REPORTED_P) {
            return "p < 0.001";
        }
        boolean significant = p < alpha;
        // compare against alpha as a person reads it: 1 - 0.95 is 0.050000000000000044 in binary
        double readAlpha = new BigDecimal(alpha).round(new MathContext(12, RoundingMode.HALF_UP)).doubleValue();
        BigDecimal exact = new BigDecimal(p);
        BigDecimal shown = exact.round(new MathContext(2, RoundingMode.HALF_UP));
        for (int digits = 3; digits <= 4 && (shown.doubleValue() < readAlpha) != significant; digits++) {
            shown = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
        }
        if (shown.precision() < 2) { // 1 -> "1.0", 0.5 -> "0.50": always at least two digits shown
            shown = shown.setScale(shown.scale() + 2 - shown.precision(), RoundingMode.HALF_UP);
        }
        return "p = " + shown.toPlainString();
    }

    /** A confidence level as a percentage without spurious digits: 0.95 gives "95%", 0.999 "99.9%". */
    static String level(double level) {
        BigDecimal percent = new BigDecimal(level * 100.0).round(new MathContext(6, RoundingMode.HALF_UP));
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** "median" for 0.5, otherwise "p" and the percentage: 0.99 gives "p99", 0.999 "p99.9". */
    static String quantileName(double q) {
        if (q == 0.5) {
            return "median";
        }
        BigDecimal percent = new BigDecimal(q * 100.0).round(new MathContext(6, RoundingMode.HALF_UP));
        return "p" + percent.stripTrailingZeros().toPlainString();
    }

    /** {@code value} rounded half-up to {@code decimals} places. */
    static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * {@code fraction} as a signed percentage, e.g. 0.123 gives "+12.3%"; a value that rounds to zero
     * is written without sign.
     */
    static String signedPercent(double fraction, int decimals) {
        BigDecimal percent = BigDecimal.valueOf(fraction * 100.0).setScale(decimals, RoundingMode.HALF_UP);
        if (percent.signum() == 0) {
            return percent.abs().toPlainString() + "%";
        }
        return (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "%";
    }

    /**
     * The fewest decimals, between {@code min} and {@code max}, at which {@code low} and {@code high}
     * print differently (unless they are equal) and, if {@code avoid} is given (not NaN), neither bound
     * prints as {@code avoid}. Used so that an interval that excludes 1 never reads "1.00-1.01".
     */
    static int decimalsToShow(double low, double high, double avoid, int min, int max) {
        for (int d = min; d < max; d++) {
            boolean boundsDistinct = low == high || !fixed(low, d).equals(fixed(high, d));
            boolean avoided = Double.isNaN(avoid)
                    || (!fixed(low, d).equals(fixed(avoid, d)) && !fixed(high, d).equals(fixed(avoid, d)));
            if (boundsDistinct && avoided) {
                return d;
            }
        }
        return max;
    }
}
