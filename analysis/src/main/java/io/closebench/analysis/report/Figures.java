package io.closebench.analysis.report;

import io.closebench.analysis.stats.ConfidenceInterval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the report writes numbers: durations with three significant digits and a unit chosen per value
 * ("850 ns", "12.9 us", "1.45 ms", "317 ms", "10.0 s"), ratios with two decimals (three where two would
 * print an interval that excludes 1 as touching "1.00"), counts with thin grouping, always a decimal
 * point, never NaN: what cannot be computed prints as "-".
 */
final class Figures {

    private Figures() {
    }

    /**
     * @param nanos a duration in nanoseconds; negative or NaN means unknown
     * @return e.g. "12.9 us"
     */
    static String duration(double nanos) {
        if (!(nanos >= 0) || Double.isInfinite(nanos)) {
            return "-";
        }
        if (nanos < 1_000) {
            return significant(nanos) + " ns";
        }
        if (nanos < 999_500) {
            return significant(nanos / 1e3) + " us";
        }
        if (nanos < 999_500_000) {
            return significant(nanos / 1e6) + " ms";
        }
        return significant(nanos / 1e9) + " s";
    }

    /**
     * @param interval a confidence interval of a duration in nanoseconds
     * @return "12.7-13.1 us" (one unit when both bounds share it), "950 us-1.02 ms", or "-" when undefined
     */
    static String durationInterval(ConfidenceInterval interval) {
        if (!interval.isDefined()) {
            return "-";
        }
        String low = duration(interval.low());
        String high = duration(interval.high());
        String lowUnit = low.substring(low.indexOf(' '));
        if (lowUnit.equals(high.substring(high.indexOf(' ')))) {
            return low.substring(0, low.indexOf(' ')) + "-" + high;
        }
        return low + "-" + high;
    }

    /**
     * @param ratio a ratio, e.g. 1.0472
     * @return "1.05", or "-" when not finite
     */
    static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "-";
        }
        return fixed(ratio, 2);
    }

    /**
     * @param ratio the point estimate
     * @param interval its interval
     * @return "1.05 (1.04-1.06)", with up to four decimals where two would print distinct bounds as one
     *     number or make an interval that excludes 1 touch "1.00"; "1.05 (CI undefined)" when undefined
     */
    static String ratioWithInterval(double ratio, ConfidenceInterval interval) {
        if (!interval.isDefined()) {
            return ratio(ratio) + " (CI undefined)";
        }
        int d = 2;
        while (d < 4 && ((interval.low() != interval.high()
                        && fixed(interval.low(), d).equals(fixed(interval.high(), d)))
                || (interval.excludes(1.0) && (fixed(interval.low(), d).equals(fixed(1.0, d))
                        || fixed(interval.high(), d).equals(fixed(1.0, d)))))) {
            d++;
        }
        return fixed(ratio, d) + " (" + fixed(interval.low(), d) + "-" + fixed(interval.high(), d) + ")";
    }

    /**
     * @param level a confidence level, e.g. 0.95
     * @return "95%", "99.9%"
     */
    static String level(double level) {
        return new BigDecimal(level * 100).round(new MathContext(6, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /**
     * @param count a count
     * @return with a thin space between thousands, e.g. "25 276"
     */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count).replace(',', '\u2009');
    }

    /**
     * @param value a value
     * @param decimals decimals to show
     * @return rounded half-up, decimal point
     */
    static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Three significant digits, no exponent, trailing zeros kept ("10.0", "2.00", "317"); whole above 999. */
    private static String significant(double value) {
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) >= 999.5) {
            return new BigDecimal(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP));
        int integerDigits = rounded.precision() - rounded.scale();
        return rounded.setScale(Math.max(0, 3 - integerDigits), RoundingMode.HALF_UP).toPlainString();
    }
}
