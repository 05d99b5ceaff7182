package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BootstrapQuantileIntervalTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(7);

    @Test
    void twoValueSampleGivesTheWholeRangeForTheMedian() {
        // {10, 20}: a resample of size 2 has R-1 median = ceil(2 * 0.5) = 1st smallest, i.e. 10 unless
        // both draws are 20 (probability 1/4). Of 2000 replicates about 500 are 20 and 1500 are 10.
        // The interval reads the 50th and 1950th smallest replicate: the 50th is 10 unless fewer than
        // 50 tens were drawn, the 1950th is 20 unless fewer than 51 twenties were; both failures have
        // probability below 1e-100. An averaging median would give 15 at one end.
        ConfidenceInterval interval = BootstrapQuantileInterval.of(new long[] {20, 10}, 0.5, SETTINGS);
        assertThat(interval.low()).isEqualTo(10.0);
        assertThat(interval.high()).isEqualTo(20.0);
        assertThat(interval.level()).isEqualTo(0.95);
    }

    @Test
    void sameSeedSameIntervalAndOtherSeedOtherInterval() {
        long[] samples = TestSamples.logNormal(500, 50_000, 0.6, 1);
        ConfidenceInterval first = BootstrapQuantileInterval.of(samples, 0.5, SETTINGS);
        ConfidenceInterval second = BootstrapQuantileInterval.of(samples.clone(), 0.5, SETTINGS);
        ConfidenceInterval otherSeed = BootstrapQuantileInterval.of(samples, 0.5, SETTINGS.withSeed(8));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void resultDoesNotDependOnTheOrderOfTheSamples() {
        long[] samples = TestSamples.logNormal(300, 50_000, 0.6, 2);
        assertThat(BootstrapQuantileInterval.of(TestSamples.shuffled(samples), 0.9, SETTINGS))
                .isEqualTo(BootstrapQuantileInterval.of(samples, 0.9, SETTINGS));
    }

    @Test
    void containsTheSampleQuantileAndNarrowsWithMoreSamples() {
        long[] small = TestSamples.logNormal(100, 50_000, 0.6, 3);
        long[] large = TestSamples.logNormal(10_000, 50_000, 0.6, 4);
        ConfidenceInterval smallCi = BootstrapQuantileInterval.of(small, 0.5, SETTINGS);
        ConfidenceInterval largeCi = BootstrapQuantileInterval.of(large, 0.5, SETTINGS);

        assertThat(smallCi.contains(EmpiricalQuantile.of(small, 0.5))).isTrue();
        assertThat(largeCi.contains(EmpiricalQuantile.of(large, 0.5))).isTrue();
        // width scales like 1/sqrt(n): 100x the samples, about a tenth of the width; demand a quarter
        assertThat(largeCi.width()).isLessThan(smallCi.width() / 4);
        // and both cover the true median exp(ln 50000) = 50000 of the generating distribution
        assertThat(smallCi.contains(50_000)).isTrue();
        assertThat(largeCi.contains(50_000)).isTrue();
    }

    @Test
    void histogramAndTheSameRawValuesGiveTheSameInterval() {
        // a 4-digit histogram has unit resolution below 2^15 = 32768, so it holds these values exactly
        long[] samples = TestSamples.logNormal(400, 1_000, 0.3, 5);
        assertThat(java.util.Arrays.stream(samples).max().orElseThrow()).isLessThan(32_768L);
        Histogram histogram = new Histogram(4);
        for (long v : samples) {
            histogram.recordValue(v);
        }
        assertThat(BootstrapQuantileInterval.of(histogram, 0.99, SETTINGS))
                .isEqualTo(BootstrapQuantileInterval.of(samples, 0.99, SETTINGS));
    }

    @Test
    void singleValueGivesAnUndefinedIntervalAndEmptyInputIsAnError() {
        ConfidenceInterval interval = BootstrapQuantileInterval.of(new long[] {5}, 0.5, SETTINGS);
        assertThat(interval.isDefined()).isFalse();
        assertThat(interval.undefinedReason()).contains("bootstrap needs at least 2 values, have 1");

        assertThatThrownBy(() -> BootstrapQuantileInterval.of(new long[0], 0.5, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> BootstrapQuantileInterval.of(new long[] {1, 2}, 1.0, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly between 0 and 1");
    }
}
