package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkAwareChangeTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(29);

    private static ForkAwareChange change(double[] baselineForks, int baselineIterations, double[] candidateForks,
            int candidateIterations, long seed) {
        return ForkAwareChange.of(ForkedSamples.withForkMedians(baselineForks, baselineIterations, 2_000, 0.05, seed),
                ForkedSamples.withForkMedians(candidateForks, candidateIterations, 2_000, 0.05, seed + 1), SETTINGS);
    }

    private static String sentence(ForkAwareChange change) {
        return ChangeFamily.of(List.of(new ChangeFamily.Figure("NIO RESET", change))).outcomes().get(0).sentence();
    }

    @Test
    void aClearShiftMeetsEveryConditionOfItsOwn() {
        ForkAwareChange c = change(new double[] {20_000, 20_100}, 4, new double[] {26_000, 26_100}, 4, 51);

        assertThat(c.isJudged()).isTrue();
        assertThat(c.relativeChange()).isCloseTo(0.3, within(0.01));
        assertThat(c.relativeChangeInterval().excludes(0.0)).isTrue();
        assertThat(c.intervalExcludesNoChange()).isTrue();
        assertThat(c.exceedsForkSpread()).isTrue();
        assertThat(c.survivesLeavingOutAnyIteration()).isTrue();
        assertThat(c.beyondNoiseOnItsOwn()).isTrue();
        assertThat(c.forkSpread()).isBetween(1.0, 1.02);
        // the family p-value is the larger of bootstrap and fork-level t-test
        double bootstrap = c.comparison().ratio().pValue().getAsDouble();
        double forks = c.comparison().forkTest().orElseThrow().pValue();
        assertThat(c.familyPValue().getAsDouble()).isEqualTo(Math.max(bootstrap, forks));
        assertThat(sentence(c)).matches("NIO RESET: median rose 30% \\(95% hierarchical CI \\+\\d\\d% to \\+\\d\\d% over 2 forks x 4 "
                + "iterations each in both runs; beyond fork-to-fork variation of both runs; significant after "
                + "Benjamini-Hochberg at q = 0.05 over 1 figure\\)");
    }

    @Test
    void aShiftSmallerThanTheForkSpreadOfARunIsWithinNoise() {
        // baseline forks 20 % apart, candidate's pooled median about 15 % above the baseline's: every
        // resample agrees on the direction, but the forks of one run already differ by more
        ForkAwareChange c = change(new double[] {20_000, 24_000}, 4, new double[] {25_000, 25_500}, 4, 53);

        assertThat(c.intervalExcludesNoChange()).isTrue();
        assertThat(c.forkSpreadBaseline()).isCloseTo(1.2, within(0.02));
        assertThat(c.exceedsForkSpread()).isFalse();
        assertThat(c.beyondNoiseOnItsOwn()).isFalse();
        assertThat(sentence(c)).matches("NIO RESET: no change beyond noise: median \\+1\\d% \\(95% hierarchical CI \\+\\d+% to "
                + "\\+\\d+% over 2 forks x 4 iterations each in both runs\\) is within the fork-to-fork variation \\(the "
                + "forks of run A differ by up to 2\\d%\\)");
    }

    @Test
    void aChangeThatNeedsOneParticularIterationIsWithinNoise() {
        // candidate: 2 forks of one iteration each, at 20 us and 30 us, against a tight 15-us baseline.
        // Pooled the candidate is about 58 % slower, more than its forks' 50 % spread, and every
        // resample is slower; but leave out the 30-us iteration and the change is 33 %, within that spread.
        ForkAwareChange c = change(new double[] {15_000, 15_000}, 4, new double[] {20_000, 30_000}, 1, 55);

        assertThat(c.intervalExcludesNoChange()).isTrue();
        assertThat(c.exceedsForkSpread()).isTrue();
        assertThat(c.survivesLeavingOutAnyIteration()).isFalse();
        ForkAwareChange.LeftOut weakest = c.weakestLeftOut().orElseThrow();
        assertThat(weakest.run()).isEqualTo("candidate");
        assertThat(weakest.forkId()).isEqualTo(1001);
        assertThat(weakest.iteration()).isZero();
        assertThat(weakest.ratio()).isCloseTo(4.0 / 3, within(0.02));
        assertThat(sentence(c)).matches("NIO RESET: no change beyond noise: median \\+5\\d% \\(95% hierarchical CI \\+\\d+% to "
                + "\\+\\d+% over 2 forks x 4 iterations each \\(run A\\) and 2 forks x 1 iteration each \\(run B\\)\\) exceeds "
                + "the fork-to-fork variation \\(the forks of run B differ by up to 5\\d%\\) only with every iteration in: "
                + "without iteration 1 of fork 1001 in run B it is \\+3\\d%");
    }

    @Test
    void aRerunWithinNoiseSaysSoWithItsInterval() {
        ForkAwareChange c = change(new double[] {20_000, 20_400}, 4, new double[] {20_100, 20_300}, 4, 57);
        assertThat(c.intervalExcludesNoChange()).isFalse();
        assertThat(sentence(c)).matches("NIO RESET: no change beyond noise \\(median [+-]?\\d\\.?\\d*%, 95% hierarchical CI "
                + "-\\d\\.?\\d*% to \\+\\d\\.?\\d*% over 2 forks x 4 iterations each in both runs\\)");
    }

    @Test
    void oneForkInARunIsNotJudged() {
        ForkAwareChange c = change(new double[] {20_000, 20_100}, 4, new double[] {26_000}, 4, 59);

        assertThat(c.isJudged()).isFalse();
        assertThat(c.familyPValue()).isEmpty();
        assertThat(c.beyondNoiseOnItsOwn()).isFalse();
        assertThat(sentence(c)).matches("NIO RESET: run-to-run noise is unknown \\(one fork in run B\\): not judged \\(median "
                + "\\+\\d\\d%, 95% iteration-level CI \\+\\d\\d% to \\+\\d\\d% over 2 forks x 4 iterations each \\(run A\\) and "
                + "1 fork x 4 iterations \\(run B\\)\\)");

        ForkAwareChange single = change(new double[] {20_000}, 1, new double[] {26_000, 26_100}, 4, 61);
        assertThat(sentence(single)).matches("NIO RESET: run-to-run noise is unknown \\(one fork in run A\\): not judged \\(median "
                + "\\+\\d\\d\\.\\d%, no interval: run A has one fork with one iteration\\)");
    }

    // ---------------------------------------------------------------- one process per run, and hand-computed sentences

    /** Forks of one-value iterations, held exactly (a 5-digit histogram resolves every value below 262 144). */
    private static ForkedLatency exactForks(long[]... forks) {
        List<ForkedLatency.Fork> out = new java.util.ArrayList<>();
        for (int f = 0; f < forks.length; f++) {
            List<org.HdrHistogram.Histogram> iterations = new java.util.ArrayList<>();
            for (long v : forks[f]) {
                org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(5);
                h.recordValue(v);
                iterations.add(h);
            }
            out.add(new ForkedLatency.Fork(100 + f, iterations));
        }
        return ForkedLatency.of(out);
    }

    private static ForkAwareChange oneProcessEach(long[] baseline, long[] candidate) {
        return ForkAwareChange.of(ForkedLatency.oneProcess(baseline), ForkedLatency.oneProcess(candidate), SETTINGS);
    }

    @Test
    void aTwentyPercentSlowerProcessIsOutsideItsIntervalButNotJudged() {
        // candidate = baseline * 6/5 value by value (baseline values are multiples of 5, so exactly),
        // hence median(candidate) / median(baseline) - 1 = 0.2
        long[] baseline = TestSamples.logNormal(1000, 60_000, 0.4, 51);
        long[] candidate = new long[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 5 * baseline[i];
            candidate[i] = baseline[i] / 5 * 6;
        }
        ForkAwareChange change = oneProcessEach(baseline, candidate);

        assertThat(change.relativeChange()).isCloseTo(0.2, within(1e-12));
        assertThat(change.relativeChangeInterval().contains(0.2)).isTrue();
        assertThat(change.relativeChangeInterval().excludes(0.0)).isTrue();
        assertThat(change.intervalExcludesNoChange()).isTrue();
        assertThat(change.isJudged()).isFalse();
        assertThat(change.beyondNoiseOnItsOwn()).isFalse();
        assertThat(sentence(change)).matches("NIO RESET: run-to-run noise is unknown \\(one fork in run A and run B\\): "
                + "not judged \\(median \\+20%, 95% iteration-level CI \\+1\\d% to \\+2\\d% over 1 fork x 1000 "
                + "iterations in both runs\\)");
    }

    @Test
    void aFasterProcessFallsOutsideItsIntervalButIsNotJudged() {
        ForkAwareChange change = oneProcessEach(TestSamples.logNormal(1000, 60_000, 0.4, 52),
                TestSamples.logNormal(1000, 45_000, 0.4, 53));
        assertThat(change.intervalExcludesNoChange()).isTrue();
        assertThat(change.relativeChange()).isNegative();
        assertThat(change.isJudged()).isFalse();
        assertThat(sentence(change)).startsWith("NIO RESET: run-to-run noise is unknown (one fork in run A and run B): "
                + "not judged (median -");
    }

    @Test
    void aRerunOfTheSameProcessIsWithinItsInterval() {
        long[] baseline = TestSamples.logNormal(1000, 60_000, 0.4, 54);
        ForkAwareChange change = oneProcessEach(baseline, baseline.clone());
        assertThat(change.relativeChange()).isZero();
        assertThat(change.intervalExcludesNoChange()).isFalse();
        assertThat(sentence(change)).startsWith("NIO RESET: run-to-run noise is unknown (one fork in run A and run B): "
                + "not judged (median 0%, 95% iteration-level CI -");
    }

    @Test
    void aConstantShiftOfTwoForksPerRunRoseBeyondNoise() {
        // every value 100 000 ns in run A, 112 300 ns in run B: every replicate ratio is 1.123, the interval
        // [1.123, 1.123]; fork spread 1 in both runs; fork-level t-test p = 0 (no spread, a difference);
        // bootstrap p = 1/2001; one figure, so Benjamini-Hochberg keeps it. Percentages at 0 decimals keep
        // the bounds off 0.
        ForkAwareChange change = ForkAwareChange.of(exactForks(new long[] {100_000, 100_000}, new long[] {100_000, 100_000}),
                exactForks(new long[] {112_300, 112_300}, new long[] {112_300, 112_300}), SETTINGS);

        assertThat(change.relativeChange()).isCloseTo(0.123, within(1e-12));
        assertThat(change.relativeChangeInterval().low()).isCloseTo(0.123, within(1e-12));
        assertThat(change.relativeChangeInterval().high()).isCloseTo(0.123, within(1e-12));
        assertThat(change.comparison().forkTest().orElseThrow().pValue()).isZero();
        assertThat(change.familyPValue().getAsDouble()).isEqualTo(1.0 / 2001);
        assertThat(change.beyondNoiseOnItsOwn()).isTrue();
        assertThat(sentence(change)).isEqualTo("NIO RESET: median rose 12% (95% hierarchical CI +12% to +12% over 2 forks "
                + "x 2 iterations each in both runs; beyond fork-to-fork variation of both runs; significant after "
                + "Benjamini-Hochberg at q = 0.05 over 1 figure)");
    }

    @Test
    void aSmallShiftWithinItsIntervalIsNoChangeBeyondNoise() {
        // run A: 100 000 ns throughout. Run B: two forks, each of the iterations 99 200, 101 200, 103 100 ns;
        // pooled median = 3rd of 6 = 101 200 (+1.2 %). A replicate draws 6 iterations from the three values
        // (the forks are alike) and takes the 3rd smallest: 99 200 when 3 or more are 99 200,
        // P = (20 x 8 + 15 x 4 + 6 x 2 + 1) / 729 = 233/729 = 0.32; 103 100 when 4 or more are, P = 73/729 = 0.10.
        // Both exceed 2.5 %: the interval is [99 200, 103 100] / 100 000 - 1 = [-0.8 %, +3.1 %].
        long[] iterations = {99_200, 101_200, 103_100};
        long[] flat = {100_000, 100_000, 100_000};
        ForkAwareChange change = ForkAwareChange.of(exactForks(flat, flat), exactForks(iterations, iterations), SETTINGS);

        assertThat(change.relativeChange()).isCloseTo(0.012, within(1e-12));
        assertThat(change.relativeChangeInterval().low()).isCloseTo(-0.008, within(1e-12));
        assertThat(change.relativeChangeInterval().high()).isCloseTo(0.031, within(1e-12));
        assertThat(change.intervalExcludesNoChange()).isFalse();
        assertThat(sentence(change)).isEqualTo("NIO RESET: no change beyond noise (median +1%, 95% hierarchical CI -1% "
                + "to +3% over 2 forks x 3 iterations each in both runs)");
    }

    @Test
    void oneValueInARunHasNoIntervalAndSaysWhy() {
        ForkAwareChange change = oneProcessEach(new long[] {100}, new long[] {150, 160});
        assertThat(change.isJudged()).isFalse();
        assertThat(change.relativeChangeInterval().isDefined()).isFalse();
        assertThat(sentence(change)).isEqualTo("NIO RESET: run-to-run noise is unknown (one fork in run A and run B): "
                + "not judged (median +50.0%, no interval: run A has one fork with one iteration)");
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> oneProcessEach(new long[0], new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SETTINGS.withConfidenceLevel(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence level");
    }
}
