package io.closebench.analysis.stats;

/**
 * Which percentile definition produced the percentiles of a {@link LatencySummary}, so that a
 * report can say how exact its tail figures are.
 */
public enum PercentileDefinition {

    /**
     * Raw values, inverse empirical CDF (Hyndman &amp; Fan R-1, see {@link EmpiricalQuantile}):
     * the {@code ceil(n*q)}-th smallest recorded value, exact.
     */
    INVERSE_EMPIRICAL_CDF,

    /**
     * HdrHistogram's {@code getValueAtPercentile}: the same rank rule as
     * {@link #INVERSE_EMPIRICAL_CDF}, but the value reported is the highest value equivalent to the
     * bucket that holds that rank. It is therefore accurate to the histogram's configured number of
     * significant decimal digits (relative error below 10<sup>-d</sup>) and never lower than the
     * recorded value.
     */
    HDR_HISTOGRAM_BUCKET
}
