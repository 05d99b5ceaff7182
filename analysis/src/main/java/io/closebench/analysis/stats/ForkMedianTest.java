package io.closebench.analysis.stats;

import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Two-sample t-test on the logarithms of the fork medians of two {@link ForkedLatency} samples:
 * the forks are the independent units, each summarised by its median, and nothing finer is
 * trusted. This is the classical analysis of cluster summaries, and it is what keeps claims honest
 * when there are only a few forks.
 *
 * <p><b>Why it is needed beside the bootstrap.</b> With two forks per side the hierarchical
 * bootstrap sees the fork level through two values: its plug-in variance is half the unbiased one
 * and has one degree of freedom. Simulated with a fork-level random effect and no real difference
 * (2 forks per side, fork effects dominating): the ratio interval excludes 1 in about a third of
 * the figures, "every fork of one side below every fork of the other" also holds by chance in a
 * third ({@code 2 x 2!2!/4!}), and "the shift exceeds the fork spread of both sides" in about a
 * fifth. The t distribution with {@code F_A + F_B - 2} degrees of freedom is the small-sample
 * correction for exactly that situation: under the null its p-value is uniform, so at most
 * {@code alpha} of such figures are claimed.
 *
 * <p><b>Assumptions.</b> Log fork medians scatter normally with one variance on both sides
 * (pooled-variance test). Detection latency is positive and multiplicative effects (CPU placement,
 * frequency) act on its logarithm; with equal fork counts on both sides, as JMH gives, the pooled
 * test is also robust to unequal variances. A nonparametric alternative does not exist at these
 * sizes: a permutation test of 2 against 2 forks cannot go below p = 1/3.
 *
 * <p>If every fork median on each side is identical (the spread is below the histogram's
 * resolution), the standard error is 0 and the p-value is 0 when the sides differ, 1 when they do
 * not: no NaN.
 *
 * @param forksA number of fork medians in A
 * @param forksB number of fork medians in B
 * @param logRatio {@code mean(log B) - mean(log A)}: the log of the ratio of geometric means of
 *     the fork medians, positive when A is faster
 * @param standardError pooled standard error of {@code logRatio}, {@code >= 0}
 * @param pValue two-sided p-value of "no difference", in {@code [0, 1]}
 */
public record ForkMedianTest(int forksA, int forksB, double logRatio, double standardError, double pValue) {

    /** Validates ranges. */
    public ForkMedianTest {
        if (forksA < 2 || forksB < 2) {
            throw new IllegalArgumentException("a fork-level test needs at least 2 forks per side, got "
                    + forksA + " and " + forksB);
        }
        if (!Double.isFinite(logRatio) || !(standardError >= 0) || Double.isInfinite(standardError)) {
            throw new IllegalArgumentException("log ratio and standard error must be finite, se >= 0");
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value must lie in [0, 1], got " + pValue);
        }
    }

    /**
     * @param a group A
     * @param b group B
     * @return the test, or empty when either side has fewer than 2 forks with values
     * @throws IllegalArgumentException if a fork median is 0 (no logarithm)
     */
    public static Optional<ForkMedianTest> of(ForkedLatency a, ForkedLatency b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return of(a.forkMedians(), b.forkMedians());
    }

    /**
     * @param forkMediansA fork medians of A, nanoseconds, positive
     * @param forkMediansB fork medians of B, nanoseconds, positive
     * @return the test, or empty when either side has fewer than 2 values
     */
    public static Optional<ForkMedianTest> of(long[] forkMediansA, long[] forkMediansB) {
        if (forkMediansA.length < 2 || forkMediansB.length < 2) {
            return Optional.empty();
        }
        double[] x = logs(forkMediansA, "A");
        double[] y = logs(forkMediansB, "B");
        double meanX = StatUtils.mean(x);
        double meanY = StatUtils.mean(y);
        int df = x.length + y.length - 2;
        double pooledVariance = (squaredDeviations(x, meanX) + squaredDeviations(y, meanY)) / df;
        double se = Math.sqrt(pooledVariance * (1.0 / x.length + 1.0 / y.length));
        double difference = meanY - meanX;
        double p;
        if (se == 0.0) {
            p = difference == 0.0 ? 1.0 : 0.0;
        } else {
            TDistribution t = new TDistribution(null, df);
            p = Math.min(1.0, 2.0 * t.cumulativeProbability(-Math.abs(difference) / se));
        }
        return Optional.of(new ForkMedianTest(x.length, y.length, difference, se, p));
    }

    /** @return the ratio of geometric means of fork medians, B over A */
    public double ratio() {
        return Math.exp(logRatio);
    }

    /** @return {@code forksA + forksB - 2} */
    public int degreesOfFreedom() {
        return forksA + forksB - 2;
    }

    private static double[] logs(long[] medians, String which) {
        double[] out = new double[medians.length];
        for (int i = 0; i < medians.length; i++) {
            if (medians[i] <= 0) {
                throw new IllegalArgumentException("fork median " + medians[i] + " of " + which
                        + " is not positive: a fork-level test works on logarithms");
            }
            out[i] = Math.log(medians[i]);
        }
        return out;
    }

    /** Sum of squared deviations from the mean, from commons-math3's two-pass corrected variance. */
    private static double squaredDeviations(double[] values, double mean) {
        return StatUtils.variance(values, mean) * (values.length - 1);
    }
}
