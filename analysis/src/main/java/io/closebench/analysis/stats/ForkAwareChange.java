package io.closebench.analysis.stats;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The same figure in a baseline run and a candidate run, each a {@link ForkedLatency}: did its
 * median move by more than the noise between forks, iterations and runs? Everything one figure can
 * tell by itself; whether the change is <em>declared</em> beyond noise also depends on the other
 * figures compared at the same time, which {@link ChangeFamily} decides.
 *
 * <p>{@link #relativeChange()} is {@code median(candidate) / median(baseline) - 1}: +0.12 means the
 * candidate's pooled median detection takes 12 % longer. The comparison is a
 * {@link ForkAwareComparison} with the baseline as A and the candidate as B.
 *
 * <p><b>Conditions</b> a change must meet to be beyond noise (the first three here, the last in
 * {@link ChangeFamily}):
 * <ol>
 *   <li><b>Interval.</b> The hierarchical interval of the ratio excludes 1, with the pooled ratio
 *       on the same side ({@link HierarchicalRatio#faster()}).</li>
 *   <li><b>Fork spread.</b> {@code |log ratio| > max(log spread(baseline), log spread(candidate))},
 *       where the spread of a run is its highest fork median over its lowest: the run-to-run shift
 *       must exceed how far apart the forks of either run already are.</li>
 *   <li><b>No single iteration carries it.</b> For every iteration with values of either run (of a
 *       run that has at least two), the pooled ratio recomputed with that one iteration left out
 *       must still be on the same side of 1 and still exceed the fork spread of (2). Fork medians
 *       pool their iterations, so one wild iteration moves a fork median only by its share; this
 *       leave-one-out check makes sure the change is not one iteration's doing.</li>
 *   <li><b>Family.</b> {@link #familyPValue()} survives Benjamini-Hochberg at
 *       {@code q = 1 - confidence level} over all figures compared at once
 *       ({@link ChangeFamily}).</li>
 * </ol>
 * The family p-value is the larger of the bootstrap p-value of the ratio and the fork-level
 * t-test's ({@link ForkMedianTest}): the larger of two valid p-values is valid, and the t-test is
 * the one that stays honest when the runs have only two forks each (with fork-level noise alone,
 * conditions 1 and 2 hold together in about a fifth of the figures, see {@link ForkMedianTest}).
 *
 * <p><b>One fork</b> in either run: run-to-run noise is unknown, the change is {@linkplain
 * #isJudged() not judged} and takes no part in the family.
 */
public final class ForkAwareChange {

    /**
     * The iteration whose removal leaves the smallest change in the direction of the full one.
     *
     * @param run "baseline" or "candidate"
     * @param forkId the fork's id
     * @param iteration 0-based position of the iteration in its fork
     * @param ratio {@code median(candidate)/median(baseline)} without that iteration
     */
    public record LeftOut(String run, long forkId, int iteration, double ratio) {

        /** Validates. */
        public LeftOut {
            LatencySamples.requireLabel(run, "run");
            if (!(ratio > 0) || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException("ratio must be positive and finite, got " + ratio);
            }
        }
    }

    private final ForkAwareComparison comparison;
    private final double spreadBaseline;
    private final double spreadCandidate;
    private final Optional<LeftOut> weakestLeftOut;

    private ForkAwareChange(ForkAwareComparison comparison, double spreadBaseline, double spreadCandidate,
            Optional<LeftOut> weakestLeftOut) {
        this.comparison = comparison;
        this.spreadBaseline = spreadBaseline;
        this.spreadCandidate = spreadCandidate;
        this.weakestLeftOut = weakestLeftOut;
    }

    /**
     * @param baseline the earlier run's figure
     * @param candidate the later run's figure
     * @param settings resamples, level, seed; the same for every figure of a family
     * @return the change
     * @throws IllegalArgumentException if a run recorded a latency of 0
     */
    public static ForkAwareChange of(ForkedLatency baseline, ForkedLatency candidate, BootstrapSettings settings) {
        ForkAwareComparison comparison = ForkAwareComparison.of(baseline, candidate, settings);
        double ratio = comparison.ratio().ratio();
        Optional<LeftOut> weakest = Optional.empty();
        double sign = Math.signum(Math.log(ratio));
        for (String run : new String[] {"baseline", "candidate"}) {
            ForkedLatency left = run.equals("baseline") ? baseline : candidate;
            int[] indices = left.iterationsWithValuesIndex();
            if (indices.length < 2) {
                continue;
            }
            for (int skip = 0; skip < indices.length; skip++) {
                int[] kept = new int[indices.length - 1];
                for (int k = 0, j = 0; k < indices.length; k++) {
                    if (k != skip) {
                        kept[j++] = indices[k];
                    }
                }
                long without = left.grid().quantile(kept, 0.5);
                double r = run.equals("baseline") ? (double) candidate.pooledMedian() / without
                        : (double) without / baseline.pooledMedian();
                if (weakest.isEmpty() || sign * Math.log(r) < sign * Math.log(weakest.get().ratio())) {
                    weakest = Optional.of(new LeftOut(run, left.forkIdOfIteration(indices[skip]),
                            left.positionInFork(indices[skip]), r));
                }
            }
        }
        return new ForkAwareChange(comparison, spread(baseline), spread(candidate), weakest);
    }

    private static double spread(ForkedLatency run) {
        long[] medians = run.forkMedians();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long m : medians) {
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        return (double) max / min;
    }

    /** @return the comparison, baseline as A and candidate as B */
    public ForkAwareComparison comparison() {
        return comparison;
    }

    /** @return {@code median(candidate)/median(baseline)} */
    public double ratio() {
        return comparison.ratio().ratio();
    }

    /** @return {@code ratio() - 1}; positive means slower */
    public double relativeChange() {
        return ratio() - 1.0;
    }

    /** @return the ratio interval shifted by -1; undefined when it is */
    public ConfidenceInterval relativeChangeInterval() {
        ConfidenceInterval r = comparison.ratio().interval();
        return r.isDefined() ? ConfidenceInterval.of(r.low() - 1.0, r.high() - 1.0, r.level()) : r;
    }

    /** @return whether both runs have two or more forks with values, so that the change can be judged */
    public boolean isJudged() {
        return comparison.judgement() != ForkAwareComparison.Judgement.NOT_JUDGED;
    }

    /**
     * @return highest over lowest fork median of the baseline, {@code >= 1} (1 with one fork)
     */
    public double forkSpreadBaseline() {
        return spreadBaseline;
    }

    /** @return highest over lowest fork median of the candidate, {@code >= 1} (1 with one fork) */
    public double forkSpreadCandidate() {
        return spreadCandidate;
    }

    /** @return {@code max(forkSpreadBaseline(), forkSpreadCandidate())}: the noise band of condition 2 */
    public double forkSpread() {
        return Math.max(spreadBaseline, spreadCandidate);
    }

    /** @return condition 1: the interval excludes 1 and the pooled ratio agrees */
    public boolean intervalExcludesNoChange() {
        return comparison.ratio().faster() != FasterSide.NEITHER;
    }

    /** @return condition 2: {@code |log ratio| > log forkSpread()} */
    public boolean exceedsForkSpread() {
        return exceedsForkSpread(ratio());
    }

    /** @return the leave-one-out result closest to no change; empty when no run has two iterations */
    public Optional<LeftOut> weakestLeftOut() {
        return weakestLeftOut;
    }

    /** @return condition 3: with any one iteration left out the change keeps its side and exceeds the fork spread */
    public boolean survivesLeavingOutAnyIteration() {
        return weakestLeftOut.map(w -> Math.signum(Math.log(w.ratio())) == Math.signum(Math.log(ratio()))
                && exceedsForkSpread(w.ratio())).orElse(true);
    }

    /** @return conditions 1 to 3 together: beyond noise unless the family says otherwise */
    public boolean beyondNoiseOnItsOwn() {
        return isJudged() && intervalExcludesNoChange() && exceedsForkSpread() && survivesLeavingOutAnyIteration();
    }

    /**
     * @return {@code max(bootstrap p, fork-level t-test p)}, the p-value that enters the family;
     *     empty when not judged
     */
    public OptionalDouble familyPValue() {
        if (!isJudged()) {
            return OptionalDouble.empty();
        }
        double bootstrap = comparison.ratio().pValue().orElseThrow();
        return OptionalDouble.of(Math.max(bootstrap, comparison.forkTest().orElseThrow().pValue()));
    }

    /** @return the level of the interval, e.g. 0.95 */
    public double confidenceLevel() {
        return comparison.ratio().confidenceLevel();
    }

    private boolean exceedsForkSpread(double r) {
        return Math.abs(Math.log(r)) > Math.log(forkSpread());
    }
}
