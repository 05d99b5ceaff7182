package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MedianComparisonTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(2024);

    @Test
    void textbookGroupsGiveHandComputedMediansRatioAndTest() {
        // A sorted: 110 120 135 150 170 190 (n = 6): R-1 median = ceil(3) = 3rd = 135
        // B sorted: 140 160 180 200 210 230 250 (n = 7): R-1 median = ceil(3.5) = 4th = 200
        // ratio = 200 / 135 = 1.4815; Mann-Whitney p and effect size as in MannWhitneyOutcomeTest
        MedianComparison comparison = MedianComparison.of(
                new long[] {170, 110, 190, 135, 120, 150}, new long[] {200, 140, 250, 180, 230, 160, 210}, SETTINGS);
        assertThat(comparison.nA()).isEqualTo(6);
        assertThat(comparison.nB()).isEqualTo(7);
        assertThat(comparison.medianA()).isEqualTo(135);
        assertThat(comparison.medianB()).isEqualTo(200);
        assertThat(comparison.ratio()).isCloseTo(200.0 / 135.0, within(1e-15));
        assertThat(comparison.pValue()).isCloseTo(0.03212457120765665, within(1e-9));
        assertThat(comparison.probabilityALower()).isCloseTo(6.0 / 7.0, within(1e-12));
        assertThat(comparison.confidenceLevel()).isEqualTo(0.95);
        assertThat(comparison.ratioInterval().isDefined()).isTrue();
    }

    @Test
    void clearlyFasterGroupAIsFoundAndTheTrueRatioIsCovered() {
        // true medians 50 us and 75 us: true ratio B/A = 1.5
        long[] a = TestSamples.logNormal(2000, 50_000, 0.4, 31);
        long[] b = TestSamples.logNormal(2000, 75_000, 0.4, 32);
        MedianComparison comparison = MedianComparison.of(a, b, SETTINGS);

        assertThat(comparison.faster()).isEqualTo(FasterSide.A);
        assertThat(comparison.ratioInterval().contains(1.5)).isTrue();
        assertThat(comparison.ratioInterval().contains(comparison.ratio())).isTrue();
        assertThat(comparison.pValue()).isLessThan(1e-6);
        assertThat(comparison.probabilityALower()).isGreaterThan(0.7);

        MedianComparison swapped = MedianComparison.of(b, a, SETTINGS);
        assertThat(swapped.faster()).isEqualTo(FasterSide.B);
        assertThat(swapped.ratio()).isCloseTo(1.0 / comparison.ratio(), within(1e-12));
        assertThat(swapped.probabilityALower()).isCloseTo(1.0 - comparison.probabilityALower(), within(1e-12));
    }

    @Test
    void sameDataIsNeitherFaster() {
        long[] a = TestSamples.logNormal(500, 50_000, 0.4, 33);
        MedianComparison comparison = MedianComparison.of(a, a.clone(), SETTINGS);
        assertThat(comparison.ratio()).isEqualTo(1.0);
        assertThat(comparison.pValue()).isEqualTo(1.0);
        assertThat(comparison.ratioInterval().contains(1.0)).isTrue();
        assertThat(comparison.faster()).isEqualTo(FasterSide.NEITHER);
    }

    @Test
    void histogramsGiveTheSameResultAsTheirRawValues() {
        // a 4-digit histogram has unit resolution below 2^15 = 32768, so it holds these values exactly
        long[] a = TestSamples.logNormal(300, 1_000, 0.2, 34);
        long[] b = TestSamples.logNormal(300, 1_100, 0.2, 35);
        assertThat(java.util.Arrays.stream(a).max().orElseThrow()).isLessThan(32_768L);
        assertThat(java.util.Arrays.stream(b).max().orElseThrow()).isLessThan(32_768L);
        Histogram ha = new Histogram(4);
        Histogram hb = new Histogram(4);
        for (long v : a) {
            ha.recordValue(v);
        }
        for (long v : b) {
            hb.recordValue(v);
        }
        assertThat(MedianComparison.of(ha, hb, SETTINGS)).isEqualTo(MedianComparison.of(a, b, SETTINGS));
    }

    @Test
    void fasterRequiresIntervalTestAndPointEstimateToAgree() {
        ConfidenceInterval above = ConfidenceInterval.of(1.1, 1.3, 0.95);
        ConfidenceInterval straddling = ConfidenceInterval.of(0.9, 1.3, 0.95);
        ConfidenceInterval below = ConfidenceInterval.of(0.7, 0.9, 0.95);
        ConfidenceInterval undefined = ConfidenceInterval.undefined(0.95, "too few");

        assertThat(comparison(100, 120, above, 0.01).faster()).isEqualTo(FasterSide.A);
        assertThat(comparison(100, 120, above, 0.20).faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(comparison(100, 120, above, 0.05).faster()).isEqualTo(FasterSide.NEITHER); // p < alpha is strict
        assertThat(comparison(100, 120, above, 0.03).faster(0.01)).isEqualTo(FasterSide.NEITHER);
        assertThat(comparison(100, 120, straddling, 0.001).faster()).isEqualTo(FasterSide.NEITHER);
        assertThat(comparison(100, 80, below, 0.001).faster()).isEqualTo(FasterSide.B);
        assertThat(comparison(100, 95, above, 0.001).faster()).isEqualTo(FasterSide.NEITHER); // point says B
        assertThat(comparison(100, 120, undefined, 0.001).faster()).isEqualTo(FasterSide.NEITHER);
    }

    @Test
    void rejectsImpossibleRecords() {
        ConfidenceInterval ci = ConfidenceInterval.of(1.1, 1.3, 0.95);
        assertThatThrownBy(() -> new MedianComparison(10, 10, 0, 120, ci, 0.01, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("medians must be positive");
        assertThatThrownBy(() -> new MedianComparison(10, 10, 100, 120, ci, Double.NaN, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value");
        assertThatThrownBy(() -> new MedianComparison(0, 10, 100, 120, ci, 0.01, 0.6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> MedianComparison.of(new long[] {5, -1}, new long[] {5, 6}, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group A[1] = -1");
    }

    private static MedianComparison comparison(long medianA, long medianB, ConfidenceInterval ci, double p) {
        return new MedianComparison(100, 100, medianA, medianB, ci, p, 0.6);
    }
}
