package io.closebench.analysis.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalLong;

/**
 * The one way closebench writes a duration, on the console and in the report: three significant
 * figures in the unit that keeps the number between 1 and 999.
 *
 * <p><b>The rule.</b>
 * <ol>
 *   <li>Unknown is "-": a negative value, NaN, infinity, an empty {@link OptionalLong}.</li>
 *   <li>The exact value (in decimal, never through a binary division) is rounded half up to three
 *       significant figures.</li>
 *   <li>The unit is chosen from that rounded value: ns below 1 us, us below 1 ms, ms below 1 s,
 *       else s. Rounding comes first, so 999 600 ns is "1.00 ms", never "1000 us".</li>
 *   <li>The number keeps its three figures, trailing zeros included ("41.0 us", "2.00 s"), except
 *       that nanoseconds are whole numbers (a value below 100 ns shows fewer figures: "7 ns") and
 *       from 1000 s on the seconds are whole, never an exponent ("1234 s", "3600 s").</li>
 * </ol>
 * Examples: 7 ns "7 ns", 850 ns "850 ns", 12 940 ns "12.9 us", 17 000 ns "17.0 us", 999 499 ns
 * "999 us", 999 500 ns "1.00 ms", 1 423 000 ns "1.42 ms", 316 000 000 ns "316 ms", 12 000 000 000 ns
 * "12.0 s", 924 600 000 000 ns "925 s", 1 234 000 000 000 ns "1234 s", -1 "-".
 *
 * <p>Fixed locale by construction (a decimal point, always): the digits come from
 * {@link BigDecimal#toPlainString()}, not from {@code String.format}.
 */
public final class ThreeFigureDuration {

    private static final MathContext THREE_FIGURES = new MathContext(3, RoundingMode.HALF_UP);
    private static final String[] UNITS = {"ns", "us", "ms", "s"};
    private static final BigDecimal THOUSAND_SECONDS = BigDecimal.TEN.pow(12);

    private ThreeFigureDuration() {
    }

    /**
     * @param nanos a duration in nanoseconds; negative means unknown
     * @return e.g. "12.9 us", or "-"
     */
    public static String of(long nanos) {
        return nanos < 0 ? "-" : format(new BigDecimal(nanos));
    }

    /**
     * @param nanos a duration in nanoseconds, possibly fractional; negative, NaN or infinite means unknown
     * @return e.g. "12.9 us", or "-"
     */
    public static String of(double nanos) {
        return !(nanos >= 0) || Double.isInfinite(nanos) ? "-" : format(new BigDecimal(nanos));
    }

    /**
     * @param nanos a duration in nanoseconds, or empty when unknown
     * @return e.g. "12.9 us", or "-"
     */
    public static String of(OptionalLong nanos) {
        return nanos.isPresent() ? of(nanos.getAsLong()) : "-";
    }

    /**
     * Two durations as one range, the unit written once where both bounds share it.
     *
     * @param lowNanos the smaller duration, nanoseconds
     * @param highNanos the larger
     * @return "12.7-13.1 us", "950 us-1.02 ms", or "-" when either bound is unknown
     */
    public static String range(double lowNanos, double highNanos) {
        String low = of(lowNanos);
        String high = of(highNanos);
        if (low.equals("-") || high.equals("-")) {
            return "-";
        }
        String lowUnit = low.substring(low.indexOf(' '));
        if (lowUnit.equals(high.substring(high.indexOf(' ')))) {
            return low.substring(0, low.indexOf(' ')) + "-" + high;
        }
        return low + "-" + high;
    }

    private static String format(BigDecimal nanos) {
        BigDecimal rounded = nanos.round(THREE_FIGURES);
        if (rounded.compareTo(THOUSAND_SECONDS) >= 0) {
            return nanos.movePointLeft(9).setScale(0, RoundingMode.HALF_UP).toPlainString() + " s";
        }
        int unit = 0;
        while (unit < UNITS.length - 1 && rounded.compareTo(BigDecimal.TEN.pow(3 * (unit + 1))) >= 0) {
            unit++;
        }
        BigDecimal scaled = rounded.movePointLeft(3 * unit);
        if (unit == 0) {
            return scaled.setScale(0, RoundingMode.HALF_UP).toPlainString() + " ns";
        }
        int integerDigits = scaled.precision() - scaled.scale();
        return scaled.setScale(Math.max(0, 3 - integerDigits), RoundingMode.HALF_UP).toPlainString() + " " + UNITS[unit];
    }
}
