package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HierarchicalBootstrapTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(17);

    @Test
    void bimodalIterationsMakeTheHierarchicalIntervalFarWiderThanThePooledOne() {
        // the situation on this VM: iterations alternately centred at 11 us and 41 us; 4 of 6 at 11 us
        ForkedLatency sample = ForkedSamples.of(new double[][] {{11_000, 41_000, 11_000}, {11_000, 41_000, 11_000}},
                5_000, 0.2, 3);
        HierarchicalQuantile hierarchical = HierarchicalBootstrap.quantile(sample, 0.5, SETTINGS);
        ConfidenceInterval pooled = BootstrapQuantileInterval.of(sample.pooled(), 0.5, SETTINGS);

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
            double pooled = BootstrapQuantileInterval.of(sample.pooled(), 0.5, SETTINGS).width();
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
}
