package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LatencySummaryTest {

    @Test
    void rawSummaryMatchesHandComputation() {
        // 1000, 2000, ..., 19000 and 50000 (n = 20), shuffled.
        // mean = (190000 + 50000) / 20 = 12000
        // sum of squared deviations: 1e6 * sum_{k=1..19} (k - 12)^2 = 1e6 * (sum_{j=1..11} j^2 + sum_{j=1..7} j^2)
        //   = 1e6 * (506 + 140) = 646e6, plus (50000 - 12000)^2 = 1444e6, total 2090e6
        // sample variance = 2090e6 / 19 = 110e6, sd = sqrt(1.1e8) = 10488.088481701516
        // percentiles (R-1, ceil(n q)-th value): p50 10th = 10000, p90 18th = 18000,
        //   p99 ceil(19.8) = 20th = 50000, p99.9 ceil(19.98) = 20th = 50000
        long[] values = TestSamples.shuffled(new long[] {
            1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000,
            11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000, 50000});

        LatencySummary summary = LatencySummary.of(values);

        assertThat(summary.count()).isEqualTo(20);
        assertThat(summary.mean()).isCloseTo(12000.0, within(1e-9));
        assertThat(summary.standardDeviation()).isCloseTo(10488.088481701516, within(1e-9));
        assertThat(summary.min()).isEqualTo(1000);
        assertThat(summary.max()).isEqualTo(50000);
        assertThat(summary.p50()).isEqualTo(10000);
        assertThat(summary.p90()).isEqualTo(18000);
        assertThat(summary.p99()).isEqualTo(50000);
        assertThat(summary.p999()).isEqualTo(50000);
        assertThat(summary.percentileDefinition()).isEqualTo(PercentileDefinition.INVERSE_EMPIRICAL_CDF);
    }

    @Test
    void singleValueHasZeroSpreadAndAllPercentilesEqual() {
        LatencySummary summary = LatencySummary.of(new long[] {42_000});
        assertThat(summary.standardDeviation()).isZero();
        assertThat(summary.mean()).isEqualTo(42_000.0);
        assertThat(new long[] {summary.min(), summary.p50(), summary.p90(), summary.p99(), summary.p999(), summary.max()})
                .containsOnly(42_000L);
    }

    @Test
    void histogramWithUnitResolutionAgreesWithRawValues() {
        // 1..1000 in a 3-digit histogram: values below 2048 get their own bucket, so it is exact.
        // mean = 500.5; sample variance of 1..n is n(n+1)/12 = 1000*1001/12 = 83416.67, sd = 288.8194360957494
        // R-1 / HdrHistogram: p50 = 500th = 500, p90 = 900, p99 = 990, p99.9 = ceil(999.0) = 999
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 1000; v++) {
            histogram.recordValue(v);
        }
        LatencySummary fromHistogram = LatencySummary.of(histogram);
        LatencySummary fromRaw = LatencySummary.of(TestSamples.shuffled(TestSamples.range(1, 1000)));

        assertThat(fromHistogram.count()).isEqualTo(1000);
        assertThat(fromHistogram.mean()).isCloseTo(500.5, within(1e-9));
        assertThat(fromHistogram.standardDeviation()).isCloseTo(288.8194360957494, within(1e-9));
        assertThat(fromHistogram.p50()).isEqualTo(500);
        assertThat(fromHistogram.p90()).isEqualTo(900);
        assertThat(fromHistogram.p99()).isEqualTo(990);
        assertThat(fromHistogram.p999()).isEqualTo(999);
        assertThat(fromHistogram.min()).isEqualTo(1);
        assertThat(fromHistogram.max()).isEqualTo(1000);
        assertThat(fromHistogram.percentileDefinition()).isEqualTo(PercentileDefinition.HDR_HISTOGRAM_BUCKET);

        assertThat(fromRaw).usingRecursiveComparison()
                .ignoringFields("percentileDefinition")
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(fromHistogram);
    }

    @Test
    void coarseHistogramMomentsMatchHdrHistogramsOwnAndPercentilesStayWithinBucketPrecision() {
        long[] raw = TestSamples.logNormal(5000, 80_000, 0.5, 11);
        Histogram histogram = new Histogram(2); // 2 significant digits: relative bucket width <= 1/128
        for (long v : raw) {
            histogram.recordValue(v);
        }
        LatencySummary summary = LatencySummary.of(histogram);
        long n = histogram.getTotalCount();

        // independent cross-check: HdrHistogram's own mean, and its population sd rescaled to n - 1
        assertThat(summary.mean()).isCloseTo(histogram.getMean(), Percentage.withPercentage(1e-10));
        assertThat(summary.standardDeviation()).isCloseTo(
                histogram.getStdDeviation() * Math.sqrt((double) n / (n - 1)), Percentage.withPercentage(1e-8));

        // the histogram reports the top of the bucket holding the R-1 order statistic
        long rawMedian = EmpiricalQuantile.of(raw, 0.5);
        assertThat(summary.p50()).isBetween(rawMedian, (long) (rawMedian * 1.01));
        long rawP99 = EmpiricalQuantile.of(raw, 0.99);
        assertThat(summary.p99()).isBetween(rawP99, (long) (rawP99 * 1.01));
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples is empty");
        assertThatThrownBy(() -> LatencySummary.of(new Histogram(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram is empty");
    }

    @Test
    void rejectsPercentilesOutOfOrder() {
        assertThatThrownBy(() -> new LatencySummary(10, 5.0, 1.0, 1, 10, 6, 5, 9, 10,
                PercentileDefinition.INVERSE_EMPIRICAL_CDF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
    }
}
