package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RunToRunChangeTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(5);

    @Test
    void twentyPercentSlowerCandidateIsBeyondNoise() {
        // candidate = baseline * 6/5 value by value (baseline values are multiples of 5, so exactly),
        // hence median(candidate) / median(baseline) - 1 = 0.2
        long[] baseline = TestSamples.logNormal(1000, 60_000, 0.4, 51);
        long[] candidate = new long[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 5 * baseline[i];
            candidate[i] = baseline[i] / 5 * 6;
        }
        RunToRunChange change = RunToRunChange.of(baseline, candidate, SETTINGS);

        assertThat(change.relativeChange()).isCloseTo(0.2, within(1e-12));
        assertThat(change.relativeChangeInterval().contains(0.2)).isTrue();
        assertThat(change.relativeChangeInterval().excludes(0.0)).isTrue();
        assertThat(change.beyondNoise()).isTrue();
        assertThat(change.describe("NIO RESET"))
                .startsWith("NIO RESET: median rose 20.0% (95% CI +")
                .endsWith("Mann-Whitney p < 0.001, n = 1000/1000): slower, beyond noise");
    }

    @Test
    void fasterCandidateFalls() {
        long[] baseline = TestSamples.logNormal(1000, 60_000, 0.4, 52);
        long[] candidate = TestSamples.logNormal(1000, 45_000, 0.4, 53);
        RunToRunChange change = RunToRunChange.of(baseline, candidate, SETTINGS);
        assertThat(change.beyondNoise()).isTrue();
        assertThat(change.relativeChange()).isNegative();
        assertThat(change.describe("NIO RESET")).startsWith("NIO RESET: median fell ").endsWith("faster, beyond noise");
    }

    @Test
    void rerunOfTheSameDistributionIsWithinNoise() {
        long[] baseline = TestSamples.logNormal(1000, 60_000, 0.4, 54);
        RunToRunChange change = RunToRunChange.of(baseline, baseline.clone(), SETTINGS);
        assertThat(change.relativeChange()).isZero();
        assertThat(change.beyondNoise()).isFalse();
        assertThat(change.describe("NIO RESET")).startsWith("NIO RESET: no change beyond noise (median 0.0%, 95% CI ");
    }

    @Test
    void sentencesMatchHandBuiltResults() {
        MedianComparison slower = new MedianComparison(2000, 2000, 100_000, 112_300,
                ConfidenceInterval.of(1.081, 1.159, 0.95), 1e-6, 0.3);
        assertThat(new RunToRunChange(slower, 0.05).describe("NIO RESET")).isEqualTo(
                "NIO RESET: median rose 12.3% (95% CI +8.1% to +15.9%, Mann-Whitney p < 0.001, n = 2000/2000): "
                + "slower, beyond noise");

        MedianComparison noise = new MedianComparison(2000, 2000, 100_000, 101_200,
                ConfidenceInterval.of(0.992, 1.031, 0.95), 0.41, 0.48);
        assertThat(new RunToRunChange(noise, 0.05).describe("NIO RESET")).isEqualTo(
                "NIO RESET: no change beyond noise (median +1.2%, 95% CI -0.8% to +3.1%, Mann-Whitney p = 0.41, "
                + "n = 2000/2000)");
    }

    @Test
    void tooFewValuesCannotBeBeyondNoiseAndSayWhy() {
        RunToRunChange change = RunToRunChange.of(new long[] {100}, new long[] {150, 160}, SETTINGS);
        assertThat(change.beyondNoise()).isFalse();
        assertThat(change.relativeChangeInterval().isDefined()).isFalse();
        assertThat(change.describe("NIO RESET")).isEqualTo(
                "NIO RESET: cannot tell whether the median changed: bootstrap needs at least 2 values per group, "
                + "have 1 in A and 2 in B (median +50.0%, n = 1/2)");
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> RunToRunChange.of(new long[0], new long[] {1}, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        MedianComparison any = new MedianComparison(2, 2, 1, 1, ConfidenceInterval.of(1, 1, 0.95), 1.0, 0.5);
        assertThatThrownBy(() -> new RunToRunChange(any, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }
}
