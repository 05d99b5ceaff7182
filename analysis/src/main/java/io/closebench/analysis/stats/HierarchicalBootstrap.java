package io.closebench.analysis.stats;

import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Percentile-bootstrap intervals that respect how JMH measured: forks, iterations within forks,
 * values within iterations ({@link ForkedLatency}). Reproducible from {@link BootstrapSettings#seed()}.
 *
 * <p><b>Procedure (cluster bootstrap).</b> One replicate draws as many forks as the sample has
 * (forks with values), with replacement; within each drawn fork it draws as many iterations as that
 * fork has (iterations with values), with replacement; the statistic is then computed on the union
 * of the drawn iterations, each drawn iteration contributing <em>all</em> its values as recorded.
 * Values within an iteration are <em>not</em> resampled.
 *
 * <p><b>Why clusters only.</b> Values of one iteration share its circumstances, so the unit of
 * independent information is the iteration (and, above it, the fork), not the value: the interval
 * must come from how much iterations and forks differ. Resampling the values as well would add the
 * within-iteration sampling variance a second time, although the iteration-level draw already
 * carries it; the resampling of every level is known to be conservative (Davison &amp; Hinkley 1997,
 * section 3.8; Field &amp; Welsh 2007). Even the two cluster levels are not free of this: on data
 * that are in truth i.i.d. the replicate variance of a mean-like statistic is about
 * {@code (F-1)/F + (m-1)/m} times that of the pooled bootstrap of all values ({@code F} forks,
 * {@code m} iterations per fork), i.e. 1.25 for 2 x 4, 1.65 for 4 x 10 and at most 2: the interval
 * is then up to {@code sqrt 2} (about 1.4) times as wide as the pooled one. Where forks or
 * iterations really differ, which is the case this class exists for, that excess vanishes against
 * the real cluster variance and the pooled bootstrap is the one that is wrong (it can be many
 * times too narrow).
 *
 * <p><b>What few forks mean.</b> With {@code F} forks the fork level is seen through {@code F}
 * values; the plug-in variance of the bootstrap is {@code (F-1)/F} of the unbiased one (half, for
 * two forks) and itself very uncertain. A hierarchical interval over 2 forks is therefore an honest
 * description but a weak guarantee; {@link ForkAwareComparison} and {@link ForkAwareChange} add
 * fork-level checks on top of it for that reason.
 *
 * <p><b>One fork</b>: only iterations are resampled ({@link ResampledLevels#ITERATIONS_ONLY}); the
 * results say that fork-to-fork variation is not included. The sample of one process
 * ({@link ForkedLatency#oneProcess}: the matrix's repetitions, S1's connections) is this case with
 * one value per iteration, so the draw is the ordinary bootstrap of its values. <b>One fork with
 * one iteration</b>: the interval is undefined, with the reason.
 *
 * <p><b>Statistic.</b> A quantile of the drawn iterations' values taken together, computed exactly
 * from the counts with the convention of {@link CountGrid} (rank {@code ceil(n*q)}, bucket's highest
 * equivalent value, as {@code getValueAtPercentile}). No expansion, no cap.
 *
 * <p><b>Cost.</b> Each iteration is precomputed (by {@link ForkedLatency}) as cumulative counts over
 * the figure's sorted distinct bucket values. The counts of a replicate are a weighted sum of those
 * vectors (weights = how often each iteration was drawn); instead of materialising that sum and
 * scanning it, the quantile is found by binary search over the bucket values, each probe summing
 * the weighted cumulative counts of the drawn iterations: the same answer as sum-then-scan, in
 * {@code O(iterations x log buckets)} per replicate, independent of how many values an iteration
 * holds. A ratio over 2 x 4 iterations per group at 2000 replicates takes a few milliseconds.
 *
 * <p><b>Determinism.</b> One fresh generator per call ({@link BootstrapSettings#newRandom()}); each
 * replicate draws fork indices and then iteration indices in fork order, group A before group B.
 * The result depends on the data, the order of forks and iterations, and the settings (its
 * histogram expansion cap is not used): equal input gives an identical result.
 */
public final class HierarchicalBootstrap {

    private HierarchicalBootstrap() {
    }

    /**
     * Interval for the {@code q}-quantile of one sample.
     *
     * @param sample the figure's forks and iterations
     * @param q quantile, strictly between 0 and 1 (0.5 for the median)
     * @param settings resamples, level, seed
     * @return estimate (pooled quantile), interval, and what was resampled
     */
    public static HierarchicalQuantile quantile(ForkedLatency sample, double q, BootstrapSettings settings) {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(settings, "settings");
        LatencySamples.requireOpenUnitQuantile(q);
        long estimate = sample.pooledQuantile(q);
        ResampledLevels levels = sample.resampledLevels();
        if (levels == ResampledLevels.NOTHING) {
            return new HierarchicalQuantile(q, estimate, ConfidenceInterval.undefined(settings.confidenceLevel(),
                    nothingToResample("the sample")), levels, sample.design());
        }
        Replicator replicator = new Replicator(sample);
        RandomGenerator random = settings.newRandom();
        double[] replicates = new double[settings.resamples()];
        for (int r = 0; r < replicates.length; r++) {
            replicates[r] = replicator.next(random, q);
        }
        return new HierarchicalQuantile(q, estimate, settings.percentileInterval(replicates), levels, sample.design());
    }

    /**
     * Interval and bootstrap p-value for {@code median(b) / median(a)} of two independent samples,
     * each resampled on its own: ratio &gt; 1 means A is faster.
     *
     * @param a group A (denominator)
     * @param b group B (numerator)
     * @param settings resamples, level, seed
     * @return the ratio, its interval and p-value, and what was resampled in each group
     * @throws IllegalArgumentException if either group recorded a latency of 0 (a replicate ratio
     *     could then be infinite)
     */
    public static HierarchicalRatio medianRatio(ForkedLatency a, ForkedLatency b, BootstrapSettings settings) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(settings, "settings");
        requirePositive(a, "A");
        requirePositive(b, "B");
        ResampledLevels levelsA = a.resampledLevels();
        ResampledLevels levelsB = b.resampledLevels();
        if (levelsA == ResampledLevels.NOTHING || levelsB == ResampledLevels.NOTHING) {
            String which = levelsA == ResampledLevels.NOTHING && levelsB == ResampledLevels.NOTHING ? "A and B each"
                    : levelsA == ResampledLevels.NOTHING ? "A" : "B";
            return new HierarchicalRatio(a.pooledMedian(), b.pooledMedian(),
                    ConfidenceInterval.undefined(settings.confidenceLevel(), nothingToResample(which)),
                    OptionalDouble.empty(), levelsA, levelsB, a.design(), b.design());
        }
        Replicator replicatorA = new Replicator(a);
        Replicator replicatorB = new Replicator(b);
        RandomGenerator random = settings.newRandom();
        double[] replicates = new double[settings.resamples()];
        int atOrBelowOne = 0;
        int atOrAboveOne = 0;
        for (int r = 0; r < replicates.length; r++) {
            long medianA = replicatorA.next(random, 0.5);
            long medianB = replicatorB.next(random, 0.5);
            replicates[r] = (double) medianB / medianA;
            atOrBelowOne += medianB <= medianA ? 1 : 0;
            atOrAboveOne += medianB >= medianA ? 1 : 0;
        }
        return new HierarchicalRatio(a.pooledMedian(), b.pooledMedian(), settings.percentileInterval(replicates),
                OptionalDouble.of(twoSidedP(atOrBelowOne, atOrAboveOne, replicates.length)),
                levelsA, levelsB, a.design(), b.design());
    }

    /** {@code 2 min(below, above) / resamples}, at most 1 and at least {@code 1 / (resamples + 1)}. */
    static double twoSidedP(int atOrBelow, int atOrAbove, int resamples) {
        double p = 2.0 * Math.min(atOrBelow, atOrAbove) / resamples;
        return Math.min(1.0, Math.max(1.0 / (resamples + 1.0), p));
    }

    private static String nothingToResample(String which) {
        return which + " has one fork with one iteration: there is no fork or iteration to resample";
    }

    private static void requirePositive(ForkedLatency sample, String which) {
        if (sample.grid().lowestValue() <= 0) {
            throw new IllegalArgumentException("group " + which
                    + " recorded a latency of 0 ns: a ratio of medians needs strictly positive latencies");
        }
    }

    /** Draws replicates of one sample; holds the reusable weight arrays. Not thread-safe. */
    private static final class Replicator {

        private final CountGrid grid;
        private final int[][] units;
        private final int[] weights;
        private final int[] active;
        private int activeCount;

        Replicator(ForkedLatency sample) {
            grid = sample.grid();
            units = sample.resamplingUnits();
            weights = new int[grid.iterations()];
            active = new int[sample.iterationsWithValues()];
        }

        /** One two-level draw, then the {@code q}-quantile of what was drawn. */
        long next(RandomGenerator random, double q) {
            for (int k = 0; k < activeCount; k++) {
                weights[active[k]] = 0;
            }
            activeCount = 0;
            for (int f = 0; f < units.length; f++) {
                int[] fork = units[random.nextInt(units.length)];
                for (int i = 0; i < fork.length; i++) {
                    int iteration = fork[random.nextInt(fork.length)];
                    if (weights[iteration]++ == 0) {
                        active[activeCount++] = iteration;
                    }
                }
            }
            return grid.quantile(weights, active, activeCount, q);
        }
    }
}
