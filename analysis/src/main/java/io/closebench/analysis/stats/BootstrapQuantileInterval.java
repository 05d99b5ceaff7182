package io.closebench.analysis.stats;

import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Percentile-bootstrap confidence interval for one quantile (median, p99, ...) of one sample set,
 * reproducible from {@link BootstrapSettings#seed()}.
 *
 * <p>Procedure: draw {@code n} values with replacement, take the R-1 quantile
 * ({@link EmpiricalQuantile}) of that resample, repeat {@link BootstrapSettings#resamples()} times,
 * and report the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the replicates. The
 * values are sorted before resampling, so the interval depends only on the multiset of values and the
 * seed: a shuffled array, and a histogram holding the same values, give the identical interval.
 *
 * <p><b>When to use it rather than {@link OrderStatisticQuantileInterval}.</b> The order-statistic
 * interval is exact (coverage at least nominal for any continuous distribution), needs no
 * resampling and should be preferred for a single quantile of a single sample. The bootstrap is the
 * tool for what that interval cannot do: functions of several quantiles or of two groups (the ratio
 * of medians in {@link MedianRatioInterval}), and its intervals for one quantile are shown beside the
 * order-statistic ones so that both methods can be cross-checked. Its coverage is only asymptotically
 * nominal, and it is known to under-cover far-tail quantiles when few samples lie beyond them: for
 * p99 want at least several hundred values, for p99.9 several thousand.
 *
 * <p>Cost: {@code resamples x n} draws plus a selection per resample, about 20 ns per drawn value
 * (2000 resamples of 100 000 values: about 4 s on one core). Raw arrays are used in full; histograms
 * are capped by {@link HistogramExpansion}.
 *
 * <p>A bootstrap needs at least 2 values (with one, every resample is identical); below that the
 * interval is {@linkplain ConfidenceInterval#undefined undefined}. Empty input is an error.
 */
public final class BootstrapQuantileInterval {

    /** The fewest values from which a bootstrap interval is computed. */
    public static final int MINIMUM_SAMPLES = 2;

    private BootstrapQuantileInterval() {
    }

    /**
     * Bootstrap interval for the {@code q}-quantile of raw samples.
     *
     * @param samples latencies in nanoseconds, not modified
     * @param q quantile, strictly between 0 and 1
     * @param settings resamples, level, seed
     * @return the interval, undefined below {@link #MINIMUM_SAMPLES} values
     * @throws IllegalArgumentException if {@code samples} is empty or {@code q} is out of range
     */
    public static ConfidenceInterval of(long[] samples, double q, BootstrapSettings settings) {
        LatencySamples.requireNonEmpty(samples, "samples");
        LatencySamples.requireOpenUnitQuantile(q);
        Objects.requireNonNull(settings, "settings");
        if (samples.length < MINIMUM_SAMPLES) {
            return ConfidenceInterval.undefined(settings.confidenceLevel(),
                    "bootstrap needs at least " + MINIMUM_SAMPLES + " values, have " + samples.length);
        }
        double[] values = LatencySamples.toSortedDoubles(samples);
        RandomGenerator random = settings.newRandom();
        double[] resample = new double[values.length];
        double[] replicates = new double[settings.resamples()];
        for (int b = 0; b < replicates.length; b++) {
            Resampling.drawWithReplacement(values, resample, random);
            replicates[b] = EmpiricalQuantile.of(resample, q);
        }
        return settings.percentileInterval(replicates);
    }

    /**
     * Bootstrap interval for the {@code q}-quantile of a histogram's recorded values, expanded by
     * {@link HistogramExpansion} with {@link BootstrapSettings#histogramExpansionCap()}: beyond the
     * cap the interval is that of a sample of cap values, wider than the full data would give.
     *
     * @param histogram recorded latencies in nanoseconds
     * @param q quantile, strictly between 0 and 1
     * @param settings resamples, level, seed, expansion cap
     * @return the interval, in the histogram's bucket-equivalent values
     */
    public static ConfidenceInterval of(AbstractHistogram histogram, double q, BootstrapSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return of(HistogramExpansion.sortedValues(histogram, settings.histogramExpansionCap()), q, settings);
    }
}
