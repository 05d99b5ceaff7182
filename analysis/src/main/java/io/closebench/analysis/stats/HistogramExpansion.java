package io.closebench.analysis.stats;

import java.util.Arrays;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns an HdrHistogram back into a sorted {@code long[]} of sample values, for the procedures that
 * need individual values (bootstrap resampling, Mann-Whitney ranks), at most {@code cap} of them.
 *
 * <p>Each recorded bucket contributes its count times its {@code getValueIteratedTo()}, which is the
 * highest value equivalent to the bucket: the same value HdrHistogram's {@code getValueAtPercentile}
 * reports, so a quantile of the expansion equals the histogram's own percentile. Values are exact to
 * the histogram's significant digits and never below what was recorded.
 *
 * <p><b>The cap.</b> A bootstrap costs {@code resamples x n} random draws plus one selection per
 * resample (measured: roughly 20 ns per drawn value, i.e. about 4 s for 2000 resamples of 100 000
 * values on one core), so a histogram of ten million detections cannot be expanded in full. Up to
 * {@code cap} values the expansion is exact. Above it, the expansion is a systematic sample of the
 * sorted values: the i-th of {@code cap} kept values is the one at 0-based rank
 * {@code floor((i + 1/2) * total / cap)}. This keeps every quantile of the histogram to within
 * {@code 1/cap} in rank, deterministically, and keeps the tail in proportion rather than dropping
 * it the way rounding small counts down would. What it changes is the sample size: intervals
 * computed from the expansion are those of {@code cap} values, hence wider than the full data would
 * give, i.e. conservative, and p-values are larger. {@link #DEFAULT_CAP} is 50 000: about 2 s per
 * group at 2000 resamples, and at that size the 95 % interval of a median of a moderately skewed
 * latency distribution is already within about +-0.5 %, the order of a 2-digit histogram's bucket
 * width.
 */
public final class HistogramExpansion {

    /** Default maximum number of values a histogram is expanded into. */
    public static final int DEFAULT_CAP = 50_000;

    private HistogramExpansion() {
    }

    /**
     * The histogram's recorded values in ascending order, capped as described in the class comment.
     *
     * @param histogram recorded latencies; must not be written to concurrently
     * @param cap maximum length of the result, at least 1
     * @return {@code min(totalCount, cap)} values, ascending
     * @throws IllegalArgumentException if the histogram is empty or {@code cap < 1}
     */
    public static long[] sortedValues(AbstractHistogram histogram, int cap) {
        Objects.requireNonNull(histogram, "histogram");
        if (cap < 1) {
            throw new IllegalArgumentException("expansion cap must be at least 1, got " + cap);
        }
        long total = histogram.getTotalCount();
        if (total == 0) {
            throw new IllegalArgumentException("histogram is empty: at least one recorded value is required");
        }
        return total <= cap ? expandAll(histogram, (int) total) : systematicSample(histogram, total, cap);
    }

    /** {@link #sortedValues(AbstractHistogram, int)} with {@link #DEFAULT_CAP}. */
    public static long[] sortedValues(AbstractHistogram histogram) {
        return sortedValues(histogram, DEFAULT_CAP);
    }

    /** @return whether {@link #sortedValues} would thin this histogram rather than expand it fully */
    public static boolean isThinned(AbstractHistogram histogram, int cap) {
        return histogram.getTotalCount() > cap;
    }

    private static long[] expandAll(AbstractHistogram histogram, int total) {
        long[] out = new long[total];
        int filled = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            int count = (int) bucket.getCountAtValueIteratedTo();
            Arrays.fill(out, filled, filled + count, bucket.getValueIteratedTo());
            filled += count;
        }
        return out;
    }

    private static long[] systematicSample(AbstractHistogram histogram, long total, int cap) {
        long[] out = new long[cap];
        double stride = (double) total / cap;
        int next = 0;
        long ranksBefore = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            long ranksThrough = ranksBefore + bucket.getCountAtValueIteratedTo();
            while (next < cap && (long) Math.floor((next + 0.5) * stride) < ranksThrough) {
                out[next++] = bucket.getValueIteratedTo();
            }
            ranksBefore = ranksThrough;
        }
        return out;
    }
}
