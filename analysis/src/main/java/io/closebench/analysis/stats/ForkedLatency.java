package io.closebench.analysis.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The detection latencies of one figure as JMH measured them: a list of forks (separate JVMs),
 * each a list of measurement iterations, each iteration an HdrHistogram of latencies in
 * nanoseconds. The structure is the point: values of one iteration share that iteration's
 * circumstances (which CPUs the threads landed on, what the JIT did in that fork), so they are not
 * independent of each other, and a statistic that treats the pooled values as one i.i.d. sample
 * claims a precision the data do not have. {@link HierarchicalBootstrap} resamples this structure
 * instead.
 *
 * <p><b>Empty iterations</b> (count 0, e.g. an iteration in which no connection was torn down)
 * are kept and counted ({@link #emptyIterationCount()}, {@link #design()}) but contribute nothing
 * to any median and are never drawn by a bootstrap; a fork whose iterations are all empty likewise.
 * At least one value must be recorded somewhere: a figure without a single detection has no latency
 * to analyse, and the caller says so in words instead.
 *
 * <p><b>Quantiles</b> follow one convention, that of {@link CountGrid}: rank {@code ceil(n*q)},
 * value the bucket's highest equivalent value, as {@code getValueAtPercentile} reports it (for a
 * {@link #oneProcess} sample, whose values are exact, the value itself).
 *
 * <p><b>Storage.</b> The histograms are read once, at construction, into cumulative counts over the
 * figure's distinct bucket values ({@link CountGrid}), which is all the statistics here need and
 * far smaller than the histograms' counts arrays. {@link #iteration(int, int)} and {@link #pooled()}
 * rebuild new histograms with the input's lowest discernible value and significant digits and the
 * same buckets and counts (each bucket's count recorded at its highest equivalent value). All
 * iterations must therefore share one histogram configuration, as the iterations of one benchmark's
 * {@code .hlog} files do.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ForkedLatency {

    /**
     * One fork as input: its id (the fork's pid serves) and its iterations in measurement order.
     * The histograms are read when the {@link ForkedLatency} is built and not kept.
     *
     * @param id identifies the fork within its figure, e.g. the JVM's pid
     * @param iterations one histogram per measurement iteration, at least one
     */
    public record Fork(long id, List<Histogram> iterations) {

        /** Validates and copies the list (the histograms themselves are read later). */
        public Fork {
            Objects.requireNonNull(iterations, "iterations");
            if (iterations.isEmpty()) {
                throw new IllegalArgumentException("fork " + id + " has no iteration: a fork measures at least once");
            }
            iterations = List.copyOf(iterations);
        }
    }

    /** Significant digits of the histograms {@link #iteration} and {@link #pooled} give for a {@link #oneProcess} sample. */
    private static final int ONE_PROCESS_DIGITS = 3;

    private final long lowestDiscernibleValue;
    private final int significantDigits;
    private final long[] forkIds;
    private final int[] forkStart;
    private final CountGrid grid;
    private final int[][] resamplingUnits;
    private final int[] iterationsWithValuesIndex;
    private final long[] iterationMedians;
    private final long[] forkMedians;
    private final long pooledMedian;
    private final long totalCount;

    private ForkedLatency(long lowestDiscernibleValue, int significantDigits, long[] forkIds, int[] forkStart,
            CountGrid grid) {
        this.lowestDiscernibleValue = lowestDiscernibleValue;
        this.significantDigits = significantDigits;
        this.forkIds = forkIds;
        this.forkStart = forkStart;
        this.grid = grid;
        int forkCount = forkIds.length;

        long total = 0;
        List<int[]> units = new ArrayList<>();
        List<Long> forkMedianList = new ArrayList<>();
        List<Integer> withValues = new ArrayList<>();
        for (int f = 0; f < forkCount; f++) {
            List<Integer> used = new ArrayList<>();
            for (int i = forkStart[f]; i < forkStart[f + 1]; i++) {
                total += grid.total(i);
                if (grid.total(i) > 0) {
                    used.add(i);
                    withValues.add(i);
                }
            }
            if (!used.isEmpty()) {
                int[] unit = used.stream().mapToInt(Integer::intValue).toArray();
                units.add(unit);
                forkMedianList.add(grid.quantile(unit, 0.5));
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("no iteration of any fork recorded a value: there is no latency to analyse");
        }
        totalCount = total;
        resamplingUnits = units.toArray(new int[0][]);
        iterationsWithValuesIndex = withValues.stream().mapToInt(Integer::intValue).toArray();
        forkMedians = forkMedianList.stream().mapToLong(Long::longValue).toArray();
        iterationMedians = new long[iterationsWithValuesIndex.length];
        for (int k = 0; k < iterationMedians.length; k++) {
            iterationMedians[k] = grid.iterationQuantile(iterationsWithValuesIndex[k], 0.5);
        }
        pooledMedian = grid.quantile(iterationsWithValuesIndex, 0.5);
    }

    /**
     * @param forks the figure's forks in the order they ran, at least one, distinct ids, all
     *     histograms with one configuration and at least one value among them
     * @return the sample
     * @throws IllegalArgumentException on no fork, a repeated id, mixed histogram configurations or
     *     no value at all
     */
    public static ForkedLatency of(List<Fork> forks) {
        Objects.requireNonNull(forks, "forks");
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one fork");
        }
        Histogram first = forks.get(0).iterations().get(0);
        long lowestDiscernibleValue = first.getLowestDiscernibleValue();
        int significantDigits = first.getNumberOfSignificantValueDigits();
        long[] forkIds = new long[forks.size()];
        int[] forkStart = new int[forks.size() + 1];
        List<Histogram> all = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < forks.size(); f++) {
            Fork fork = Objects.requireNonNull(forks.get(f), "fork");
            if (!ids.add(fork.id())) {
                throw new IllegalArgumentException("fork id " + fork.id() + " appears twice");
            }
            forkIds[f] = fork.id();
            forkStart[f] = all.size();
            for (Histogram h : fork.iterations()) {
                Objects.requireNonNull(h, "iteration histogram");
                if (h.getLowestDiscernibleValue() != lowestDiscernibleValue
                        || h.getNumberOfSignificantValueDigits() != significantDigits) {
                    throw new IllegalArgumentException("fork " + fork.id() + " iteration " + (all.size() - forkStart[f])
                            + " is a histogram with lowest discernible value " + h.getLowestDiscernibleValue() + " and "
                            + h.getNumberOfSignificantValueDigits() + " significant digits; the figure's first has "
                            + lowestDiscernibleValue + " and " + significantDigits);
                }
                all.add(h);
            }
        }
        forkStart[forks.size()] = all.size();
        return new ForkedLatency(lowestDiscernibleValue, significantDigits, forkIds, forkStart, CountGrid.of(all));
    }

    /**
     * The sample of one process and one run: the conformance matrix's repetitions of one scenario,
     * model and placement, or S1's connections of one group. Such a run is one fork, and each of its
     * values is an iteration of its own (one repetition, one fresh connection): a bootstrap then
     * resamples the values (iteration level, {@link ResampledLevels#ITERATIONS_ONLY}), the interval
     * describes the spread within the run only, and a comparison with such a sample is never judged
     * ({@link ForkAwareComparison.Judgement#NOT_JUDGED}, "one fork: not judged"): nothing is known of
     * how another run would come out.
     *
     * <p>The values are taken exactly, not through a histogram: every quantile is an observed value,
     * with the same R-1 rank {@code ceil(n*q)} as every other figure. They are sorted first, so that a
     * seeded interval depends only on the multiset of values, not on the order they were recorded in.
     * {@link #iteration(int, int)} and {@link #pooled()} of such a sample record the values into
     * 3-digit histograms, like the benchmarks' own.
     *
     * @param values the latencies in nanoseconds, at least one, none negative; not modified
     * @return one fork (id 0) of {@code values.length} one-value iterations
     * @throws IllegalArgumentException if {@code values} is empty or holds a negative value
     */
    public static ForkedLatency oneProcess(long[] values) {
        LatencySamples.requireNonEmpty(values, "a process's sample");
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("a process's sample[" + i + "] = " + values[i]
                        + ": a latency cannot be negative");
            }
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return new ForkedLatency(1, ONE_PROCESS_DIGITS, new long[] {0}, new int[] {0, sorted.length},
                CountGrid.ofSingleValues(sorted));
    }

    /** @return number of forks, including forks whose iterations are all empty */
    public int forkCount() {
        return forkIds.length;
    }

    /** @return number of forks with at least one value: the units a bootstrap draws */
    public int forksWithValues() {
        return resamplingUnits.length;
    }

    /**
     * @param fork index in {@code [0, forkCount())}
     * @return that fork's id
     */
    public long forkId(int fork) {
        return forkIds[checkFork(fork)];
    }

    /**
     * @param fork index in {@code [0, forkCount())}
     * @return its number of iterations, empty ones included
     */
    public int iterationCount(int fork) {
        checkFork(fork);
        return forkStart[fork + 1] - forkStart[fork];
    }

    /** @return number of iterations over all forks, empty ones included */
    public int iterationCount() {
        return grid.iterations();
    }

    /** @return number of iterations with at least one value */
    public int iterationsWithValues() {
        return iterationsWithValuesIndex.length;
    }

    /** @return number of iterations without any value */
    public int emptyIterationCount() {
        return iterationCount() - iterationsWithValues();
    }

    /**
     * @param fork index in {@code [0, forkCount())}
     * @param iteration index in {@code [0, iterationCount(fork))}
     * @return number of values that iteration recorded
     */
    public long count(int fork, int iteration) {
        return grid.total(globalIndex(fork, iteration));
    }

    /** @return number of values over all forks and iterations */
    public long totalCount() {
        return totalCount;
    }

    /**
     * @param fork index in {@code [0, forkCount())}
     * @param iteration index in {@code [0, iterationCount(fork))}
     * @return a new histogram with that iteration's buckets and counts
     */
    public Histogram iteration(int fork, int iteration) {
        return histogramOf(new int[] {globalIndex(fork, iteration)});
    }

    /** @return a new histogram of all values of all forks and iterations */
    public Histogram pooled() {
        return histogramOf(iterationsWithValuesIndex);
    }

    /** @return the median of all values pooled, bucket-exact */
    public long pooledMedian() {
        return pooledMedian;
    }

    /**
     * @param q quantile in {@code (0, 1]}
     * @return the {@code q}-quantile of all values pooled, bucket-exact
     */
    public long pooledQuantile(double q) {
        return grid.quantile(iterationsWithValuesIndex, q);
    }

    /** @return the median of each fork with values (its iterations pooled), in fork order */
    public long[] forkMedians() {
        return forkMedians.clone();
    }

    /** @return the median of each iteration with values, in fork order, then iteration order */
    public long[] iterationMedians() {
        return iterationMedians.clone();
    }

    /** @return which levels a bootstrap of this sample can resample */
    public ResampledLevels resampledLevels() {
        return ResampledLevels.of(forksWithValues(), iterationsWithValues());
    }

    /**
     * What the sample consists of, for a sentence: "2 forks x 4 iterations each", "1 fork x 4
     * iterations", "3 forks x 3-5 iterations"; counting only forks and iterations with values, and
     * naming the others, e.g. "2 forks x 4 iterations each, 1 empty iteration ignored".
     *
     * @return the description
     */
    public String design() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int[] unit : resamplingUnits) {
            min = Math.min(min, unit.length);
            max = Math.max(max, unit.length);
        }
        int forks = forksWithValues();
        StringBuilder text = new StringBuilder(plural(forks, "fork")).append(" x ");
        if (min == max) {
            text.append(plural(min, "iteration")).append(forks > 1 ? " each" : "");
        } else {
            text.append(min).append('-').append(max).append(" iterations");
        }
        int emptyForks = forkCount() - forks;
        int emptyIterations = emptyIterationCount();
        if (emptyForks > 0) {
            text.append(", ").append(plural(emptyForks, "fork")).append(" without values ignored");
        } else if (emptyIterations > 0) {
            text.append(", ").append(plural(emptyIterations, "empty iteration")).append(" ignored");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ForkedLatency[" + design() + ", " + totalCount + " values, median " + pooledMedian + " ns]";
    }

    /** The precomputed counts, for the bootstrap. */
    CountGrid grid() {
        return grid;
    }

    /**
     * The resampling structure: for each fork with values, the grid indices of its iterations with
     * values. Not copied; callers in this package only read it.
     */
    int[][] resamplingUnits() {
        return resamplingUnits;
    }

    /** Grid indices of all iterations with values, in fork then iteration order; not copied. */
    int[] iterationsWithValuesIndex() {
        return iterationsWithValuesIndex;
    }

    /** @return the fork id of grid iteration {@code index} */
    long forkIdOfIteration(int index) {
        return forkIds[forkOf(index)];
    }

    /** @return the position of grid iteration {@code index} within its fork, 0-based */
    int positionInFork(int index) {
        return index - forkStart[forkOf(index)];
    }

    private int forkOf(int index) {
        int f = 0;
        while (forkStart[f + 1] <= index) {
            f++;
        }
        return f;
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Histogram histogramOf(int[] indices) {
        Histogram h = new Histogram(lowestDiscernibleValue, Math.max(2 * lowestDiscernibleValue, 2), significantDigits);
        h.setAutoResize(true);
        long[] values = grid.values();
        for (int i : indices) {
            long before = 0;
            for (int j = 0; j < values.length; j++) {
                long through = grid.cumulativeCount(i, j);
                if (through > before) {
                    h.recordValueWithCount(values[j], through - before);
                }
                before = through;
            }
        }
        return h;
    }

    private int globalIndex(int fork, int iteration) {
        int n = iterationCount(fork);
        if (iteration < 0 || iteration >= n) {
            throw new IndexOutOfBoundsException("iteration " + iteration + " of fork " + fork + ", which has " + n);
        }
        return forkStart[fork] + iteration;
    }

    private int checkFork(int fork) {
        if (fork < 0 || fork >= forkIds.length) {
            throw new IndexOutOfBoundsException("fork " + fork + " of " + forkIds.length);
        }
        return fork;
    }
}
