package io.closebench.analysis.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.ranking.NaNStrategy;

/**
 * The one percentile definition used for raw samples throughout this package: the inverse of the
 * empirical distribution function, Hyndman &amp; Fan definition 1, computed by commons-math3
 * {@link Percentile} with {@link EstimationType#R_1}.
 *
 * <p>For {@code n} values and quantile {@code q} the result is the {@code ceil(n*q)}-th smallest value
 * (1-based). Equivalently: the smallest recorded value
 * {@code x} such that at least a fraction {@code q} of the sample is {@code <= x}.
 *
 * <p>Why this definition and not the interpolating R-7 (NumPy's and R's default):
 * <ul>
 *   <li>It is the definition HdrHistogram's {@code getValueAtPercentile} uses, so a summary of raw
 *       values and a summary of the same values in a histogram agree exactly wherever the histogram
 *       resolves single values, and otherwise differ only by the bucket width.</li>
 *   <li>It always returns a latency that was actually observed; it never invents a value between
 *       two samples, which matters in the tail where neighbouring samples can be far apart.</li>
 *   <li>It is an order statistic: the hierarchical bootstrap's intervals resample observed values,
 *       so point estimate and interval speak about the same thing.</li>
 * </ul>
 * Consequences a reader must know: the median of an even-sized sample is the lower of the two middle
 * values, not their average; and with fewer than 1000 values p99.9 is simply the maximum.
 *
 * <p>The rank {@code ceil(n*q)} is computed here in exact decimal arithmetic, with {@code q} first
 * rounded to 11 decimal places, and commons-math3 is then asked for the percentage that puts its own
 * position estimate half a rank below that rank. Binary floating point would otherwise tip some
 * ranks to the next order statistic: {@code (1 - 0.95) / 2} is 0.025000000000000022, which times 2000
 * is just above 50; and commons-math3 divides the percentage 99.9 by 100 into a double slightly above
 * 0.999, so that p99.9 of 1000 values would come out as the maximum instead of the 999th value.
 */
public final class EmpiricalQuantile {

    private EmpiricalQuantile() {
    }

    /**
     * The R-1 quantile of {@code values}.
     *
     * @param values sample, not modified, not empty
     * @param q quantile in {@code (0, 1]}; {@code 1} gives the maximum
     * @return the {@code ceil(n*q)}-th smallest value
     * @throws IllegalArgumentException on empty input or {@code q} outside {@code (0, 1]}
     */
    public static double of(double[] values, double q) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("cannot take a quantile of an empty sample");
        }
        return newEstimator().evaluate(values, percent(values.length, q));
    }

    /**
     * The R-1 quantile of {@code values}; exact, since R-1 returns one of the inputs.
     *
     * @param values latencies in nanoseconds, not modified, not empty
     * @param q quantile in {@code (0, 1]}
     * @return the {@code ceil(n*q)}-th smallest value
     */
    public static long of(long[] values, double q) {
        LatencySamples.requireNonEmpty(values, "sample");
        return (long) of(LatencySamples.toDoubles(values), q);
    }

    /**
     * A fresh commons-math3 estimator configured with the R-1 definition. {@link Percentile} keeps
     * state (data reference, pivot cache) and is not thread-safe, hence one per use.
     * NaN is rejected because no latency can be NaN; one appearing here is a bug upstream.
     */
    static Percentile newEstimator() {
        return new Percentile()
                .withEstimationType(EstimationType.R_1)
                .withNaNStrategy(NaNStrategy.FAILED);
    }

    /**
     * The 1-based rank {@code ceil(n*q)} of the R-1 quantile, in exact decimal arithmetic after
     * rounding {@code q} to 11 decimal places; at least 1.
     *
     * @param n sample size, at least 1
     * @param q quantile in {@code (0, 1]}
     * @return the rank, in {@code [1, n]}
     */
    public static long rank(long n, double q) {
        if (!(q > 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must lie in (0, 1], got " + q);
        }
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        BigDecimal exactQ = BigDecimal.valueOf(q).setScale(11, RoundingMode.HALF_UP);
        long rank = exactQ.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(1, Math.min(n, rank));
    }

    /**
     * The percentage for which commons-math3's R-1 estimate on {@code n} values lands on
     * {@link #rank(long, double)}: it selects the {@code ceil(n*p/100)}-th value, and
     * {@code n*p/100 = rank - 1/2} keeps half a rank of margin against rounding either way.
     */
    static double percent(int n, double q) {
        return 100.0 * (rank(n, q) - 0.5) / n;
    }
}
