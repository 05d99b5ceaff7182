package io.closebench.analysis.stats;

import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * Two-sample comparison of detection latency, built for skewed distributions: "does A (say NIO)
 * notice a RESET faster than B (say blocking), by how much, and how sure are we?".
 *
 * <p>Three complementary figures, none of which assumes normality:
 * <ul>
 *   <li>{@link #ratio()} {@code = medianB / medianA}, with a bootstrap interval
 *       ({@link MedianRatioInterval}). Convention: <b>ratio &gt; 1 means A is faster</b> (B's typical
 *       detection takes {@code ratio} times as long); ratio &lt; 1 means B is faster.</li>
 *   <li>{@link #pValue()} of the Mann-Whitney U test ({@link MannWhitneyOutcome}): is there any
 *       shift between the distributions at all?</li>
 *   <li>{@link #probabilityALower()}: the common-language effect size {@code P(A < B)} (ties half):
 *       how often a random A connection detects before a random B one. 0.5 is no effect.</li>
 * </ul>
 * A difference counts as real ({@link #faster(double)}) only when the ratio interval excludes 1
 * <em>and</em> {@code p < alpha}, and the point ratio is on the same side of 1: the interval speaks
 * about medians, the test about whole distributions, and requiring both guards against either one's
 * blind spot (a shift in the tail only, or a bootstrap on too few samples).
 *
 * <p>Medians are R-1 ({@link EmpiricalQuantile}): observed values, the lower middle value for even
 * {@code n}.
 *
 * @param nA number of values in A
 * @param nB number of values in B
 * @param medianA R-1 median of A, nanoseconds
 * @param medianB R-1 median of B, nanoseconds
 * @param ratioInterval bootstrap interval of {@code medianB / medianA}; its level is the comparison's
 *     confidence level; undefined when a group has fewer than 2 values
 * @param pValue two-sided Mann-Whitney p-value
 * @param probabilityALower common-language effect size {@code P(A < B) + P(A = B) / 2}
 */
public record MedianComparison(
        int nA,
        int nB,
        long medianA,
        long medianB,
        ConfidenceInterval ratioInterval,
        double pValue,
        double probabilityALower) {

    /** Validates ranges so that no NaN or non-positive median can reach a verdict. */
    public MedianComparison {
        Objects.requireNonNull(ratioInterval, "ratioInterval");
        if (nA < 1 || nB < 1) {
            throw new IllegalArgumentException("both groups need at least one value, got nA = " + nA + ", nB = " + nB);
        }
        if (medianA <= 0 || medianB <= 0) {
            throw new IllegalArgumentException("medians must be positive for a ratio, got " + medianA + " and " + medianB);
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value must lie in [0, 1], got " + pValue);
        }
        if (!(probabilityALower >= 0.0 && probabilityALower <= 1.0)) {
            throw new IllegalArgumentException("probability must lie in [0, 1], got " + probabilityALower);
        }
    }

    /**
     * Compares raw samples.
     *
     * @param a group A, latencies in nanoseconds, all {@code > 0}
     * @param b group B, latencies in nanoseconds, all {@code > 0}
     * @param settings bootstrap resamples, confidence level, seed
     * @return the comparison
     * @throws IllegalArgumentException if a group is empty or holds a value {@code <= 0}
     */
    public static MedianComparison of(long[] a, long[] b, BootstrapSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ConfidenceInterval interval = MedianRatioInterval.of(a, b, settings); // validates both groups
        MannWhitneyOutcome test = MannWhitneyOutcome.of(a, b);
        return new MedianComparison(
                a.length,
                b.length,
                EmpiricalQuantile.of(a, 0.5),
                EmpiricalQuantile.of(b, 0.5),
                interval,
                test.pValue(),
                test.probabilityALower());
    }

    /**
     * Compares two histograms via {@link HistogramExpansion} with the settings' cap. {@link #nA()}
     * and {@link #nB()} are then the numbers of values analysed, which are below the recorded counts
     * when a histogram exceeds the cap; the interval and p-value are correspondingly conservative.
     * Medians are bucket-equivalent values, as {@code getValueAtPercentile(50)} reports them.
     *
     * @param a group A
     * @param b group B
     * @param settings bootstrap resamples, confidence level, seed, expansion cap
     * @return the comparison
     */
    public static MedianComparison of(AbstractHistogram a, AbstractHistogram b, BootstrapSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return of(HistogramExpansion.sortedValues(a, settings.histogramExpansionCap()),
                HistogramExpansion.sortedValues(b, settings.histogramExpansionCap()),
                settings);
    }

    /** @return {@code medianB / medianA}; above 1 means A is faster */
    public double ratio() {
        return (double) medianB / medianA;
    }

    /** @return the level of {@link #ratioInterval()}, e.g. 0.95 */
    public double confidenceLevel() {
        return ratioInterval.level();
    }

    /** @return {@code 1 - confidenceLevel()}: the significance level matching the interval */
    public double alpha() {
        return BootstrapSettings.alphaFor(confidenceLevel());
    }

    /** @return {@code P(A < B) - P(A > B)}, the rank-biserial correlation */
    public double rankBiserial() {
        return 2.0 * probabilityALower - 1.0;
    }

    /** {@link #faster(double)} at {@link #alpha()}. */
    public FasterSide faster() {
        return faster(alpha());
    }

    /**
     * Which side is faster beyond noise: A when the whole ratio interval lies above 1, B when it lies
     * below 1, in either case only if also {@code pValue < alpha} and the point ratio agrees;
     * otherwise {@link FasterSide#NEITHER}, which includes an undefined interval.
     *
     * @param alpha significance level for the Mann-Whitney test, e.g. 0.05
     * @return the faster side, or NEITHER
     */
    public FasterSide faster(double alpha) {
        LatencySamples.requireAlpha(alpha);
        if (!ratioInterval.isDefined() || !(pValue < alpha)) {
            return FasterSide.NEITHER;
        }
        if (ratioInterval.low() > 1.0 && ratio() > 1.0) {
            return FasterSide.A;
        }
        if (ratioInterval.high() < 1.0 && ratio() < 1.0) {
            return FasterSide.B;
        }
        return FasterSide.NEITHER;
    }
}
