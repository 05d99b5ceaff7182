package io.closebench.analysis.stats;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A two-sided confidence interval that is either defined, with finite bounds {@code low <= high},
 * or explicitly undefined with a reason that names what is missing (typically: too few samples
 * for the requested level).
 *
 * <p>Undefined intervals exist so that callers never receive a wrong interval, or NaN bounds that
 * would leak into a report: asking an undefined interval for a bound throws
 * {@link IllegalStateException} carrying the reason.
 *
 * <p>commons-math3 has {@code org.apache.commons.math3.stat.interval.ConfidenceInterval}, but it
 * rejects degenerate intervals ({@code low == high}), which a bootstrap of tied latencies
 * legitimately produces, and it has no way to say "undefined".
 */
public final class ConfidenceInterval {

    private final double low;
    private final double high;
    private final double level;
    private final String undefinedReason;

    private ConfidenceInterval(double low, double high, double level, String undefinedReason) {
        this.low = low;
        this.high = high;
        this.level = level;
        this.undefinedReason = undefinedReason;
    }

    /**
     * A defined interval.
     *
     * @param low lower bound, finite
     * @param high upper bound, finite, {@code >= low}
     * @param level nominal coverage in {@code (0, 1)}, e.g. 0.95
     * @return the interval
     * @throws IllegalArgumentException on non-finite bounds, {@code low > high} or a bad level
     */
    public static ConfidenceInterval of(double low, double high, double level) {
        LatencySamples.requireConfidenceLevel(level);
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("interval bounds must be finite, got [" + low + ", " + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval lower bound " + low + " exceeds upper bound " + high);
        }
        return new ConfidenceInterval(low, high, level, null);
    }

    /**
     * An interval that cannot be computed from the data at hand.
     *
     * @param level the level that was requested
     * @param reason what is missing, in words a reader can act on, e.g. "needs at least 368 values"
     * @return the undefined interval
     */
    public static ConfidenceInterval undefined(double level, String reason) {
        LatencySamples.requireConfidenceLevel(level);
        return new ConfidenceInterval(Double.NaN, Double.NaN, level,
                LatencySamples.requireLabel(reason, "reason"));
    }

    /** @return whether bounds exist */
    public boolean isDefined() {
        return undefinedReason == null;
    }

    /** @return why the interval is undefined, empty when it is defined */
    public Optional<String> undefinedReason() {
        return Optional.ofNullable(undefinedReason);
    }

    /** @return the nominal coverage, e.g. 0.95 */
    public double level() {
        return level;
    }

    /**
     * @return lower bound
     * @throws IllegalStateException if undefined
     */
    public double low() {
        requireDefined();
        return low;
    }

    /**
     * @return upper bound
     * @throws IllegalStateException if undefined
     */
    public double high() {
        requireDefined();
        return high;
    }

    /**
     * @param value a candidate value, e.g. 1 for a ratio
     * @return whether {@code low <= value <= high}
     * @throws IllegalStateException if undefined
     */
    public boolean contains(double value) {
        requireDefined();
        return low <= value && value <= high;
    }

    /**
     * Whether the interval is defined and lies entirely on one side of {@code value}: the usual
     * "the difference is real" reading. An undefined interval excludes nothing.
     *
     * @param value e.g. 1 for a ratio, 0 for a difference
     * @return {@code true} only if defined and {@code value} is outside {@code [low, high]}
     */
    public boolean excludes(double value) {
        return isDefined() && !contains(value);
    }

    /** @return {@code high - low} */
    public double width() {
        requireDefined();
        return high - low;
    }

    private void requireDefined() {
        if (undefinedReason != null) {
            throw new IllegalStateException("confidence interval is undefined: " + undefinedReason);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConfidenceInterval other)) {
            return false;
        }
        return Double.compare(level, other.level) == 0
                && Objects.equals(undefinedReason, other.undefinedReason)
                && (undefinedReason != null
                    || (Double.compare(low, other.low) == 0 && Double.compare(high, other.high) == 0));
    }

    @Override
    public int hashCode() {
        return isDefined() ? Objects.hash(low, high, level) : Objects.hash(level, undefinedReason);
    }

    @Override
    public String toString() {
        return isDefined()
                ? String.format(Locale.ROOT, "%s CI [%s, %s]", ReportFormat.level(level), low, high)
                : ReportFormat.level(level) + " CI undefined: " + undefinedReason;
    }
}
