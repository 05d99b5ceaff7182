package io.closebench.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Seeded clustered samples for the tests: forks of iterations of log-normal latencies. */
final class ForkedSamples {

    private ForkedSamples() {
    }

    /** A 3-digit histogram of {@code n} log-normal values with the given median (ns) and log-spread. */
    static Histogram iteration(int n, double medianNanos, double sigma, long seed) {
        Histogram h = new Histogram(3);
        for (long value : TestSamples.logNormal(n, medianNanos, sigma, seed)) {
            h.recordValue(value);
        }
        return h;
    }

    /**
     * {@code forks x iterations} iterations of {@code n} values each; iteration {@code (f, i)} has
     * median {@code medians[f][i]}; fork ids 1000, 1001, ...; seeds derived from {@code seed}.
     */
    static ForkedLatency of(double[][] medians, int n, double sigma, long seed) {
        List<ForkedLatency.Fork> forks = new ArrayList<>();
        for (int f = 0; f < medians.length; f++) {
            List<Histogram> iterations = new ArrayList<>();
            for (int i = 0; i < medians[f].length; i++) {
                iterations.add(iteration(n, medians[f][i], sigma, seed * 1_000_003L + 1000L * f + i));
            }
            forks.add(new ForkedLatency.Fork(1000 + f, iterations));
        }
        return ForkedLatency.of(forks);
    }

    /** Every iteration of every fork with the same median: i.i.d. values split into clusters. */
    static ForkedLatency iid(int forks, int iterations, int n, double medianNanos, double sigma, long seed) {
        double[][] medians = new double[forks][iterations];
        for (double[] fork : medians) {
            java.util.Arrays.fill(fork, medianNanos);
        }
        return of(medians, n, sigma, seed);
    }

    /**
     * The histogram's values, ascending, each bucket's count repeated at its highest equivalent
     * value (what {@code getValueAtPercentile} reports): the oracle the engine's bucket-exact
     * quantiles are checked against.
     */
    static long[] values(Histogram h) {
        long[] out = new long[Math.toIntExact(h.getTotalCount())];
        int filled = 0;
        for (org.HdrHistogram.HistogramIterationValue bucket : h.recordedValues()) {
            int count = Math.toIntExact(bucket.getCountAtValueIteratedTo());
            java.util.Arrays.fill(out, filled, filled + count, bucket.getValueIteratedTo());
            filled += count;
        }
        return out;
    }

    /** {@code forks} forks whose iterations all have fork median {@code forkMedians[f]}. */
    static ForkedLatency withForkMedians(double[] forkMedians, int iterations, int n, double sigma, long seed) {
        double[][] medians = new double[forkMedians.length][iterations];
        for (int f = 0; f < forkMedians.length; f++) {
            java.util.Arrays.fill(medians[f], forkMedians[f]);
        }
        return of(medians, n, sigma, seed);
    }
}
