package io.closebench.analysis.stats;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Mann-Whitney U test of two independent samples A and B, with its direction kept: the p-value
 * says whether the two latency distributions differ at all, the effect size says which way and
 * how consistently.
 *
 * <p><b>p-value.</b> commons-math3 {@link MannWhitneyUTest#mannWhitneyUTest(double[], double[])},
 * which in 3.6.1 is two-sided and uses the normal approximation
 * {@code z = (min(U_A, U_B) - nA nB / 2) / sqrt(nA nB (nA + nB + 1) / 12)}, <em>without</em>
 * continuity correction and <em>without</em> tie correction of the variance (ties get average
 * ranks). So it equals R's {@code wilcox.test(a, b, exact = FALSE, correct = FALSE)} when there are
 * no ties. Ties inflate that variance, which makes the p-value conservative (too large): harmless for
 * raw nanosecond timings, where ties are rare, but noticeable for values expanded from a coarse
 * histogram. For the sample sizes this suite collects (hundreds and more per group) the normal
 * approximation is accurate; below about 10 per group treat the p-value as indicative.
 *
 * <p><b>Effect size.</b> {@link #probabilityALower()} is the common-language effect size: the
 * probability that a randomly chosen A sample is smaller (here: detects faster) than a randomly
 * chosen B sample, ties counted half. It equals {@code 1 - U_A / (nA nB)}, where
 * {@code U_A = R_A - nA (nA + 1) / 2} and {@code R_A} is the rank sum of A under commons-math3
 * {@link NaturalRanking} with average ranks (the same ranking the test uses). commons-math3 only
 * exposes {@code max(U_A, U_B)}, which loses the direction, hence the separate ranking.
 *
 * @param nA size of A
 * @param nB size of B
 * @param uA {@code U_A}: the number of pairs (a, b) with {@code a > b}, ties counted half
 * @param pValue two-sided p-value, as described above
 * @param probabilityALower {@code P(A < B) + P(A = B) / 2}
 */
public record MannWhitneyOutcome(int nA, int nB, double uA, double pValue, double probabilityALower) {

    /** Validates ranges. */
    public MannWhitneyOutcome {
        if (nA < 1 || nB < 1) {
            throw new IllegalArgumentException("both groups need at least one value, got nA = " + nA + ", nB = " + nB);
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("p-value must lie in [0, 1], got " + pValue);
        }
        if (!(probabilityALower >= 0.0 && probabilityALower <= 1.0)) {
            throw new IllegalArgumentException("probability must lie in [0, 1], got " + probabilityALower);
        }
    }

    /**
     * Runs the test.
     *
     * @param a group A, not modified, not empty
     * @param b group B, not modified, not empty
     * @return the outcome
     * @throws IllegalArgumentException if either group is empty
     */
    public static MannWhitneyOutcome of(long[] a, long[] b) {
        LatencySamples.requireNonEmpty(a, "group A");
        LatencySamples.requireNonEmpty(b, "group B");
        double[] x = LatencySamples.toDoubles(a);
        double[] y = LatencySamples.toDoubles(b);
        // 2 * Phi(z) with z <= 0 is at most 1 in exact arithmetic; the clamp only absorbs rounding
        double p = Math.min(1.0, new MannWhitneyUTest().mannWhitneyUTest(x, y));

        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(pooled);
        double rankSumA = 0.0;
        for (int i = 0; i < x.length; i++) {
            rankSumA += ranks[i];
        }
        double uA = rankSumA - (double) x.length * (x.length + 1) / 2.0;
        double pairs = (double) x.length * y.length;
        double probabilityALower = Math.max(0.0, Math.min(1.0, 1.0 - uA / pairs));
        return new MannWhitneyOutcome(x.length, y.length, uA, p, probabilityALower);
    }

    /**
     * The rank-biserial correlation {@code P(A < B) - P(A > B)}, in {@code [-1, 1]}: +1 when every A
     * sample is below every B sample, 0 for complete overlap.
     *
     * @return {@code 2 * probabilityALower - 1}
     */
    public double rankBiserial() {
        return 2.0 * probabilityALower - 1.0;
    }
}
