package io.closebench.analysis.stats;

import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Percentile-bootstrap confidence interval for {@code median(B) / median(A)}, reproducible from
 * {@link BootstrapSettings#seed()}.
 *
 * <p>The two groups are independent measurements (say NIO and blocking runs), so each replicate
 * resamples A and B independently, each with its own size, and takes the ratio of their R-1 medians
 * ({@link EmpiricalQuantile}). Both draws come from one seeded generator, A first, in a fixed order,
 * from the sorted values, so the interval depends only on the two multisets of values and the seed,
 * not on the order in which samples were recorded.
 *
 * <p>Why a ratio: detection latency is a positive, right-skewed quantity whose spread grows with its
 * level, so "1.3x faster" transfers between scenarios and machines far better than "12 us faster".
 * Why the median: it is what a typical connection experiences and is insensitive to the rare
 * scheduler hiccup that dominates a mean.
 *
 * <p>Cost: {@code resamples x (nA + nB)} draws, about 20 ns each including the selections; see
 * {@link HistogramExpansion} for the cap applied to histograms.
 *
 * <p>Each group needs at least 2 values ({@link BootstrapQuantileInterval#MINIMUM_SAMPLES}); with
 * fewer the interval is {@linkplain ConfidenceInterval#undefined undefined}. All values must be
 * strictly positive, so that no replicate ratio can be infinite.
 */
public final class MedianRatioInterval {

    private MedianRatioInterval() {
    }

    /**
     * Bootstrap interval for {@code median(b) / median(a)}.
     *
     * @param a group A (the denominator), latencies in nanoseconds, not modified
     * @param b group B (the numerator), latencies in nanoseconds, not modified
     * @param settings resamples, level, seed
     * @return the interval, undefined when a group has fewer than 2 values
     * @throws IllegalArgumentException if a group is empty or holds a value {@code <= 0}
     */
    public static ConfidenceInterval of(long[] a, long[] b, BootstrapSettings settings) {
        LatencySamples.requirePositive(a, "group A");
        LatencySamples.requirePositive(b, "group B");
        Objects.requireNonNull(settings, "settings");
        int min = BootstrapQuantileInterval.MINIMUM_SAMPLES;
        if (a.length < min || b.length < min) {
            return ConfidenceInterval.undefined(settings.confidenceLevel(), "bootstrap needs at least " + min
                    + " values per group, have " + a.length + " in A and " + b.length + " in B");
        }
        double[] x = LatencySamples.toSortedDoubles(a);
        double[] y = LatencySamples.toSortedDoubles(b);
        double[] resampleA = new double[x.length];
        double[] resampleB = new double[y.length];
        double[] replicates = new double[settings.resamples()];
        RandomGenerator random = settings.newRandom();
        for (int r = 0; r < replicates.length; r++) {
            Resampling.drawWithReplacement(x, resampleA, random);
            Resampling.drawWithReplacement(y, resampleB, random);
            replicates[r] = EmpiricalQuantile.of(resampleB, 0.5) / EmpiricalQuantile.of(resampleA, 0.5);
        }
        return settings.percentileInterval(replicates);
    }
}
