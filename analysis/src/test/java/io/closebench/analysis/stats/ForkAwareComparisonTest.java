package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkAwareComparisonTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(23);
    private static final String BOTH = "2 forks x 4 iterations each";
    private static final List<String> SENTENCES = new ArrayList<>();

    private static String verdict(ForkAwareComparison comparison) {
        String sentence = comparison.describe("NIO", "BLOCKING", "EOF");
        SENTENCES.add(sentence);
        return sentence;
    }

    /** A and B with the given fork medians, {@code iterations} x {@code n} log-normal values per fork, seeds seed and seed + 1. */
    private static ForkAwareComparison compare(double[] forksA, double[] forksB, int iterations, int n, double sigma, long seed) {
        return ForkAwareComparison.of(ForkedSamples.withForkMedians(forksA, iterations, n, sigma, seed),
                ForkedSamples.withForkMedians(forksB, iterations, n, sigma, seed + 1), SETTINGS);
    }

    /** The sentence, after checking the judgement. */
    private static String verdict(ForkAwareComparison comparison, ForkAwareComparison.Judgement expected) {
        assertThat(comparison.judgement()).isEqualTo(expected);
        return verdict(comparison);
    }

    private static ForkAwareComparison handBuilt(long medianA, long medianB, double low, double high,
            long[] forksA, long[] forksB) {
        return handBuilt(medianA, medianB, low, high, 0.95, forksA, forksB);
    }

    private static ForkAwareComparison handBuilt(long medianA, long medianB, double low, double high, double level,
            long[] forksA, long[] forksB) {
        HierarchicalRatio ratio = new HierarchicalRatio(medianA, medianB, ConfidenceInterval.of(low, high, level),
                OptionalDouble.of(1.0 / 2001), ResampledLevels.FORKS_AND_ITERATIONS, ResampledLevels.FORKS_AND_ITERATIONS,
                BOTH, BOTH);
        return ForkAwareComparison.of(ratio, forksA, forksB);
    }

    /** A hand-built ratio of two samples of 2 forks each, for the interval's own reading. */
    private static HierarchicalRatio ratio(long medianA, long medianB, ConfidenceInterval interval) {
        return new HierarchicalRatio(medianA, medianB, interval,
                interval.isDefined() ? OptionalDouble.of(0.01) : OptionalDouble.empty(),
                ResampledLevels.FORKS_AND_ITERATIONS, ResampledLevels.FORKS_AND_ITERATIONS, BOTH, BOTH);
    }

    private static String forkP(long[] a, long[] b) {
        return ReportFormat.pValue(forkPValue(a, b), 0.05);
    }

    /** The pooled-variance t-test on the log fork medians, computed apart from the engine. */
    private static double forkPValue(long[] a, long[] b) {
        double[] x = Arrays.stream(a).mapToDouble(Math::log).toArray();
        double[] y = Arrays.stream(b).mapToDouble(Math::log).toArray();
        return new TTest().homoscedasticTTest(x, y);
    }

    @Test
    void fasterWhenTheIntervalExcludesOneEveryForkAgreesAndTheForkTestIsSignificant() {
        long[] a = {99_000, 101_000};
        long[] b = {120_000, 122_000};
        ForkAwareComparison c = handBuilt(100_000, 121_000, 1.10, 1.33, a, b);

        assertThat(c.judgement()).isEqualTo(ForkAwareComparison.Judgement.FASTER);
        assertThat(c.faster()).isEqualTo(FasterSide.A);
        assertThat(verdict(c)).isEqualTo("NIO detects EOF 1.21x faster than BLOCKING (95% hierarchical CI 1.10-1.33 over "
                + BOTH + "; the direction holds in every fork; fork-level t-test " + forkP(a, b) + ")");
    }

    @Test
    void bFasterIsStatedAsTheReciprocalWithTheSidesSwapped() {
        long[] a = {99_000, 101_000};
        long[] b = {79_000, 81_000};
        ForkAwareComparison c = handBuilt(100_000, 80_000, 0.75, 0.85, a, b);
        assertThat(c.faster()).isEqualTo(FasterSide.B);
        assertThat(verdict(c)).isEqualTo("BLOCKING detects EOF 1.25x faster than NIO (95% hierarchical CI 1.18-1.33 over "
                + BOTH + "; the direction holds in every fork; fork-level t-test " + forkP(a, b) + ")");
    }

    @Test
    void unstableAcrossForksWhenOneForkOfTheFasterSideIsSlowerThanAForkOfTheOther() {
        // A: 7 forks near 10 us and one at 23 us; B: 4 forks at 20-22 us. Pooled, A is about twice as
        // fast, and resampling 8 forks rarely draws the slow one 4 times (p = 0.011), so the interval
        // excludes 1; but A's 23-us fork is slower than B's 20-us fork.
        ForkAwareComparison c = compare(new double[] {10_000, 10_000, 10_000, 23_000, 10_000, 10_000, 10_000, 10_000},
                new double[] {20_000, 21_000, 22_000, 21_000}, 2, 1_000, 0.05, 31);

        assertThat(c.ratio().interval().low()).isGreaterThan(1.0);
        assertThat(c.faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(verdict(c, ForkAwareComparison.Judgement.UNSTABLE_ACROSS_FORKS))
                .startsWith("NIO vs BLOCKING for EOF is unstable across forks: pooled median ratio BLOCKING/NIO 2.")
                .contains("95% hierarchical CI ")
                .containsPattern(" over 8 forks x 2 iterations each \\(NIO\\) and 4 forks x 2 iterations each \\(BLOCKING\\), "
                        + "but the fork medians overlap: NIO (\\d+\\.\\d+ us, ){3}23\\.0 us(, \\d+\\.\\d+ us){4}; "
                        + "BLOCKING 20\\.0 us, 21\\.0 us, 22\\.0 us, 21\\.0 us$");
    }

    @Test
    void everyForkAgreeingIsNotEnoughWithTwoForksOfClearSpread() {
        // every BLOCKING fork is slower than every NIO fork and the interval excludes 1, but with forks
        // 10 % and 15 % apart the t-test on 2 + 2 fork medians gives p = 0.08 (ForkMedianTestTest)
        ForkAwareComparison c = compare(new double[] {20_000, 22_000}, new double[] {26_000, 30_000}, 4, 2_000, 0.2, 33);

        assertThat(c.ratio().faster()).isEqualTo(FasterSide.A);
        assertThat(verdict(c, ForkAwareComparison.Judgement.TOO_FEW_FORKS)).matches("NIO detects EOF faster than BLOCKING in every fork \\(1\\.\\d\\dx pooled, 95% "
                + "hierarchical CI 1\\.\\d\\d-1\\.\\d\\d over 2 forks x 4 iterations each\\), but 2 forks per side are too "
                + "few to rule out fork-to-fork variation \\(fork-level t-test p = 0\\.0[5-9]\\d*\\)");
    }

    @Test
    void clearDifferenceFromSamplesIsFaster() {
        ForkAwareComparison c = compare(new double[] {20_000, 20_300}, new double[] {30_000, 30_400}, 4, 2_000, 0.3, 35);
        assertThat(verdict(c, ForkAwareComparison.Judgement.FASTER)).matches("NIO detects EOF 1\\.\\d\\dx faster than BLOCKING \\(95% hierarchical CI "
                + "1\\.\\d\\d-1\\.\\d\\d over 2 forks x 4 iterations each; the direction holds in every fork; "
                + "fork-level t-test p [<=] 0\\.0\\d+\\)");
    }

    @Test
    void noDifferenceBeyondForkAndIterationVariation() {
        ForkAwareComparison c = compare(new double[] {25_000, 25_000}, new double[] {25_000, 25_000}, 4, 1_000, 0.3, 37);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NO_DIFFERENCE)).matches("no difference between NIO and BLOCKING for EOF beyond fork-to-fork and iteration "
                + "variation \\(median ratio BLOCKING/NIO [01]\\.\\d\\d+, 95% hierarchical CI [01]\\.\\d\\d+-[01]\\.\\d\\d+ over "
                + "2 forks x 4 iterations each\\)");
    }

    @Test
    void oneForkIsNotJudgedAndTheIterationLevelIntervalIsDescriptive() {
        ForkAwareComparison c = compare(new double[] {20_000, 20_300}, new double[] {30_000}, 4, 1_000, 0.3, 39);

        assertThat(c.faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(c.forkTest()).isEmpty();
        assertThat(verdict(c, ForkAwareComparison.Judgement.NOT_JUDGED)).matches("NIO vs BLOCKING for EOF: one fork of BLOCKING, so fork-to-fork variation is unknown "
                + "\\(one fork: not judged\\); descriptive: median ratio BLOCKING/NIO 1\\.\\d\\d, 95% iteration-level CI "
                + "1\\.\\d\\d-1\\.\\d\\d over 2 forks x 4 iterations each \\(NIO\\) and 1 fork x 4 iterations \\(BLOCKING\\)");

        ForkAwareComparison both = compare(new double[] {30_000}, new double[] {30_000}, 4, 1_000, 0.3, 40);
        assertThat(verdict(both, ForkAwareComparison.Judgement.NOT_JUDGED)).startsWith("NIO vs BLOCKING for EOF: one fork each of NIO and BLOCKING, so fork-to-fork");
    }

    @Test
    void oneForkWithOneIterationHasNoIntervalAndSaysSoInWords() {
        ForkAwareComparison c = ForkAwareComparison.of(ForkedSamples.iid(2, 4, 500, 20_000, 0.3, 41),
                ForkedSamples.iid(1, 1, 500, 30_000, 0.3, 42), SETTINGS);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NOT_JUDGED)).matches("NIO vs BLOCKING for EOF: one fork of BLOCKING, so fork-to-fork variation is unknown "
                + "\\(one fork: not judged\\); descriptive: median ratio BLOCKING/NIO 1\\.\\d\\d, no interval: BLOCKING has one "
                + "fork with one iteration over 2 forks x 4 iterations each \\(NIO\\) and 1 fork x 1 iteration \\(BLOCKING\\)");
    }

    @Test
    void handBuiltPartsMustAgree() {
        HierarchicalRatio ratio = new HierarchicalRatio(100, 120, ConfidenceInterval.of(1.1, 1.3, 0.95),
                OptionalDouble.of(0.01), ResampledLevels.FORKS_AND_ITERATIONS, ResampledLevels.ITERATIONS_ONLY, BOTH, "1 fork x 4 iterations");
        assertThatThrownBy(() -> ForkAwareComparison.of(ratio, new long[] {100, 101}, new long[] {120, 121}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fork medians of B");
        assertThatThrownBy(() -> ForkAwareComparison.of(ratio, new long[] {100, 101}, new long[] {120}).describe("NIO", " ", "EOF"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelB");
    }

    // ---------------------------------------------------------------- sentences from hand-built parts

    @Test
    void aFasterIsSaidWithItsFactorIntervalAndForkTest() {
        // ratio = 131000 / 100000 = 1.31 > 1: A (NIO) is faster
        long[] a = {99_000, 101_000};
        long[] b = {130_000, 132_000};
        assertThat(verdict(handBuilt(100_000, 131_000, 1.22, 1.40, a, b), ForkAwareComparison.Judgement.FASTER))
                .isEqualTo("NIO detects EOF 1.31x faster than BLOCKING (95% hierarchical CI 1.22-1.40 over " + BOTH
                        + "; the direction holds in every fork; fork-level t-test " + forkP(a, b) + ")");
        assertThat(forkP(a, b)).isEqualTo("p = 0.0022");
    }

    @Test
    void noDifferenceIsSaidWithTheIntervalThatShowsHowLargeADifferenceRemainsPossible() {
        assertThat(verdict(handBuilt(100_000, 102_000, 0.97, 1.08, new long[] {99_000, 101_000},
                new long[] {101_000, 103_000}), ForkAwareComparison.Judgement.NO_DIFFERENCE)).isEqualTo(
                "no difference between NIO and BLOCKING for EOF beyond fork-to-fork and iteration variation "
                + "(median ratio BLOCKING/NIO 1.02, 95% hierarchical CI 0.97-1.08 over " + BOTH + ")");
    }

    @Test
    void anIntervalExcludingOneIsNotEnoughWithoutASignificantForkTest() {
        // every NIO fork below every BLOCKING fork, interval above 1, but the forks' t-test gives p = 0.22
        long[] a = {99_000, 101_000};
        long[] b = {101_500, 103_500};
        ForkAwareComparison c = handBuilt(100_000, 120_000, 1.05, 1.40, a, b);
        assertThat(c.forkTest().orElseThrow().pValue()).isCloseTo(forkPValue(a, b), within(1e-12)).isGreaterThan(0.05);
        assertThat(verdict(c, ForkAwareComparison.Judgement.TOO_FEW_FORKS)).isEqualTo("NIO detects EOF faster than "
                + "BLOCKING in every fork (1.20x pooled, 95% hierarchical CI 1.05-1.40 over " + BOTH + "), but 2 forks "
                + "per side are too few to rule out fork-to-fork variation (fork-level t-test " + forkP(a, b) + ")");
        assertThat(c.faster()).isEqualTo(FasterSide.NEITHER);
    }

    @Test
    void aSignificantForkTestIsNotEnoughWhenTheIntervalIncludesOne() {
        long[] a = {99_000, 101_000};
        long[] b = {109_000, 111_000};
        ForkAwareComparison c = handBuilt(100_000, 110_000, 0.98, 1.25, a, b);
        assertThat(c.forkTest().orElseThrow().pValue()).isCloseTo(forkPValue(a, b), within(1e-12)).isLessThan(0.05);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NO_DIFFERENCE)).isEqualTo("no difference between NIO "
                + "and BLOCKING for EOF beyond fork-to-fork and iteration variation (median ratio BLOCKING/NIO 1.10, "
                + "95% hierarchical CI 0.98-1.25 over " + BOTH + ")");
    }

    @Test
    void smallButRealEffectsGetEnoughDecimalsToStayAwayFromOne() {
        // at two decimals this would read "1.00x faster (95% hierarchical CI 1.00-1.01)"
        long[] a = {1_000_000, 1_000_100};
        long[] b = {1_004_000, 1_004_100};
        assertThat(verdict(handBuilt(1_000_000, 1_004_000, 1.002, 1.006, a, b), ForkAwareComparison.Judgement.FASTER))
                .isEqualTo("NIO detects EOF 1.004x faster than BLOCKING (95% hierarchical CI 1.002-1.006 over " + BOTH
                        + "; the direction holds in every fork; fork-level t-test p < 0.001)");
    }

    @Test
    void aForkTestJustBelowAlphaIsNotRoundedUpToIt() {
        // t-test on the log fork medians: p = 0.04976, which two digits would show as 0.050
        long[] a = {100_000, 100_300};
        long[] b = {115_000, 125_000};
        assertThat(forkPValue(a, b)).isBetween(0.0495, 0.05);
        assertThat(verdict(handBuilt(100_000, 120_000, 1.05, 1.40, a, b), ForkAwareComparison.Judgement.FASTER))
                .startsWith("NIO detects EOF 1.20x faster").endsWith("fork-level t-test p = 0.0498)");
    }

    @Test
    void theIntervalsLevelSetsTheForkTestsAlpha() {
        // fork-level p = 0.0298: below 0.05, the alpha of a 95% interval; above 0.01, that of a 99% one
        long[] a = {100_000, 100_000};
        long[] b = {116_900, 125_000};
        assertThat(forkPValue(a, b)).isBetween(0.0295, 0.0305);
        assertThat(handBuilt(100_000, 120_000, 1.05, 1.40, 0.95, a, b).judgement())
                .isEqualTo(ForkAwareComparison.Judgement.FASTER);
        assertThat(handBuilt(100_000, 120_000, 1.05, 1.40, 0.99, a, b).judgement())
                .isEqualTo(ForkAwareComparison.Judgement.TOO_FEW_FORKS);
    }

    @Test
    void theIntervalReadsASideOnlyWhereItAndThePointEstimateAgree() {
        ConfidenceInterval above = ConfidenceInterval.of(1.1, 1.3, 0.95);
        ConfidenceInterval straddling = ConfidenceInterval.of(0.9, 1.3, 0.95);
        ConfidenceInterval below = ConfidenceInterval.of(0.7, 0.9, 0.95);
        ConfidenceInterval undefined = ConfidenceInterval.undefined(0.95, "too few");

        assertThat(ratio(100, 120, above).faster()).isEqualTo(FasterSide.A);
        assertThat(ratio(100, 120, straddling).faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(ratio(100, 80, below).faster()).isEqualTo(FasterSide.B);
        assertThat(ratio(100, 95, above).faster()).isEqualTo(FasterSide.NEITHER); // point says B
        assertThat(ratio(100, 120, undefined).faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(ratio(100, 100, above).faster()).isEqualTo(FasterSide.NEITHER); // point says neither
    }

    @Test
    void rejectsImpossibleParts() {
        ConfidenceInterval ci = ConfidenceInterval.of(1.1, 1.3, 0.95);
        assertThatThrownBy(() -> ratio(0, 120, ci))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("medians must be positive");
        assertThatThrownBy(() -> new HierarchicalRatio(100, 120, ci, OptionalDouble.of(Double.NaN),
                ResampledLevels.FORKS_AND_ITERATIONS, ResampledLevels.FORKS_AND_ITERATIONS, BOTH, BOTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value");
        assertThatThrownBy(() -> new HierarchicalRatio(100, 120, ConfidenceInterval.undefined(0.95, "too few"),
                OptionalDouble.of(0.5), ResampledLevels.NOTHING, ResampledLevels.NOTHING, BOTH, BOTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a p-value belongs to a defined interval");
        assertThatThrownBy(() -> ForkAwareComparison.of(ForkedLatency.oneProcess(new long[] {5, -1}),
                ForkedLatency.oneProcess(new long[] {5, 6}), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1] = -1");
    }

    @Test
    void anUndefinedIntervalIsSaidInWordsWithoutNaN() {
        HierarchicalRatio ratio = new HierarchicalRatio(100, 150, ConfidenceInterval.undefined(0.95,
                "A and B each has one fork with one iteration: there is no fork or iteration to resample"),
                OptionalDouble.empty(), ResampledLevels.NOTHING, ResampledLevels.NOTHING, "1 fork x 1 iteration",
                "1 fork x 1 iteration");
        assertThat(verdict(ForkAwareComparison.of(ratio, new long[] {100}, new long[] {150}),
                ForkAwareComparison.Judgement.NOT_JUDGED)).isEqualTo("NIO vs BLOCKING for EOF: one fork each of NIO and "
                + "BLOCKING, so fork-to-fork variation is unknown (one fork: not judged); descriptive: median ratio "
                + "BLOCKING/NIO 1.50, no interval: NIO has one fork with one iteration over 1 fork x 1 iteration");
    }

    // ---------------------------------------------------------------- one process per side: described, never judged

    @Test
    void textbookProcessesGiveHandComputedMediansAndRatioAndAreNotJudged() {
        // medians 135 and 200 (ForkedLatencyTest), ratio = 200 / 135 = 1.4815; bootstrap p in HierarchicalBootstrapTest
        ForkAwareComparison c = ForkAwareComparison.of(ForkedLatency.oneProcess(new long[] {170, 110, 190, 135, 120, 150}),
                ForkedLatency.oneProcess(new long[] {200, 140, 250, 180, 230, 160, 210}), SETTINGS);
        assertThat(c.ratio().medianA()).isEqualTo(135);
        assertThat(c.ratio().medianB()).isEqualTo(200);
        assertThat(c.ratio().ratio()).isCloseTo(200.0 / 135.0, within(1e-15));
        assertThat(c.ratio().confidenceLevel()).isEqualTo(0.95);
        assertThat(c.ratio().interval().isDefined()).isTrue();
        assertThat(c.ratio().designA()).isEqualTo("1 fork x 6 iterations");
        assertThat(c.ratio().designB()).isEqualTo("1 fork x 7 iterations");
        assertThat(c.forkTest()).isEmpty();
        assertThat(c.faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NOT_JUDGED)).startsWith("NIO vs BLOCKING for EOF: one fork "
                + "each of NIO and BLOCKING, so fork-to-fork variation is unknown (one fork: not judged); descriptive: "
                + "median ratio BLOCKING/NIO 1.48, 95% iteration-level CI ");
    }

    @Test
    void aClearlyFasterProcessIsReadByTheIntervalButNotJudged() {
        // true medians 50 us and 75 us: true ratio B/A = 1.5
        long[] a = TestSamples.logNormal(2000, 50_000, 0.4, 31);
        long[] b = TestSamples.logNormal(2000, 75_000, 0.4, 32);
        ForkAwareComparison c = ForkAwareComparison.of(ForkedLatency.oneProcess(a), ForkedLatency.oneProcess(b), SETTINGS);

        assertThat(c.ratio().faster()).isEqualTo(FasterSide.A);
        assertThat(c.ratio().interval().contains(1.5)).isTrue();
        assertThat(c.ratio().interval().contains(c.ratio().ratio())).isTrue();
        // every replicate above 1: the smallest p-value 2000 replicates can give
        assertThat(c.ratio().pValue().getAsDouble()).isEqualTo(1.0 / 2001);
        assertThat(c.faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NOT_JUDGED)).matches("NIO vs BLOCKING for EOF: one fork each "
                + "of NIO and BLOCKING, so fork-to-fork variation is unknown \\(one fork: not judged\\); descriptive: "
                + "median ratio BLOCKING/NIO 1\\.\\d\\d, 95% iteration-level CI 1\\.\\d\\d-1\\.\\d\\d over 1 fork x "
                + "2000 iterations");

        ForkAwareComparison swapped = ForkAwareComparison.of(ForkedLatency.oneProcess(b), ForkedLatency.oneProcess(a),
                SETTINGS);
        assertThat(swapped.ratio().faster()).isEqualTo(FasterSide.B);
        assertThat(swapped.ratio().ratio()).isCloseTo(1.0 / c.ratio().ratio(), within(1e-12));
    }

    @Test
    void theSameProcessTwiceIsNeitherFaster() {
        long[] a = TestSamples.logNormal(500, 50_000, 0.4, 33);
        ForkAwareComparison c = ForkAwareComparison.of(ForkedLatency.oneProcess(a), ForkedLatency.oneProcess(a.clone()),
                SETTINGS);
        assertThat(c.ratio().ratio()).isEqualTo(1.0);
        assertThat(c.ratio().pValue().getAsDouble()).isEqualTo(1.0);
        assertThat(c.ratio().interval().contains(1.0)).isTrue();
        assertThat(c.ratio().faster()).isEqualTo(FasterSide.NEITHER);
    }

    @Test
    void oneValuePerProcessHasNoIntervalAndNoNaN() {
        ForkAwareComparison c = ForkAwareComparison.of(ForkedLatency.oneProcess(new long[] {40_000}),
                ForkedLatency.oneProcess(new long[] {52_000}), SETTINGS);
        assertThat(verdict(c, ForkAwareComparison.Judgement.NOT_JUDGED)).isEqualTo("NIO vs BLOCKING for EOF: one fork "
                + "each of NIO and BLOCKING, so fork-to-fork variation is unknown (one fork: not judged); descriptive: "
                + "median ratio BLOCKING/NIO 1.30, no interval: NIO has one fork with one iteration over 1 fork x 1 iteration");
    }

    @Test
    void rejectsBlankOutcome() {
        ForkAwareComparison c = handBuilt(100_000, 120_000, 1.1, 1.3, new long[] {99_000, 101_000},
                new long[] {119_000, 121_000});
        assertThatThrownBy(() -> c.describe("NIO", "BLOCKING", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> c.describe(" ", "BLOCKING", "EOF"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelA");
    }

    @AfterAll
    static void noSentenceEverContainsNaN() {
        assertThat(SENTENCES).isNotEmpty().noneMatch(s -> s.contains("NaN") || s.contains("Infinity"));
    }
}
