package io.closebench.analysis.stats;

import io.closebench.analysis.format.ThreeFigureDuration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * "Does A (say NIO) detect faster than B (say BLOCKING)?" answered with forks as the unit of
 * evidence: the comparison of two {@link ForkedLatency} samples and the one sentence it allows.
 *
 * <p><b>Rules</b>, applied in this order ({@link #judgement()}):
 * <ol>
 *   <li>{@link Judgement#NOT_JUDGED}: either side has one fork (with values), as every sample of
 *       one process has ({@link ForkedLatency#oneProcess}). Fork-to-fork variation is then unknown;
 *       the iteration-level interval is shown as a description only.</li>
 *   <li>{@link Judgement#NO_DIFFERENCE}: the hierarchical interval of {@code median(B)/median(A)}
 *       ({@link HierarchicalBootstrap#medianRatio}) contains 1, or the pooled ratio is on the other
 *       side of 1 than the interval: no difference beyond fork-to-fork and iteration variation.</li>
 *   <li>{@link Judgement#UNSTABLE_ACROSS_FORKS}: the interval excludes 1, but some fork median of
 *       the side that is faster pooled is not below every fork median of the slower side.</li>
 *   <li>{@link Judgement#TOO_FEW_FORKS}: interval and every fork agree, but the fork-level t-test
 *       ({@link ForkMedianTest}) has {@code p >= alpha}: with this few forks, a split in which every
 *       fork of one side is below every fork of the other arises from fork-to-fork variation alone
 *       too often (a third of the time with 2 forks per side) to be called a difference.</li>
 *   <li>{@link Judgement#FASTER}: all of the above hold: interval excludes 1, the direction holds
 *       in every fork, fork-level {@code p < alpha}.</li>
 * </ol>
 * {@code alpha = 1 - confidence level}. The sentence names how many forks and iterations each side
 * had; "k x faster" means the slower side's median is k times the faster side's. No NaN ever.
 */
public final class ForkAwareComparison {

    /** What the comparison allows one to say; see the class comment for the rules. */
    public enum Judgement {
        /** One side is faster beyond fork-to-fork and iteration variation. */
        FASTER,
        /** Interval and every fork agree, but too few forks to rule out fork-to-fork variation. */
        TOO_FEW_FORKS,
        /** The pooled medians differ beyond resampling noise, but the forks do not agree. */
        UNSTABLE_ACROSS_FORKS,
        /** No difference beyond fork-to-fork and iteration variation. */
        NO_DIFFERENCE,
        /** A side has a single fork: fork-to-fork variation unknown, nothing is judged. */
        NOT_JUDGED
    }

    private final HierarchicalRatio ratio;
    private final long[] forkMediansA;
    private final long[] forkMediansB;
    private final Optional<ForkMedianTest> forkTest;
    private final Judgement judgement;

    private ForkAwareComparison(HierarchicalRatio ratio, long[] forkMediansA, long[] forkMediansB) {
        this.ratio = ratio;
        this.forkMediansA = forkMediansA;
        this.forkMediansB = forkMediansB;
        this.forkTest = ForkMedianTest.of(forkMediansA, forkMediansB);
        this.judgement = judge();
    }

    /**
     * Compares two samples.
     *
     * @param a group A
     * @param b group B
     * @param settings bootstrap resamples, level (alpha is {@code 1 - level}), seed
     * @return the comparison
     * @throws IllegalArgumentException if a group recorded a latency of 0
     */
    public static ForkAwareComparison of(ForkedLatency a, ForkedLatency b, BootstrapSettings settings) {
        return of(HierarchicalBootstrap.medianRatio(a, b, settings), a.forkMedians(), b.forkMedians());
    }

    /**
     * From parts computed elsewhere (or built by hand, to test sentences).
     *
     * @param ratio the hierarchical ratio
     * @param forkMediansA fork medians of A, ns, positive; at least 2 exactly when A was resampled at
     *     the fork level
     * @param forkMediansB fork medians of B, likewise
     * @return the comparison
     */
    public static ForkAwareComparison of(HierarchicalRatio ratio, long[] forkMediansA, long[] forkMediansB) {
        Objects.requireNonNull(ratio, "ratio");
        requireForkMedians(forkMediansA, ratio.levelsA(), "A");
        requireForkMedians(forkMediansB, ratio.levelsB(), "B");
        return new ForkAwareComparison(ratio, forkMediansA.clone(), forkMediansB.clone());
    }

    private static void requireForkMedians(long[] medians, ResampledLevels levels, String which) {
        Objects.requireNonNull(medians, "fork medians of " + which);
        if (medians.length == 0 || (medians.length >= 2) != levels.includesForkVariation()) {
            throw new IllegalArgumentException(medians.length + " fork medians of " + which
                    + " do not match its resampled levels " + levels);
        }
    }

    private Judgement judge() {
        if (!ratio.includesForkVariation()) {
            return Judgement.NOT_JUDGED;
        }
        FasterSide side = ratio.faster();
        if (side == FasterSide.NEITHER) {
            return Judgement.NO_DIFFERENCE;
        }
        if (!directionHoldsInEveryFork(side)) {
            return Judgement.UNSTABLE_ACROSS_FORKS;
        }
        return forkTest.orElseThrow().pValue() < ratio.alpha() ? Judgement.FASTER : Judgement.TOO_FEW_FORKS;
    }

    private boolean directionHoldsInEveryFork(FasterSide side) {
        long[] fast = side == FasterSide.A ? forkMediansA : forkMediansB;
        long[] slow = side == FasterSide.A ? forkMediansB : forkMediansA;
        return Arrays.stream(fast).max().orElseThrow() < Arrays.stream(slow).min().orElseThrow();
    }

    /** @return the hierarchical ratio {@code median(B)/median(A)} with interval and bootstrap p */
    public HierarchicalRatio ratio() {
        return ratio;
    }

    /** @return the fork medians of A, in fork order */
    public long[] forkMediansA() {
        return forkMediansA.clone();
    }

    /** @return the fork medians of B, in fork order */
    public long[] forkMediansB() {
        return forkMediansB.clone();
    }

    /** @return the fork-level test, empty when a side has one fork */
    public Optional<ForkMedianTest> forkTest() {
        return forkTest;
    }

    /** @return what the comparison allows one to say */
    public Judgement judgement() {
        return judgement;
    }

    /** @return the faster side when {@link #judgement()} is {@link Judgement#FASTER}, else NEITHER */
    public FasterSide faster() {
        return judgement == Judgement.FASTER ? ratio.faster() : FasterSide.NEITHER;
    }

    /**
     * One sentence, e.g. "NIO detects EOF 1.21x faster than BLOCKING (95% hierarchical CI 1.10-1.33
     * over 2 forks x 4 iterations each; the direction holds in every fork; fork-level t-test
     * p = 0.004)".
     *
     * @param labelA what A is, e.g. "NIO"
     * @param labelB what B is, e.g. "BLOCKING"
     * @param outcome what is detected, e.g. "EOF"
     * @return the sentence, no trailing period, no NaN
     */
    public String describe(String labelA, String labelB, String outcome) {
        LatencySamples.requireLabel(labelA, "labelA");
        LatencySamples.requireLabel(labelB, "labelB");
        LatencySamples.requireLabel(outcome, "outcome");
        ConfidenceInterval interval = ratio.interval();
        String level = ReportFormat.level(ratio.confidenceLevel()) + " " + ratio.intervalName() + " CI ";
        String over = " over " + designs(labelA, ratio.designA(), labelB, ratio.designB());
        String ratioName = "median ratio " + labelB + "/" + labelA + " ";
        switch (judgement) {
            case NOT_JUDGED: {
                String which = !ratio.levelsA().includesForkVariation() && !ratio.levelsB().includesForkVariation()
                        ? "one fork each of " + labelA + " and " + labelB
                        : "one fork of " + (ratio.levelsA().includesForkVariation() ? labelB : labelA);
                String descriptive = interval.isDefined()
                        ? ratioName + ratioWithInterval(level, ratio.ratio(), interval.low(), interval.high(), Double.NaN)
                        : ratioName + ReportFormat.fixed(ratio.ratio(), 2) + ", no interval: "
                                + (ratio.levelsA() == ResampledLevels.NOTHING ? labelA : labelB)
                                + " has one fork with one iteration";
                return labelA + " vs " + labelB + " for " + outcome + ": " + which
                        + ", so fork-to-fork variation is unknown (one fork: not judged); descriptive: " + descriptive + over;
            }
            case NO_DIFFERENCE:
                return "no difference between " + labelA + " and " + labelB + " for " + outcome
                        + " beyond fork-to-fork and iteration variation (" + ratioName
                        + ratioWithInterval(level, ratio.ratio(), interval.low(), interval.high(), Double.NaN) + over
                        + (interval.excludes(1.0) ? "; the pooled ratio lies outside its own interval: too few forks "
                                + "or iterations to tell" : "") + ")";
            case UNSTABLE_ACROSS_FORKS:
                return labelA + " vs " + labelB + " for " + outcome + " is unstable across forks: pooled " + ratioName
                        + ratioWithInterval(level, ratio.ratio(), interval.low(), interval.high(), 1.0) + over
                        + ", but the fork medians overlap: " + labelA + " " + durations(forkMediansA) + "; "
                        + labelB + " " + durations(forkMediansB);
            default:
                boolean aFaster = ratio.faster() == FasterSide.A;
                String fast = aFaster ? labelA : labelB;
                String slow = aFaster ? labelB : labelA;
                double factor = aFaster ? ratio.ratio() : 1.0 / ratio.ratio();
                double low = aFaster ? interval.low() : 1.0 / interval.high();
                double high = aFaster ? interval.high() : 1.0 / interval.low();
                String fastOver = " over " + (aFaster ? designs(labelA, ratio.designA(), labelB, ratio.designB())
                        : designs(labelB, ratio.designB(), labelA, ratio.designA()));
                int d = ReportFormat.decimalsToShow(low, high, 1.0, 2, 4);
                String ci = level + ReportFormat.fixed(low, d) + "-" + ReportFormat.fixed(high, d) + fastOver;
                String p = "fork-level t-test " + ReportFormat.pValue(forkTest.orElseThrow().pValue(), ratio.alpha());
                String times = ReportFormat.fixed(factor, d) + "x";
                if (judgement == Judgement.FASTER) {
                    return fast + " detects " + outcome + " " + times + " faster than " + slow + " (" + ci
                            + "; the direction holds in every fork; " + p + ")";
                }
                String forks = forkMediansA.length == forkMediansB.length ? forkMediansA.length + " forks per side"
                        : (aFaster ? forkMediansA.length + " and " + forkMediansB.length
                                : forkMediansB.length + " and " + forkMediansA.length) + " forks";
                return fast + " detects " + outcome + " faster than " + slow + " in every fork (" + times + " pooled, "
                        + ci + "), but " + forks + " are too few to rule out fork-to-fork variation (" + p + ")";
        }
    }

    /** "1.21, 95% hierarchical CI 1.10-1.33" with enough decimals to keep the bounds apart (and off {@code avoid}). */
    static String ratioWithInterval(String level, double ratio, double low, double high, double avoid) {
        int d = ReportFormat.decimalsToShow(low, high, avoid, 2, 4);
        return ReportFormat.fixed(ratio, d) + ", " + level + ReportFormat.fixed(low, d) + "-" + ReportFormat.fixed(high, d);
    }

    /** "2 forks x 4 iterations each" when both sides share it, else each with its label. */
    static String designs(String first, String firstDesign, String second, String secondDesign) {
        return firstDesign.equals(secondDesign) ? firstDesign
                : firstDesign + " (" + first + ") and " + secondDesign + " (" + second + ")";
    }

    /** "11.2 us, 41.0 us" */
    static String durations(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(n -> ThreeFigureDuration.of(n)).collect(Collectors.joining(", "));
    }
}
