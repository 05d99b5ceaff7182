package io.closebench.analysis.stats;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;

/** Seeded, reproducible latency-like samples for the tests. */
final class TestSamples {

    private TestSamples() {
    }

    /**
     * {@code n} log-normal latencies with the given median (ns) and log-scale spread, rounded to
     * whole nanoseconds and at least 1 ns; log-normal because detection latency is right-skewed.
     */
    static long[] logNormal(int n, double medianNanos, double sigma, long seed) {
        LogNormalDistribution distribution =
                new LogNormalDistribution(new Well19937c(seed), Math.log(medianNanos), sigma);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(1L, Math.round(distribution.sample()));
        }
        return out;
    }

    /** {@code from, from + 1, ..., to}. */
    static long[] range(long from, long to) {
        long[] out = new long[(int) (to - from + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** A fixed permutation (reversed odd/even interleave) so that tests never rely on sorted input. */
    static long[] shuffled(long[] values) {
        long[] out = new long[values.length];
        int k = 0;
        for (int i = values.length - 1; i >= 0; i -= 2) {
            out[k++] = values[i];
        }
        for (int i = values.length - 2; i >= 0; i -= 2) {
            out[k++] = values[i];
        }
        return out;
    }
}
