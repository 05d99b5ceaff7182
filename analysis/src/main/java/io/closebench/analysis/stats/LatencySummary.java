package io.closebench.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Descriptive summary of one set of latency samples, in nanoseconds.
 *
 * <p>Mean and standard deviation are reported because readers expect them, but detection latencies
 * are skewed and often multi-modal (a poll wake-up versus a retransmission timeout), so decisions in
 * this package rest on medians and ranks, never on the mean. The standard deviation is the sample
 * one (denominator {@code n - 1}) for both raw values and histograms, and is 0 for a single value
 * (commons-math3 convention) rather than undefined.
 *
 * <p>Percentiles follow {@link #percentileDefinition()}: the ceil(n*q)-th smallest value, exact for
 * raw samples, bucket-accurate for histograms. With fewer than 1000 values p99.9 equals the maximum,
 * and with fewer than 100 values p99 does too; {@link #count()} tells the reader whether a tail
 * figure is more than the single worst sample.
 *
 * @param count number of samples
 * @param mean arithmetic mean
 * @param standardDeviation sample standard deviation (n - 1)
 * @param min smallest sample
 * @param max largest sample
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param percentileDefinition how min, max and the percentiles were obtained
 */
public record LatencySummary(
        long count,
        double mean,
        double standardDeviation,
        long min,
        long max,
        long p50,
        long p90,
        long p99,
        long p999,
        PercentileDefinition percentileDefinition) {

    /** Validates ordering so that a hand-built summary cannot claim, say, p99 below p50. */
    public LatencySummary {
        Objects.requireNonNull(percentileDefinition, "percentileDefinition");
        if (count < 1) {
            throw new IllegalArgumentException("a summary needs at least one sample, count = " + count);
        }
        if (!(min <= p50 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max)) {
            throw new IllegalArgumentException("order statistics out of order: min " + min + ", p50 " + p50
                    + ", p90 " + p90 + ", p99 " + p99 + ", p99.9 " + p999 + ", max " + max);
        }
        if (!Double.isFinite(mean) || !Double.isFinite(standardDeviation) || standardDeviation < 0) {
            throw new IllegalArgumentException("mean and standard deviation must be finite, sd >= 0");
        }
    }

    /**
     * Summarises raw samples: mean and sample standard deviation by commons-math3 {@link Mean} and
     * {@link StandardDeviation} (two-pass, corrected), percentiles by {@link EmpiricalQuantile}.
     *
     * @param samples latencies in nanoseconds, not modified
     * @return the summary, with {@link PercentileDefinition#INVERSE_EMPIRICAL_CDF}
     * @throws IllegalArgumentException if {@code samples} is empty
     */
    public static LatencySummary of(long[] samples) {
        LatencySamples.requireNonEmpty(samples, "samples");
        double[] values = LatencySamples.toDoubles(samples);
        LongSummaryStatistics extremes = new LongSummaryStatistics();
        for (long sample : samples) {
            extremes.accept(sample);
        }
        double mean = new Mean().evaluate(values);
        double sd = new StandardDeviation(true).evaluate(values, mean);
        Percentile percentile = EmpiricalQuantile.newEstimator();
        percentile.setData(values); // one copy, pivots cached across the four selections
        return new LatencySummary(
                samples.length,
                mean,
                sd,
                extremes.getMin(),
                extremes.getMax(),
                (long) percentile.evaluate(EmpiricalQuantile.percent(values.length, 0.50)),
                (long) percentile.evaluate(EmpiricalQuantile.percent(values.length, 0.90)),
                (long) percentile.evaluate(EmpiricalQuantile.percent(values.length, 0.99)),
                (long) percentile.evaluate(EmpiricalQuantile.percent(values.length, 0.999)),
                PercentileDefinition.INVERSE_EMPIRICAL_CDF);
    }

    /**
     * Summarises an HdrHistogram without expanding it.
     *
     * <p>Percentiles come from the histogram's own {@code getValueAtPercentile}, min and max from
     * {@code getMinValue}/{@code getMaxValue}: all accurate to the histogram's significant digits.
     * Mean and standard deviation are the commons-math3 weighted {@link Mean} and bias-corrected
     * weighted {@link Variance} over the distinct buckets, each bucket represented by its
     * median-equivalent value (as HdrHistogram's own {@code getMean} does) and weighted by its count.
     * HdrHistogram's {@code getStdDeviation} divides by {@code n}; using the {@code n - 1} form here
     * keeps raw and histogram summaries comparable.
     *
     * <p>The histogram must not be recorded into while it is summarised (take an interval copy from
     * a {@code Recorder} first).
     *
     * @param histogram recorded latencies in nanoseconds
     * @return the summary, with {@link PercentileDefinition#HDR_HISTOGRAM_BUCKET}
     * @throws IllegalArgumentException if the histogram holds no values
     */
    public static LatencySummary of(AbstractHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        long count = histogram.getTotalCount();
        if (count == 0) {
            throw new IllegalArgumentException("histogram is empty: at least one recorded value is required");
        }
        List<double[]> buckets = new ArrayList<>();
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            buckets.add(new double[] {
                histogram.medianEquivalentValue(bucket.getValueIteratedTo()),
                bucket.getCountAtValueIteratedTo()
            });
        }
        double[] values = new double[buckets.size()];
        double[] weights = new double[buckets.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buckets.get(i)[0];
            weights[i] = buckets.get(i)[1];
        }
        double mean = new Mean().evaluate(values, weights);
        double sd = count == 1 ? 0.0 : Math.sqrt(new Variance(true).evaluate(values, weights, mean));
        return new LatencySummary(
                count,
                mean,
                sd,
                histogram.getMinValue(),
                histogram.getMaxValue(),
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getValueAtPercentile(99.9),
                PercentileDefinition.HDR_HISTOGRAM_BUCKET);
    }
}
