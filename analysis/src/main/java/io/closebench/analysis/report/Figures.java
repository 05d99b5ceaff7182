package io.closebench.analysis.report;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.stats.ConfidenceInterval;
import io.closebench.schema.BenchmarkKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the report writes numbers: durations by {@link ThreeFigureDuration} (the console's rule too),
 * ratios with two decimals (three where two would print an interval that excludes 1 as touching
 * "1.00"), counts with thin grouping, always a decimal point, never NaN: what cannot be computed
 * prints as "-".
 */
final class Figures {

    private Figures() {
    }

    /**
     * @param interval a confidence interval of a duration in nanoseconds
     * @return "12.7-13.1 us" (one unit when both bounds share it), "950 us-1.02 ms", or "-" when undefined
     */
    static String durationInterval(ConfidenceInterval interval) {
        return interval.isDefined() ? ThreeFigureDuration.range(interval.low(), interval.high()) : "-";
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
     * @param micros an idle time before the fault, microseconds
     * @return "0 us", "10.0 ms": how long the observer had been asleep, at least, when the fault came
     */
    static String idle(long micros) {
        return micros == 0 ? "0 us" : ThreeFigureDuration.of(micros * 1_000.0);
    }

    /**
     * Where and when a benchmark figure was measured, for a sentence: it decides the figure as much
     * as the API does, so no figure is quoted without it.
     *
     * @param key a combination
     * @return e.g. "SAME_CPU, idle 0 us before the fault, no load"
     */
    static String conditions(BenchmarkKey key) {
        return key.placement() + ", idle " + idle(key.idleBeforeFaultMicros()) + " before the fault, " + loadWords(key);
    }

    /**
     * @param key a combination
     * @return its background load for a table cell: "none", "100 connections", "none, 1 CPU burner"
     *     (not the schema's "idle", which a reader would take for the idle time before the fault)
     */
    static String load(BenchmarkKey key) {
        String load = key.loadConnections() == 0 ? "none" : key.loadConnections() + " connections";
        return key.cpuBurners() == 0 ? load : load + ", " + key.cpuBurners() + " CPU burner"
                + (key.cpuBurners() == 1 ? "" : "s");
    }

    /**
     * @param key a combination
     * @return its background load in a sentence: "no load", "load 100 connections"
     */
    static String loadWords(BenchmarkKey key) {
        return key.loadConnections() == 0 && key.cpuBurners() == 0 ? "no load" : "load " + load(key);
    }

    /**
     * @param factor a ratio of at least 1, e.g. 20.18
     * @return "1.11", "20.2": two decimals below 10, three significant digits above
     */
    static String factor(double factor) {
        return factor < 9.995 ? ratio(factor) : significant(factor);
    }

    /**
     * The JDK as a table cell: the runtime version of a JDK description as the writers record it
     * ({@code java.vm.name + " " + java.runtime.version + " (" + java.vendor + ")"}).
     *
     * @param jdk e.g. "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)"
     * @return e.g. "25.0.3+9-LTS"; the description itself when it has no version in it
     */
    static String jdk(String jdk) {
        java.util.regex.Matcher m = JDK_VERSION.matcher(jdk);
        return m.find() ? m.group(1) : jdk;
    }

    private static final java.util.regex.Pattern JDK_VERSION =
            java.util.regex.Pattern.compile("\\b(\\d+(?:\\.\\d+)*\\+\\S*|\\d+\\.\\d+\\.\\d+\\S*)");

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

    /** Three significant digits, no exponent, trailing zeros kept ("10.0", "20.2", "317"); whole above 999. */
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
