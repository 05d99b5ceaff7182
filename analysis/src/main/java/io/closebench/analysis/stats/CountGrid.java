package io.closebench.analysis.stats;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The iterations of one figure as cumulative counts over one common, sorted grid: the distinct
 * bucket values recorded in any of them. A quantile of any weighted union of iterations (an
 * iteration, a fork, the pooled figure, a bootstrap resample that drew some iterations several
 * times) is then exact and costs a binary search over the grid, each probe summing the weighted
 * cumulative counts of the iterations involved, instead of expanding millions of values.
 *
 * <p><b>Quantile convention</b>, the same everywhere this class is used: the R-1 rank
 * {@code ceil(n*q)} of {@link EmpiricalQuantile#rank(long, double)} (exact decimal arithmetic), and
 * as value the bucket's {@code getValueIteratedTo()}, i.e. its highest equivalent value. That is
 * what HdrHistogram's own {@code getValueAtPercentile} reports, so a quantile here equals the R-1
 * quantile ({@link EmpiricalQuantile}) of the histogram's values with each bucket's count repeated
 * at that value, exactly, and {@code getValueAtPercentile(100 q)} wherever HdrHistogram's binary
 * rank arithmetic does not tip the rank.
 *
 * <p><b>Exact values.</b> {@link #ofSingleValues(long[])} builds the grid of a sample whose every
 * iteration is one exact value (one process's repetitions, {@link ForkedLatency#oneProcess}): the
 * grid is then the distinct values themselves, and each iteration is stored as the grid index of its
 * one value rather than as a cumulative array, so that {@code n} iterations cost {@code O(n)} memory,
 * not {@code O(n^2)}. The values arrive sorted, so iteration order is value order and a quantile of
 * any weighted union is one pass over the weights, {@code O(n)}, instead of a binary search whose
 * every probe is {@code O(n)}. The convention is unchanged: a value is its own bucket.
 *
 * <p>Immutable once built; the arrays are never handed out.
 */
final class CountGrid {

    private static final long[] NONE = new long[0];

    private final long[] values;
    private final long[][] cumulative;
    /** Per iteration: the grid index of its single value, or -1 when {@link #cumulative} holds it. */
    private final int[] single;
    private final long[] totals;
    /** Whether every iteration is one value and the iterations are in ascending order of value. */
    private final boolean ascendingSingles;

    private CountGrid(long[] values, long[][] cumulative, int[] single, long[] totals, boolean ascendingSingles) {
        this.values = values;
        this.cumulative = cumulative;
        this.single = single;
        this.totals = totals;
        this.ascendingSingles = ascendingSingles;
    }

    /**
     * @param iterations the histograms, in the order their indices will have; empty ones allowed
     * @return the grid
     */
    static CountGrid of(List<? extends AbstractHistogram> iterations) {
        long[] all = new long[0];
        int size = 0;
        for (AbstractHistogram h : iterations) {
            for (HistogramIterationValue bucket : h.recordedValues()) {
                if (size == all.length) {
                    all = Arrays.copyOf(all, Math.max(16, 2 * size));
                }
                all[size++] = bucket.getValueIteratedTo();
            }
        }
        long[] grid = distinctSorted(all, size);
        long[][] cumulative = new long[iterations.size()][];
        long[] totals = new long[iterations.size()];
        for (int i = 0; i < cumulative.length; i++) {
            AbstractHistogram h = iterations.get(i);
            totals[i] = h.getTotalCount();
            if (totals[i] == 0) {
                cumulative[i] = NONE;
                continue;
            }
            long[] counts = new long[grid.length];
            for (HistogramIterationValue bucket : h.recordedValues()) {
                counts[Arrays.binarySearch(grid, bucket.getValueIteratedTo())] += bucket.getCountAtValueIteratedTo();
            }
            for (int j = 1; j < counts.length; j++) {
                counts[j] += counts[j - 1];
            }
            cumulative[i] = counts;
        }
        int[] single = new int[iterations.size()];
        Arrays.fill(single, -1);
        return new CountGrid(grid, cumulative, single, totals, false);
    }

    /**
     * @param values one exact value per iteration, ascending, in the order the indices will have
     * @return the grid, each iteration holding one value
     * @throws IllegalArgumentException if the values are not ascending
     */
    static CountGrid ofSingleValues(long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                throw new IllegalArgumentException("one-value iterations must be in ascending order of value");
            }
        }
        long[] grid = distinctSorted(values, values.length);
        int[] single = new int[values.length];
        long[] totals = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            single[i] = Arrays.binarySearch(grid, values[i]);
            totals[i] = 1;
        }
        return new CountGrid(grid, new long[values.length][], single, totals, true);
    }

    private static long[] distinctSorted(long[] values, int size) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** @return number of iterations, empty ones included */
    int iterations() {
        return totals.length;
    }

    /** @return values recorded in iteration {@code i} */
    long total(int i) {
        return totals[i];
    }

    /** @return the smallest bucket value of the figure; the grid is never empty for a figure with values */
    long lowestValue() {
        return values[0];
    }

    /** @return the grid values, a copy */
    long[] values() {
        return values.clone();
    }

    /** @return how many values of iteration {@code i} are at or below grid value {@code j} */
    long cumulativeCount(int i, int j) {
        if (totals[i] == 0) {
            return 0;
        }
        return single[i] >= 0 ? (j >= single[i] ? totals[i] : 0) : cumulative[i][j];
    }

    /**
     * The {@code q}-quantile of the union of the iterations {@code active[0..activeCount)}, each
     * counted {@code weights[active[k]]} times.
     *
     * @param weights how often each iteration is taken, indexed by iteration; 0 for every iteration
     *     not in {@code active}
     * @param active indices of the iterations with a non-zero weight and values
     * @param activeCount how many entries of {@code active} are used, at least 1
     * @param q quantile in {@code (0, 1]}
     * @return the bucket value at rank {@code ceil(n*q)}
     */
    long quantile(int[] weights, int[] active, int activeCount, double q) {
        long n = 0;
        for (int k = 0; k < activeCount; k++) {
            n += weights[active[k]] * totals[active[k]];
        }
        long rank = rank(n, q);
        if (ascendingSingles) {
            // iteration order is value order: walk the weights until the rank is reached
            long seen = 0;
            for (int i = 0; i < weights.length; i++) {
                seen += weights[i];
                if (seen >= rank) {
                    return values[single[i]];
                }
            }
        }
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long atOrBelow = 0;
            for (int k = 0; k < activeCount; k++) {
                int i = active[k];
                atOrBelow += weights[i] * (single[i] >= 0 ? (mid >= single[i] ? totals[i] : 0) : cumulative[i][mid]);
            }
            if (atOrBelow >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return values[lo];
    }

    /**
     * The {@code q}-quantile of one iteration: the same as {@link #quantile(int[], double)} of that
     * iteration alone, without a weight per iteration of the figure.
     *
     * @param i an iteration with values
     * @param q quantile in {@code (0, 1]}
     * @return the bucket value at rank {@code ceil(n*q)} of that iteration's {@code n} values
     */
    long iterationQuantile(int i, double q) {
        if (single[i] >= 0) {
            return values[single[i]];
        }
        long rank = rank(totals[i], q);
        long[] counts = cumulative[i];
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (counts[mid] >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return values[lo];
    }

    /**
     * The {@code q}-quantile of the iterations listed, each taken once.
     *
     * @param iterationIndices iterations with values, not empty
     * @param q quantile in {@code (0, 1]}
     */
    long quantile(int[] iterationIndices, double q) {
        int[] weights = new int[totals.length];
        for (int i : iterationIndices) {
            weights[i] = 1;
        }
        return quantile(weights, iterationIndices, iterationIndices.length, q);
    }

    /** {@link EmpiricalQuantile#rank(long, double)}, with the median's {@code ceil(n/2)} done in integers. */
    private static long rank(long n, double q) {
        return q == 0.5 ? (n + 1) / 2 : EmpiricalQuantile.rank(n, q);
    }
}
