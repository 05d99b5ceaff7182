package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        HierarchicalRatio ratio = new HierarchicalRatio(medianA, medianB, ConfidenceInterval.of(low, high, 0.95),
                OptionalDouble.of(1.0 / 2001), ResampledLevels.FORKS_AND_ITERATIONS, ResampledLevels.FORKS_AND_ITERATIONS,
                BOTH, BOTH);
        return ForkAwareComparison.of(ratio, forksA, forksB);
    }

    private static String forkP(long[] a, long[] b) {
        double[] x = Arrays.stream(a).mapToDouble(Math::log).toArray();
        double[] y = Arrays.stream(b).mapToDouble(Math::log).toArray();
        return ReportFormat.pValue(new TTest().homoscedasticTTest(x, y), 0.05);
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

    @AfterAll
    static void noSentenceEverContainsNaN() {
        assertThat(SENTENCES).isNotEmpty().noneMatch(s -> s.contains("NaN") || s.contains("Infinity"));
    }
}
