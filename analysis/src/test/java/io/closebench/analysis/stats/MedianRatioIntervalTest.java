package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MedianRatioIntervalTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(99);

    @Test
    void constantGroupsGiveADegenerateIntervalAtTheirRatio() {
        // every resample of {100, 100} has median 100 and of {300, 300} median 300: all replicates are 3
        ConfidenceInterval interval = MedianRatioInterval.of(new long[] {100, 100}, new long[] {300, 300}, SETTINGS);
        assertThat(interval.low()).isEqualTo(3.0);
        assertThat(interval.high()).isEqualTo(3.0);
    }

    @Test
    void smallDiscreteCaseMatchesHandReasoning() {
        // A = {100, 100, 100}: every replicate median is 100.
        // B = {200, 200, 400}: R-1 median of 3 draws = 2nd smallest = 400 iff at least two draws are 400:
        //   P = 3 (1/3)^2 (2/3) + (1/3)^3 = 7/27 = 0.259, so about 519 of 2000 replicate ratios are 4, the rest 2.
        // The 50th smallest replicate is 2 and the 1950th is 4 unless fewer than 51 fours were drawn
        // (expected 519, sd 20): the interval is [2, 4].
        ConfidenceInterval interval = MedianRatioInterval.of(
                new long[] {100, 100, 100}, new long[] {400, 200, 200}, SETTINGS);
        assertThat(interval.low()).isEqualTo(2.0);
        assertThat(interval.high()).isEqualTo(4.0);
    }

    @Test
    void exactlyScaledGroupContainsTheScaleAndExcludesOne() {
        long[] a = TestSamples.logNormal(400, 40_000, 0.5, 21);
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = 2 * a[i];
        }
        ConfidenceInterval interval = MedianRatioInterval.of(a, b, SETTINGS);
        assertThat(interval.contains(2.0)).isTrue();
        assertThat(interval.excludes(1.0)).isTrue();
    }

    @Test
    void deterministicForASeed() {
        long[] a = TestSamples.logNormal(300, 40_000, 0.5, 22);
        long[] b = TestSamples.logNormal(300, 44_000, 0.5, 23);
        assertThat(MedianRatioInterval.of(a, b, SETTINGS)).isEqualTo(MedianRatioInterval.of(a, b, SETTINGS));
        assertThat(MedianRatioInterval.of(a, b, SETTINGS.withSeed(100)))
                .isNotEqualTo(MedianRatioInterval.of(a, b, SETTINGS));
    }

    @Test
    void guardRails() {
        ConfidenceInterval tooFew = MedianRatioInterval.of(new long[] {100}, new long[] {200, 300}, SETTINGS);
        assertThat(tooFew.isDefined()).isFalse();
        assertThat(tooFew.undefinedReason()).contains(
                "bootstrap needs at least 2 values per group, have 1 in A and 2 in B");

        assertThatThrownBy(() -> MedianRatioInterval.of(new long[] {100, 0}, new long[] {200, 300}, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group A[1] = 0")
                .hasMessageContaining("strictly positive");
        assertThatThrownBy(() -> MedianRatioInterval.of(new long[] {100, 200}, new long[0], SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group B is empty");
    }
}
