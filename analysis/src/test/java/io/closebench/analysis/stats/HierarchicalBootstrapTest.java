package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HierarchicalBootstrapTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(17);

    /**
     * The bootstrap that treats all values pooled as independent: the same values as one process,
     * each value an iteration of its own, so that resampling iterations resamples values.
     */
    private static ConfidenceInterval pooledAsIndependentValues(ForkedLatency sample, double q) {
        return HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(ForkedSamples.values(sample.pooled())), q, SETTINGS)
                .interval();
    }

    @Test
    void bimodalIterationsMakeTheHierarchicalIntervalFarWiderThanThePooledOne() {
        // the situation on this VM: iterations alternately centred at 11 us and 41 us; 4 of 6 at 11 us
        ForkedLatency sample = ForkedSamples.of(new double[][] {{11_000, 41_000, 11_000}, {11_000, 41_000, 11_000}},
                5_000, 0.2, 3);
        HierarchicalQuantile hierarchical = HierarchicalBootstrap.quantile(sample, 0.5, SETTINGS);
        ConfidenceInterval pooled = pooledAsIndependentValues(sample, 0.5);

        // pooled: 30 000 "independent" values put the median within a few hundred ns near 12.6 us;
        // resampling iterations lets the share of 41-us iterations vary, and with it the median
        assertThat(hierarchical.interval().width()).isGreaterThan(10 * pooled.width());
        assertThat(hierarchical.interval().high()).isGreaterThan(20_000);
        assertThat(hierarchical.interval().contains(hierarchical.estimate())).isTrue();
        assertThat(hierarchical.levels()).isEqualTo(ResampledLevels.FORKS_AND_ITERATIONS);
        assertThat(hierarchical.caveat()).isEmpty();
        assertThat(hierarchical.estimate()).isEqualTo(sample.pooledMedian());
    }

    @Test
    void onIidDataTheIntervalIsAboutAsWideAsThePooledBootstrap() {
        // i.i.d. values split into 4 forks x 10 iterations. Expected width ratio: sqrt((F-1)/F + (m-1)/m)
        // = sqrt(0.75 + 0.9) = 1.28 (see HierarchicalBootstrap), but with 4 forks the fork-level term is
        // estimated from 3 degrees of freedom, so one data set alone scatters from about 0.8 to 2.0
        // (1st-99th percentile, simulated). The median over five data sets is stable: 0.98-1.58 at
        // the same percentiles; the bounds below leave a further margin for bucket quantisation.
        double[] ratios = new double[5];
        for (int seed = 0; seed < ratios.length; seed++) {
            ForkedLatency sample = ForkedSamples.iid(4, 10, 250, 40_000, 0.5, 100 + seed);
            double hierarchical = HierarchicalBootstrap.quantile(sample, 0.5, SETTINGS).interval().width();
            double pooled = pooledAsIndependentValues(sample, 0.5).width();
            ratios[seed] = hierarchical / pooled;
        }
        Arrays.sort(ratios);
        assertThat(ratios[2]).as("median width ratio of %s", Arrays.toString(ratios)).isBetween(0.85, 1.75);
    }

    @Test
    void sameInputSameSettingsGiveTheIdenticalResult() {
        ForkedLatency a = ForkedSamples.of(new double[][] {{20_000, 25_000}, {22_000, 30_000}}, 1_000, 0.4, 5);
        ForkedLatency b = ForkedSamples.of(new double[][] {{20_000, 25_000}, {22_000, 30_000}}, 1_000, 0.4, 5);
        ForkedLatency c = ForkedSamples.of(new double[][] {{30_000, 31_000}, {33_000, 29_000}}, 1_000, 0.4, 6);

        assertThat(HierarchicalBootstrap.quantile(b, 0.9, SETTINGS)).isEqualTo(HierarchicalBootstrap.quantile(a, 0.9, SETTINGS));
        assertThat(HierarchicalBootstrap.medianRatio(b, c, SETTINGS)).isEqualTo(HierarchicalBootstrap.medianRatio(a, c, SETTINGS));
        // 2 x 2 iterations have few distinct resamples, so another seed may well give the same bounds;
        // with 5 forks x 6 iterations it does not
        ForkedLatency rich = ForkedSamples.iid(5, 6, 300, 25_000, 0.4, 15);
        assertThat(HierarchicalBootstrap.quantile(rich, 0.5, SETTINGS.withSeed(18)).interval())
                .isNotEqualTo(HierarchicalBootstrap.quantile(rich, 0.5, SETTINGS).interval());
    }

    @Test
    void oneForkResamplesIterationsOnlyAndSaysSo() {
        ForkedLatency oneFork = ForkedSamples.of(new double[][] {{20_000, 26_000, 21_000, 24_000}}, 1_000, 0.3, 7);
        HierarchicalQuantile q = HierarchicalBootstrap.quantile(oneFork, 0.5, SETTINGS);

        assertThat(q.levels()).isEqualTo(ResampledLevels.ITERATIONS_ONLY);
        assertThat(q.interval().isDefined()).isTrue();
        assertThat(q.caveat()).contains("fork-to-fork variation not included: one fork");

        ForkedLatency twoForks = ForkedSamples.iid(2, 4, 1_000, 25_000, 0.3, 8);
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(twoForks, oneFork, SETTINGS);
        assertThat(ratio.includesForkVariation()).isFalse();
        assertThat(ratio.intervalName()).isEqualTo("iteration-level");
        assertThat(ratio.caveat()).contains("fork-to-fork variation not included: B has one fork");
        assertThat(ratio.pValue()).isPresent();
    }

    @Test
    void oneForkWithOneIterationHasNoIntervalAndSaysWhy() {
        ForkedLatency single = ForkedSamples.iid(1, 1, 1_000, 25_000, 0.3, 9);
        HierarchicalQuantile q = HierarchicalBootstrap.quantile(single, 0.5, SETTINGS);
        assertThat(q.levels()).isEqualTo(ResampledLevels.NOTHING);
        assertThat(q.interval().isDefined()).isFalse();
        assertThat(q.interval().undefinedReason())
                .contains("the sample has one fork with one iteration: there is no fork or iteration to resample");
        assertThat(q.estimate()).isEqualTo(single.pooledMedian());

        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedSamples.iid(2, 2, 100, 25_000, 0.3, 10), single, SETTINGS);
        assertThat(ratio.interval().undefinedReason()).hasValueSatisfying(r -> assertThat(r).startsWith("B has one fork"));
        assertThat(ratio.pValue()).isEmpty();
        assertThat(ratio.faster()).isEqualTo(FasterSide.NEITHER);
    }

    @Test
    void clearRatioHasTheFlooredPValueAndTheRightDirection() {
        ForkedLatency fast = ForkedSamples.withForkMedians(new double[] {20_000, 20_400}, 4, 2_000, 0.3, 11);
        ForkedLatency slow = ForkedSamples.withForkMedians(new double[] {30_000, 30_500}, 4, 2_000, 0.3, 12);
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(fast, slow, SETTINGS);

        assertThat(ratio.ratio()).isBetween(1.4, 1.6);
        assertThat(ratio.interval().low()).isGreaterThan(1.3);
        assertThat(ratio.faster()).isEqualTo(FasterSide.A);
        // every replicate above 1: 2 x 0 / 2000 floored at 1 / 2001
        assertThat(ratio.pValue().getAsDouble()).isEqualTo(1.0 / 2001);
        assertThat(HierarchicalBootstrap.medianRatio(slow, fast, SETTINGS).faster()).isEqualTo(FasterSide.B);
    }

    @Test
    void identicalGroupsGiveAPValueOfOne() {
        ForkedLatency a = ForkedSamples.iid(2, 3, 500, 25_000, 0.3, 13);
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(a, a, SETTINGS);
        assertThat(ratio.ratio()).isEqualTo(1.0);
        assertThat(ratio.interval().contains(1.0)).isTrue();
        assertThat(ratio.pValue().getAsDouble()).isGreaterThan(0.3);
    }

    @Test
    void twoSidedPValueRule() {
        assertThat(HierarchicalBootstrap.twoSidedP(50, 1950, 2000)).isEqualTo(0.05);
        assertThat(HierarchicalBootstrap.twoSidedP(0, 2000, 2000)).isEqualTo(1.0 / 2001);
        assertThat(HierarchicalBootstrap.twoSidedP(1500, 1500, 2000)).isEqualTo(1.0); // ties at exactly 1
    }

    @Test
    void zeroLatencyCannotEnterARatio() {
        Histogram withZero = new Histogram(3);
        withZero.recordValue(0);
        withZero.recordValue(10);
        ForkedLatency zero = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(withZero, withZero))));
        ForkedLatency fine = ForkedSamples.iid(2, 2, 100, 1_000, 0.3, 14);
        assertThatThrownBy(() -> HierarchicalBootstrap.medianRatio(fine, zero, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group B recorded a latency of 0 ns");
        assertThatThrownBy(() -> HierarchicalBootstrap.quantile(fine, 1.0, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly between 0 and 1");
    }

    // ---------------------------------------------------------------- one process: values resampled as iterations

    @Test
    void oneProcessOfTwoValuesGivesTheWholeRangeForTheMedian() {
        // {10, 20}: a resample of 2 iterations has R-1 median = ceil(2 * 0.5) = 1st smallest, i.e. 10 unless
        // both draws are 20 (probability 1/4). Of 2000 replicates about 500 are 20 and 1500 are 10.
        // The interval reads the 50th and 1950th smallest replicate: the 50th is 10 unless fewer than
        // 50 tens were drawn, the 1950th is 20 unless fewer than 51 twenties were; both failures have
        // probability below 1e-100. An averaging median would give 15 at one end.
        HierarchicalQuantile q = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(new long[] {20, 10}), 0.5, SETTINGS);
        assertThat(q.interval().low()).isEqualTo(10.0);
        assertThat(q.interval().high()).isEqualTo(20.0);
        assertThat(q.interval().level()).isEqualTo(0.95);
        assertThat(q.estimate()).isEqualTo(10);
        assertThat(q.levels()).isEqualTo(ResampledLevels.ITERATIONS_ONLY);
    }

    @Test
    void oneProcessSameSeedSameIntervalAndOtherSeedOtherInterval() {
        long[] samples = TestSamples.logNormal(500, 50_000, 0.6, 1);
        HierarchicalQuantile first = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(samples), 0.5, SETTINGS);
        HierarchicalQuantile second = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(samples.clone()), 0.5, SETTINGS);
        HierarchicalQuantile otherSeed = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(samples), 0.5,
                SETTINGS.withSeed(8));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.interval()).isNotEqualTo(first.interval());
    }

    @Test
    void oneProcessIntervalContainsTheSampleQuantileAndNarrowsWithMoreValues() {
        long[] small = TestSamples.logNormal(100, 50_000, 0.6, 3);
        long[] large = TestSamples.logNormal(10_000, 50_000, 0.6, 4);
        ConfidenceInterval smallCi = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(small), 0.5, SETTINGS).interval();
        ConfidenceInterval largeCi = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(large), 0.5, SETTINGS).interval();

        assertThat(smallCi.contains(EmpiricalQuantile.of(small, 0.5))).isTrue();
        assertThat(largeCi.contains(EmpiricalQuantile.of(large, 0.5))).isTrue();
        // width scales like 1/sqrt(n): 100x the values, about a tenth of the width; demand a quarter
        assertThat(largeCi.width()).isLessThan(smallCi.width() / 4);
        // and both cover the true median exp(ln 50000) = 50000 of the generating distribution
        assertThat(smallCi.contains(50_000)).isTrue();
        assertThat(largeCi.contains(50_000)).isTrue();
    }

    @Test
    void oneProcessOfOneValueHasNoIntervalAndBadInputIsAnError() {
        HierarchicalQuantile q = HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(new long[] {5}), 0.5, SETTINGS);
        assertThat(q.interval().isDefined()).isFalse();
        assertThat(q.interval().undefinedReason())
                .contains("the sample has one fork with one iteration: there is no fork or iteration to resample");

        assertThatThrownBy(() -> ForkedLatency.oneProcess(new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> HierarchicalBootstrap.quantile(ForkedLatency.oneProcess(new long[] {1, 2}), 1.0, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly between 0 and 1");
    }

    @Test
    void constantProcessesGiveADegenerateRatioIntervalAtTheirRatio() {
        // every resample of {100, 100} has median 100 and of {300, 300} median 300: all replicates are 3
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(new long[] {100, 100}),
                ForkedLatency.oneProcess(new long[] {300, 300}), SETTINGS);
        assertThat(ratio.interval().low()).isEqualTo(3.0);
        assertThat(ratio.interval().high()).isEqualTo(3.0);
        // every replicate above 1: 2 x 0 / 2000 floored at 1 / 2001
        assertThat(ratio.pValue().getAsDouble()).isEqualTo(1.0 / 2001);
    }

    @Test
    void smallDiscreteRatioMatchesHandReasoning() {
        // A = {100, 100, 100}: every replicate median is 100.
        // B = {200, 200, 400}: R-1 median of 3 draws = 2nd smallest = 400 iff at least two draws are 400:
        //   P = 3 (1/3)^2 (2/3) + (1/3)^3 = 7/27 = 0.259, so about 519 of 2000 replicate ratios are 4, the rest 2.
        // The 50th smallest replicate is 2 and the 1950th is 4 unless fewer than 51 fours were drawn
        // (expected 519, sd 20): the interval is [2, 4].
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(new long[] {100, 100, 100}),
                ForkedLatency.oneProcess(new long[] {400, 200, 200}), SETTINGS);
        assertThat(ratio.interval().low()).isEqualTo(2.0);
        assertThat(ratio.interval().high()).isEqualTo(4.0);
        assertThat(ratio.ratio()).isEqualTo(2.0);
    }

    @Test
    void exactlyScaledProcessContainsTheScaleAndExcludesOne() {
        long[] a = TestSamples.logNormal(400, 40_000, 0.5, 21);
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = 2 * a[i];
        }
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(a), ForkedLatency.oneProcess(b),
                SETTINGS);
        assertThat(ratio.ratio()).isEqualTo(2.0);
        assertThat(ratio.interval().contains(2.0)).isTrue();
        assertThat(ratio.interval().excludes(1.0)).isTrue();
        assertThat(ratio.intervalName()).isEqualTo("iteration-level");
        assertThat(ratio.caveat()).contains("fork-to-fork variation not included: A and B each have one fork");
    }

    @Test
    void oneProcessRatioIsDeterministicForASeed() {
        ForkedLatency a = ForkedLatency.oneProcess(TestSamples.logNormal(300, 40_000, 0.5, 22));
        ForkedLatency b = ForkedLatency.oneProcess(TestSamples.logNormal(300, 44_000, 0.5, 23));
        assertThat(HierarchicalBootstrap.medianRatio(a, b, SETTINGS)).isEqualTo(HierarchicalBootstrap.medianRatio(a, b, SETTINGS));
        assertThat(HierarchicalBootstrap.medianRatio(a, b, SETTINGS.withSeed(100)).interval())
                .isNotEqualTo(HierarchicalBootstrap.medianRatio(a, b, SETTINGS).interval());
    }

    @Test
    void oneProcessRatioGuardRails() {
        HierarchicalRatio tooFew = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(new long[] {100}),
                ForkedLatency.oneProcess(new long[] {200, 300}), SETTINGS);
        assertThat(tooFew.interval().isDefined()).isFalse();
        assertThat(tooFew.interval().undefinedReason())
                .contains("A has one fork with one iteration: there is no fork or iteration to resample");
        assertThat(tooFew.pValue()).isEmpty();

        assertThatThrownBy(() -> HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(new long[] {100, 0}),
                ForkedLatency.oneProcess(new long[] {200, 300}), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group A recorded a latency of 0 ns")
                .hasMessageContaining("strictly positive");
    }

    // ---------------------------------------------------------------- the bootstrap p-value, computed by hand

    /** Many replicates, so that the Monte-Carlo error of a p-value is a few parts in ten thousand. */
    private static final BootstrapSettings MANY = SETTINGS.withResamples(200_000);

    @Test
    void textbookProcessesGiveTheExactBootstrapTailArea() {
        // A = {110 120 135 150 170 190}, B = {140 160 180 200 210 230 250}, each one process, resampled
        // with replacement at its own size. The R-1 median of a resample is its 3rd (A) or 4th (B)
        // smallest, so P*(median <= x) = P(Binomial(n, F(x)) >= rank), F(x) the share of values <= x:
        //   A: 110: P(Bin(6, 1/6) >= 3) = 0.0623, 120: P(Bin(6, 2/6) >= 3) = 0.3196, 135: 0.6562,
        //      150: 0.8999, 170: 0.9913, 190: 1
        //   B: 140: P(Bin(7, 1/7) >= 4) = 0.0102, 160: P(Bin(7, 2/7) >= 4) = 0.1083, 180: 0.3469,
        //      200: 0.6531, 210: 0.8917, 230: 0.9898, 250: 1
        // Summing P(median A = a) P(median B <= a) over a: P*(ratio <= 1) = 147847001 / 9605805552
        // = 0.015391, and P*(ratio >= 1) = 0.984609 (no replicate can tie: A and B share no value).
        // p = 2 min(...) = 0.030783. (Mann-Whitney on the same values: 0.0321.) The Monte-Carlo sd of
        // p at 200 000 replicates is 2 sqrt(0.0154 x 0.9846 / 200 000) = 0.00055.
        long[] a = {170, 110, 190, 135, 120, 150};
        long[] b = {200, 140, 250, 180, 230, 160, 210};
        HierarchicalRatio forward = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(a), ForkedLatency.oneProcess(b),
                MANY);
        HierarchicalRatio backward = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(b), ForkedLatency.oneProcess(a),
                MANY);

        assertThat(forward.medianA()).isEqualTo(135);
        assertThat(forward.medianB()).isEqualTo(200);
        assertThat(forward.ratio()).isCloseTo(200.0 / 135.0, within(1e-15));
        assertThat(forward.pValue().getAsDouble()).isCloseTo(0.030782842771414867, within(0.0025));
        assertThat(forward.pValue().getAsDouble()).isNotCloseTo(0.0321, within(0.0005)); // not Mann-Whitney's
        // swapping the groups mirrors the direction but not the p-value
        assertThat(backward.ratio()).isCloseTo(1.0 / forward.ratio(), within(1e-15));
        assertThat(backward.pValue().getAsDouble()).isCloseTo(0.030782842771414867, within(0.0025));
        // P*(ratio <= 1) = 1.5 % < 2.5 %: the 95 % interval lies above 1 for A, below 1 swapped
        assertThat(forward.faster()).isEqualTo(FasterSide.A);
        assertThat(backward.faster()).isEqualTo(FasterSide.B);
    }

    @Test
    void tiedReplicatesCountOnBothSides() {
        // A = {1, 2, 2, 3}, B = {2, 3, 4, 5}: medians are the 2nd smallest of 4 draws.
        //   A: P(m = 1) = P(Bin(4, 1/4) >= 2) = 67/256, P(m <= 2) = P(Bin(4, 3/4) >= 2) = 243/256, P(m = 3) = 13/256
        //   B: P(m = 2) = 67/256, P(m <= 3) = P(Bin(4, 1/2) >= 2) = 11/16, P(m <= 4) = 243/256
        // P*(mB <= mA) = P(mA = 2) P(mB <= 2) + P(mA = 3) P(mB <= 3) = (176 x 67 + 13 x 176) / 65536
        // = 55/256 = 0.21484 with ties counted; P*(mB >= mA) = 0.98671: p = 2 x 55/256 = 55/128 = 0.4297.
        // Without ties counted on both sides, P*(mB < mA) would be 13/256 x 67/256 = 0.0133 and p 0.027.
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(new long[] {1, 2, 2, 3}),
                ForkedLatency.oneProcess(new long[] {2, 3, 4, 5}), MANY);
        assertThat(ratio.pValue().getAsDouble()).isCloseTo(55.0 / 128, within(0.008));
        assertThat(ratio.pValue().getAsDouble()).isNotCloseTo(0.027, within(0.1));
        assertThat(ratio.medianA()).isEqualTo(2);
        assertThat(ratio.medianB()).isEqualTo(3);
    }

    @Test
    void identicalProcessesGivePOne() {
        // same multiset: P*(mB <= mA) = P*(mB >= mA) = 1/2 + P(tie)/2 = 0.648, so 2 min(...) is capped at 1
        long[] same = {5, 9, 2, 7, 7, 3};
        HierarchicalRatio ratio = HierarchicalBootstrap.medianRatio(ForkedLatency.oneProcess(same),
                ForkedLatency.oneProcess(same.clone()), MANY);
        assertThat(ratio.pValue().getAsDouble()).isEqualTo(1.0);
        assertThat(ratio.ratio()).isEqualTo(1.0);
        assertThat(ratio.faster()).isEqualTo(FasterSide.NEITHER);
    }
}
