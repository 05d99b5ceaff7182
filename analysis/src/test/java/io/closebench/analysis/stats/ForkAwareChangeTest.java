package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
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
}
