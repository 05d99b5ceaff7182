package io.closebench.analysis.stats;

import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * Whether the same figure (say "NIO, RESET, median detection time") moved between two runs by more
 * than run-to-run noise explains: a baseline run and a candidate run, compared as groups A and B of
 * a {@link MedianComparison}.
 *
 * <p>{@link #relativeChange()} is {@code median(candidate) / median(baseline) - 1}: +0.12 means the
 * candidate's median detection takes 12 % longer (slower), -0.12 that it is 12 % shorter. Its
 * interval is the bootstrap ratio interval shifted by -1. The change is {@link #beyondNoise()} only
 * when that interval excludes 0 <em>and</em> the Mann-Whitney p-value is below {@link #alpha()}
 * (with the point estimate on the same side, see {@link MedianComparison#faster(double)}); an
 * undefined interval (fewer than 2 values in a run) is never beyond noise.
 *
 * <p>Two runs of one benchmark also differ by things resampling cannot see (a different JIT outcome,
 * another CPU frequency, a noisy neighbour): this test answers "are these two sample sets
 * distinguishable", and a "beyond noise" on a single pair of runs is a reason to rerun, not proof
 * of a regression.
 *
 * @param comparison baseline as A, candidate as B
 * @param alpha significance level for the Mann-Whitney test
 */
public record RunToRunChange(MedianComparison comparison, double alpha) {

    /** Validates arguments. */
    public RunToRunChange {
        Objects.requireNonNull(comparison, "comparison");
        LatencySamples.requireAlpha(alpha);
    }

    /**
     * Compares two runs of raw samples at {@code alpha = 1 - settings.confidenceLevel()}.
     *
     * @param baseline earlier run, latencies in nanoseconds, all {@code > 0}
     * @param candidate later run, latencies in nanoseconds, all {@code > 0}
     * @param settings bootstrap resamples, confidence level, seed
     * @return the change
     * @throws IllegalArgumentException if a run is empty or holds a value {@code <= 0}
     */
    public static RunToRunChange of(long[] baseline, long[] candidate, BootstrapSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new RunToRunChange(MedianComparison.of(baseline, candidate, settings), settings.alpha());
    }

    /**
     * Compares two runs recorded as histograms, expanded as in
     * {@link MedianComparison#of(AbstractHistogram, AbstractHistogram, BootstrapSettings)}.
     *
     * @param baseline earlier run
     * @param candidate later run
     * @param settings bootstrap resamples, confidence level, seed, expansion cap
     * @return the change
     */
    public static RunToRunChange of(AbstractHistogram baseline, AbstractHistogram candidate, BootstrapSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new RunToRunChange(MedianComparison.of(baseline, candidate, settings), settings.alpha());
    }

    /** @return {@code median(candidate) / median(baseline) - 1}; positive means slower */
    public double relativeChange() {
        return comparison.ratio() - 1.0;
    }

    /** @return the interval of {@link #relativeChange()}, undefined when the ratio interval is */
    public ConfidenceInterval relativeChangeInterval() {
        ConfidenceInterval ratio = comparison.ratioInterval();
        if (!ratio.isDefined()) {
            return ratio;
        }
        return ConfidenceInterval.of(ratio.low() - 1.0, ratio.high() - 1.0, ratio.level());
    }

    /** @return whether the median moved by more than noise, as defined in the class comment */
    public boolean beyondNoise() {
        return comparison.faster(alpha) != FasterSide.NEITHER;
    }

    /**
     * One sentence for a report, e.g.
     * {@code "NIO RESET: median rose 12.3% (95% CI +8.1% to +15.9%, Mann-Whitney p < 0.001, n = 2000/2000): slower, beyond noise"}
     * or {@code "NIO RESET: no change beyond noise (median +1.2%, 95% CI -0.8% to +3.1%, Mann-Whitney p = 0.41, n = 2000/2000)"}.
     * {@code n} is baseline/candidate.
     *
     * @param figure what was measured, e.g. "NIO RESET"
     * @return the sentence, free of NaN
     */
    public String describe(String figure) {
        LatencySamples.requireLabel(figure, "figure");
        String n = "n = " + comparison.nA() + "/" + comparison.nB();
        String p = "Mann-Whitney " + ReportFormat.pValue(comparison.pValue(), alpha);
        ConfidenceInterval interval = relativeChangeInterval();
        if (!interval.isDefined()) {
            return figure + ": cannot tell whether the median changed: " + interval.undefinedReason().orElseThrow()
                    + " (median " + ReportFormat.signedPercent(relativeChange(), 1) + ", " + n + ")";
        }
        String level = ReportFormat.level(interval.level());
        if (beyondNoise()) {
            int d = ReportFormat.decimalsToShow(interval.low() * 100, interval.high() * 100, 0.0, 1, 3);
            String direction = relativeChange() > 0 ? "rose" : "fell";
            String verdict = relativeChange() > 0 ? "slower" : "faster";
            String magnitude = ReportFormat.fixed(Math.abs(relativeChange()) * 100, d) + "%";
            return figure + ": median " + direction + " " + magnitude + " (" + level + " CI "
                    + ReportFormat.signedPercent(interval.low(), d) + " to " + ReportFormat.signedPercent(interval.high(), d)
                    + ", " + p + ", " + n + "): " + verdict + ", beyond noise";
        }
        int d = ReportFormat.decimalsToShow(interval.low() * 100, interval.high() * 100, Double.NaN, 1, 3);
        return figure + ": no change beyond noise (median " + ReportFormat.signedPercent(relativeChange(), d) + ", "
                + level + " CI " + ReportFormat.signedPercent(interval.low(), d) + " to "
                + ReportFormat.signedPercent(interval.high(), d) + ", " + p + ", " + n + ")";
    }
}
