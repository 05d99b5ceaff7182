package io.closebench.analysis.stats;

import java.util.Optional;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The pair of order-statistic ranks {@code (l, u)}, 1-based, whose values {@code [x(l), x(u)]} form a
 * distribution-free confidence interval for the {@code q}-quantile of a sample of size {@code n}.
 *
 * <p>Why it works: the number {@code B} of sample values below the true quantile is
 * Binomial({@code n}, {@code q}) whatever the (continuous) distribution, and
 * {@code x(l) <= quantile < x(u)} exactly when {@code l <= B <= u - 1}. So the coverage is
 * {@code F(u-1) - F(l-1)} with {@code F} the binomial CDF, computed here by commons-math3
 * {@link BinomialDistribution}.
 *
 * <p>Choice of ranks (equal tails, each at most {@code (1-level)/2}): {@code l - 1} is the largest
 * {@code k} with {@code F(k) <= (1-level)/2}, and {@code u - 1} the smallest {@code k} with
 * {@code F(k) >= 1 - (1-level)/2}. Because {@code B} is discrete the achieved {@link #coverage()} is at
 * least the requested level, usually above it (for the median of 20 values at 95 %: ranks 6 and 15,
 * coverage 95.86 %). With ties in the data the closed interval covers at least as often.
 *
 * <p>The ranks exist only when {@code (1-q)^n <= (1-level)/2} (otherwise {@code l} would be 0) and
 * {@code q^n <= (1-level)/2} (otherwise {@code u} would be {@code n + 1}); see
 * {@link #minimumSampleSize(double, double)}. A 95 % interval for the median needs 6 values, for p90
 * 36, for p99 368, for p99.9 3 688.
 *
 * @param sampleSize {@code n}
 * @param lowRank {@code l}, in {@code [1, n]}
 * @param highRank {@code u}, in {@code [l + 1, n]}
 * @param coverage the exact coverage probability {@code F(u-1) - F(l-1)}
 */
public record OrderStatisticRanks(long sampleSize, long lowRank, long highRank, double coverage) {

    /** Validates the ranks. */
    public OrderStatisticRanks {
        if (!(1 <= lowRank && lowRank < highRank && highRank <= sampleSize)) {
            throw new IllegalArgumentException("need 1 <= lowRank < highRank <= n, got " + lowRank + ", "
                    + highRank + ", n = " + sampleSize);
        }
        if (!(coverage > 0.0 && coverage <= 1.0)) {
            throw new IllegalArgumentException("coverage must lie in (0, 1], got " + coverage);
        }
    }

    /**
     * Finds the ranks for the {@code q}-quantile of {@code n} values.
     *
     * @param n sample size, 1 to {@link Integer#MAX_VALUE}
     * @param q quantile, strictly between 0 and 1
     * @param level requested two-sided confidence level
     * @return the ranks, or empty if {@code n} is too small for this {@code q} and {@code level}
     */
    public static Optional<OrderStatisticRanks> find(long n, double q, double level) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample size must be between 1 and " + Integer.MAX_VALUE + ", got " + n);
        }
        LatencySamples.requireOpenUnitQuantile(q);
        LatencySamples.requireConfidenceLevel(level);
        double tail = (1.0 - level) / 2.0;
        // null generator: this distribution is only evaluated, never sampled
        BinomialDistribution below = new BinomialDistribution(null, (int) n, q);
        int k = below.inverseCumulativeProbability(tail); // smallest k with F(k) >= tail
        long lowRank = below.cumulativeProbability(k) > tail ? k : k + 1L;
        long highRank = below.inverseCumulativeProbability(1.0 - tail) + 1L;
        if (lowRank < 1 || highRank > n) {
            return Optional.empty();
        }
        double coverage = below.cumulativeProbability((int) (highRank - 1))
                - below.cumulativeProbability((int) (lowRank - 1));
        return Optional.of(new OrderStatisticRanks(n, lowRank, highRank, coverage));
    }

    /**
     * The smallest {@code n} for which {@link #find} returns ranks: roughly
     * {@code ln((1-level)/2) / ln(max(q, 1-q))}, settled by evaluating {@link #find} itself so that
     * the two can never disagree.
     *
     * @param q quantile, strictly between 0 and 1
     * @param level requested two-sided confidence level
     * @return the minimum sample size
     */
    public static long minimumSampleSize(double q, double level) {
        LatencySamples.requireOpenUnitQuantile(q);
        LatencySamples.requireConfidenceLevel(level);
        double estimate = Math.log((1.0 - level) / 2.0) / Math.log(Math.max(q, 1.0 - q));
        if (!(estimate < Integer.MAX_VALUE - 4)) {
            throw new IllegalArgumentException("quantile " + q + " at level " + level
                    + " needs more than " + Integer.MAX_VALUE + " samples");
        }
        long n = Math.max(1, (long) Math.floor(estimate) - 2);
        while (n > 1 && find(n - 1, q, level).isPresent()) {
            n--;
        }
        while (find(n, q, level).isEmpty()) {
            n++;
        }
        return n;
    }
}
