package io.closebench.analysis.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Distribution-free (binomial, order-statistic) confidence interval for one quantile: the pair of
 * sorted sample values at the ranks chosen by {@link OrderStatisticRanks}.
 *
 * <p>It needs no resampling, no seed and no assumption about the latency distribution beyond
 * independent samples, and its coverage is at least the nominal level for any continuous
 * distribution (not merely asymptotically, as with the bootstrap). It is therefore the interval to
 * quote for a single quantile of a single run of independent values; {@link HierarchicalBootstrap}
 * is the tool for values that share forks and iterations, and for derived quantities. Its price is discreteness: the bounds are sample values, so
 * with few samples the interval is wider than nominal coverage alone would require.
 *
 * <p>When {@code n} is too small for the requested level (for 95 %: median below 6 values, p99 below
 * 368, p99.9 below 3 688) the result is {@linkplain ConfidenceInterval#undefined undefined} and says
 * how many values are needed, rather than silently returning the min or max as a bound.
 */
public final class OrderStatisticQuantileInterval {

    private OrderStatisticQuantileInterval() {
    }

    /**
     * The interval {@code [x(l), x(u)]} for the {@code q}-quantile of raw samples.
     *
     * @param samples latencies in nanoseconds, not modified
     * @param q quantile, strictly between 0 and 1
     * @param level two-sided confidence level, e.g. 0.95
     * @return the interval, or an undefined one naming the minimum sample size
     * @throws IllegalArgumentException on empty input or out-of-range {@code q}/{@code level}
     */
    public static ConfidenceInterval of(long[] samples, double q, double level) {
        LatencySamples.requireNonEmpty(samples, "samples");
        Optional<OrderStatisticRanks> ranks = OrderStatisticRanks.find(samples.length, q, level);
        if (ranks.isEmpty()) {
            return tooFew(samples.length, q, level);
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return ConfidenceInterval.of(
                sorted[(int) ranks.get().lowRank() - 1],
                sorted[(int) ranks.get().highRank() - 1],
                level);
    }

    /**
     * The same interval for a histogram, computed from its counts without expanding it. The lower
     * bound is the lowest and the upper bound the highest value equivalent to the bucket holding the
     * chosen rank, so bucket quantisation widens the interval instead of shifting it; the interval
     * always contains the histogram's own {@code getValueAtPercentile(100 q)}.
     *
     * @param histogram recorded latencies; must not be written to concurrently
     * @param q quantile, strictly between 0 and 1
     * @param level two-sided confidence level
     * @return the interval, or an undefined one naming the minimum sample size
     * @throws IllegalArgumentException if the histogram is empty
     */
    public static ConfidenceInterval of(AbstractHistogram histogram, double q, double level) {
        Objects.requireNonNull(histogram, "histogram");
        long n = histogram.getTotalCount();
        if (n == 0) {
            throw new IllegalArgumentException("histogram is empty: at least one recorded value is required");
        }
        Optional<OrderStatisticRanks> ranks = OrderStatisticRanks.find(n, q, level);
        if (ranks.isEmpty()) {
            return tooFew(n, q, level);
        }
        long low = histogram.lowestEquivalentValue(valueAtRank(histogram, ranks.get().lowRank()));
        long high = histogram.highestEquivalentValue(valueAtRank(histogram, ranks.get().highRank()));
        return ConfidenceInterval.of(low, high, level);
    }

    private static long valueAtRank(AbstractHistogram histogram, long rank) {
        long seen = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            seen += bucket.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return bucket.getValueIteratedTo();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond histogram total " + seen
                + "; was it recorded into concurrently?");
    }

    private static ConfidenceInterval tooFew(long n, double q, double level) {
        return ConfidenceInterval.undefined(level, "a distribution-free " + ReportFormat.level(level)
                + " CI for the " + ReportFormat.quantileName(q) + " needs at least "
                + OrderStatisticRanks.minimumSampleSize(q, level) + " values, have " + n);
    }
}
