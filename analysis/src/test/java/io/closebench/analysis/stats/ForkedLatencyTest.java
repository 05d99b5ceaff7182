package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkedLatencyTest {

    private static Histogram of(long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void mediansPerIterationPerForkAndPooledFollowTheR1BucketConvention() {
        // fork 7: {10, 20, 30} and {40}; fork 9: {50, 60}. Values below 2048 are exact in a 3-digit histogram.
        ForkedLatency sample = ForkedLatency.of(List.of(
                new ForkedLatency.Fork(7, List.of(of(30, 10, 20), of(40))),
                new ForkedLatency.Fork(9, List.of(of(60, 50)))));

        // ceil(3/2) = 2nd of {10,20,30}; 1st of {40}; ceil(2/2) = 1st of {50,60}
        assertThat(sample.iterationMedians()).containsExactly(20, 40, 50);
        // fork 7 pooled {10,20,30,40}: ceil(4/2) = 2nd = 20; fork 9: 50
        assertThat(sample.forkMedians()).containsExactly(20, 50);
        // all six: 3rd = 30
        assertThat(sample.pooledMedian()).isEqualTo(30);
        assertThat(sample.pooledQuantile(1.0)).isEqualTo(60);
        assertThat(sample.totalCount()).isEqualTo(6);
        assertThat(sample.forkCount()).isEqualTo(2);
        assertThat(sample.forkId(1)).isEqualTo(9);
        assertThat(sample.iterationCount(0)).isEqualTo(2);
        assertThat(sample.iterationCount()).isEqualTo(3);
        assertThat(sample.count(0, 0)).isEqualTo(3);
        assertThat(sample.design()).isEqualTo("2 forks x 1-2 iterations");
        assertThat(sample.resampledLevels()).isEqualTo(ResampledLevels.FORKS_AND_ITERATIONS);
    }

    @Test
    void quantilesEqualTheExpandedHistogramAndHdrHistogramsOwnPercentiles() {
        ForkedLatency sample = ForkedSamples.of(new double[][] {{40_000, 55_000}, {38_000, 90_000, 41_000}},
                3_000, 0.6, 11);
        Histogram pooled = sample.pooled();
        long[] expanded = ForkedSamples.values(pooled);
        for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.99, 0.999}) {
            assertThat(sample.pooledQuantile(q)).as("q = %s", q).isEqualTo(EmpiricalQuantile.of(expanded, q));
        }
        assertThat(sample.pooledMedian()).isEqualTo(pooled.getValueAtPercentile(50.0));
        assertThat(sample.pooledQuantile(0.9)).isEqualTo(pooled.getValueAtPercentile(90.0));
        assertThat(sample.iterationMedians()[2]).isEqualTo(sample.iteration(1, 0).getValueAtPercentile(50.0));
    }

    @Test
    void histogramsComeBackBucketForBucket() {
        Histogram original = ForkedSamples.iteration(5_000, 30_000, 0.5, 12);
        ForkedLatency sample = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(original, of(5, 6)))));

        Histogram back = sample.iteration(0, 0);
        assertThat(back.getTotalCount()).isEqualTo(original.getTotalCount());
        assertThat(back.getNumberOfSignificantValueDigits()).isEqualTo(3);
        assertThat(back.getMinValue()).isEqualTo(original.getMinValue());
        assertThat(back.getMaxValue()).isEqualTo(original.getMaxValue());
        assertThat(ForkedSamples.values(back)).containsExactly(ForkedSamples.values(original));
        assertThat(sample.pooled().getTotalCount()).isEqualTo(5_002);

        original.recordValue(1); // the sample read the histogram once and does not see later records
        assertThat(sample.count(0, 0)).isEqualTo(5_000);
    }

    @Test
    void emptyIterationsAreCountedButIgnoredForMedians() {
        ForkedLatency sample = ForkedLatency.of(List.of(
                new ForkedLatency.Fork(1, List.of(of(10, 20), new Histogram(3), of(30))),
                new ForkedLatency.Fork(2, List.of(new Histogram(3))),
                new ForkedLatency.Fork(3, List.of(of(40), of(50)))));

        assertThat(sample.iterationCount()).isEqualTo(6);
        assertThat(sample.emptyIterationCount()).isEqualTo(2);
        assertThat(sample.iterationsWithValues()).isEqualTo(4);
        assertThat(sample.forksWithValues()).isEqualTo(2);
        assertThat(sample.count(0, 1)).isZero();
        assertThat(sample.iteration(0, 1).getTotalCount()).isZero();
        assertThat(sample.iterationMedians()).containsExactly(10, 30, 40, 50);
        assertThat(sample.forkMedians()).containsExactly(20, 40);
        assertThat(sample.design()).isEqualTo("2 forks x 2 iterations each, 1 fork without values ignored");

        ForkedLatency oneEmpty = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(of(10), new Histogram(3)))));
        assertThat(oneEmpty.design()).isEqualTo("1 fork x 1 iteration, 1 empty iteration ignored");
        assertThat(oneEmpty.resampledLevels()).isEqualTo(ResampledLevels.NOTHING);
    }

    @Test
    void designsInWords() {
        assertThat(ForkedSamples.iid(2, 4, 10, 1_000, 0.1, 1).design()).isEqualTo("2 forks x 4 iterations each");
        assertThat(ForkedSamples.iid(1, 4, 10, 1_000, 0.1, 1).design()).isEqualTo("1 fork x 4 iterations");
        assertThat(ForkedSamples.iid(3, 1, 10, 1_000, 0.1, 1).design()).isEqualTo("3 forks x 1 iteration each");
        assertThat(ForkedSamples.iid(1, 4, 10, 1_000, 0.1, 1).resampledLevels()).isEqualTo(ResampledLevels.ITERATIONS_ONLY);
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> ForkedLatency.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one fork");
        assertThatThrownBy(() -> new ForkedLatency.Fork(1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no iteration");
        assertThatThrownBy(() -> ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(of(1))),
                new ForkedLatency.Fork(1, List.of(of(2))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(new Histogram(3))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no latency");
        Histogram twoDigits = new Histogram(2);
        twoDigits.recordValue(5);
        assertThatThrownBy(() -> ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(of(1), twoDigits)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("significant digits");
        ForkedLatency sample = ForkedSamples.iid(1, 2, 10, 1_000, 0.1, 1);
        assertThatThrownBy(() -> sample.count(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sample.forkId(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---------------------------------------------------------------- one process: exact values, one fork

    @Test
    void oneProcessIsOneForkOfOneValueIterationsWithExactR1Medians() {
        // A sorted: 110 120 135 150 170 190 (n = 6): R-1 median = ceil(3) = 3rd = 135
        // B sorted: 140 160 180 200 210 230 250 (n = 7): R-1 median = ceil(3.5) = 4th = 200
        ForkedLatency a = ForkedLatency.oneProcess(new long[] {170, 110, 190, 135, 120, 150});
        ForkedLatency b = ForkedLatency.oneProcess(new long[] {200, 140, 250, 180, 230, 160, 210});

        assertThat(a.pooledMedian()).isEqualTo(135);
        assertThat(b.pooledMedian()).isEqualTo(200);
        assertThat(a.totalCount()).isEqualTo(6);
        assertThat(b.totalCount()).isEqualTo(7);
        assertThat(a.forkCount()).isEqualTo(1);
        assertThat(a.forkId(0)).isZero();
        assertThat(a.iterationCount()).isEqualTo(6);
        assertThat(a.design()).isEqualTo("1 fork x 6 iterations");
        assertThat(a.resampledLevels()).isEqualTo(ResampledLevels.ITERATIONS_ONLY);
        assertThat(a.forkMedians()).containsExactly(135);
        // sorted: one value per iteration, ascending
        assertThat(a.iterationMedians()).containsExactly(110, 120, 135, 150, 170, 190);
    }

    @Test
    void oneProcessQuantilesAreTheExactValuesNotBuckets() {
        // beyond 2048 a 3-digit histogram rounds: 100 003 would be reported as its bucket's top, 100 031
        long[] values = TestSamples.logNormal(999, 100_000, 0.5, 3);
        ForkedLatency exact = ForkedLatency.oneProcess(values);
        for (double q : new double[] {0.001, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0}) {
            assertThat(exact.pooledQuantile(q)).as("q = %s", q).isEqualTo(EmpiricalQuantile.of(values, q));
        }
        ForkedLatency single = ForkedLatency.oneProcess(new long[] {100_003});
        assertThat(single.pooledMedian()).isEqualTo(100_003);
        assertThat(of(100_003).getValueAtPercentile(50)).isNotEqualTo(100_003);
        assertThat(single.resampledLevels()).isEqualTo(ResampledLevels.NOTHING);
    }

    @Test
    void oneProcessDoesNotDependOnTheOrderOfItsValues() {
        long[] values = TestSamples.logNormal(300, 50_000, 0.6, 2);
        ForkedLatency inOrder = ForkedLatency.oneProcess(values);
        ForkedLatency shuffled = ForkedLatency.oneProcess(TestSamples.shuffled(values));
        assertThat(shuffled.iterationMedians()).containsExactly(inOrder.iterationMedians());
        BootstrapSettings settings = BootstrapSettings.defaults().withSeed(7);
        assertThat(HierarchicalBootstrap.quantile(shuffled, 0.9, settings))
                .isEqualTo(HierarchicalBootstrap.quantile(inOrder, 0.9, settings));
    }

    @Test
    void oneProcessEqualsAForkOfOneValueHistogramsWhereTheHistogramsResolveEveryValue() {
        // a 4-digit histogram has unit resolution below 2^15 = 32768, so it holds these values exactly
        long[] values = TestSamples.logNormal(300, 1_000, 0.2, 34);
        assertThat(java.util.Arrays.stream(values).max().orElseThrow()).isLessThan(32_768L);
        List<Histogram> iterations = new java.util.ArrayList<>();
        java.util.Arrays.stream(values).sorted().forEach(v -> {
            Histogram h = new Histogram(4);
            h.recordValue(v);
            iterations.add(h);
        });
        ForkedLatency fromHistograms = ForkedLatency.of(List.of(new ForkedLatency.Fork(0, iterations)));
        ForkedLatency exact = ForkedLatency.oneProcess(values);
        BootstrapSettings settings = BootstrapSettings.defaults().withSeed(2024);

        assertThat(exact.iterationMedians()).containsExactly(fromHistograms.iterationMedians());
        assertThat(HierarchicalBootstrap.quantile(exact, 0.5, settings))
                .isEqualTo(HierarchicalBootstrap.quantile(fromHistograms, 0.5, settings));
        ForkedLatency other = ForkedLatency.oneProcess(TestSamples.logNormal(300, 1_100, 0.2, 35));
        assertThat(HierarchicalBootstrap.medianRatio(exact, other, settings))
                .isEqualTo(HierarchicalBootstrap.medianRatio(fromHistograms, other, settings));
    }

    @Test
    void oneProcessRejectsNoValueAndNegativeValues() {
        assertThatThrownBy(() -> ForkedLatency.oneProcess(new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a process's sample is empty");
        assertThatThrownBy(() -> ForkedLatency.oneProcess(new long[] {5, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a process's sample[1] = -1")
                .hasMessageContaining("cannot be negative");
    }

    // ---------------------------------------------------------------- buckets read exactly, at any count

    @Test
    void everyRankOfAHistogramIsItsBucketsHighestEquivalentValue() {
        // counts 5 x3, 7 x2, 1000 x1: ranks 1..6 are 5 5 5 7 7 1000
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(7, 2);
        histogram.recordValue(1000);
        histogram.recordValueWithCount(5, 3);
        ForkedLatency sample = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(histogram))));
        long[] byRank = new long[6];
        for (int k = 1; k <= 6; k++) {
            byRank[k - 1] = sample.pooledQuantile(k / 6.0);
        }
        assertThat(byRank).containsExactly(5, 5, 5, 7, 7, 1000);
    }

    @Test
    void aThousandValuesAreReadAtEveryRankWithoutThinning() {
        // 1..1000 once each: the k-th smallest of 1000 is k, for every k (no cap, no systematic sample)
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 1000; v++) {
            histogram.recordValue(v);
        }
        ForkedLatency sample = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(histogram))));
        for (int k = 1; k <= 1000; k++) {
            assertThat(sample.pooledQuantile(k / 1000.0)).as("rank %d", k).isEqualTo(k);
        }
    }

    @Test
    void aTailOfOnePerMilleIsReadAtItsExactRanks() {
        // 1 000 000 values at 100 and 1 000 at 5000: ranks 1..1 000 000 are 100, ranks 1 000 001..1 001 000
        // the 5000 bucket's top; q = 1 000 000 / 1 001 000 gives rank ceil(999 999.99...) = 1 000 000
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(100, 1_000_000);
        histogram.recordValueWithCount(5000, 1_000);
        ForkedLatency sample = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(histogram))));
        assertThat(sample.pooledQuantile(1_000_000 / 1_001_000.0)).isEqualTo(100);
        assertThat(sample.pooledQuantile(1_000_001 / 1_001_000.0)).isEqualTo(histogram.highestEquivalentValue(5000));
        assertThat(sample.pooledQuantile(1.0)).isEqualTo(histogram.highestEquivalentValue(5000));
    }

    @Test
    void aCoarseBucketIsReadAsItsHighestEquivalentValue() {
        Histogram histogram = new Histogram(2);
        histogram.recordValue(123_456_789L);
        ForkedLatency sample = ForkedLatency.of(List.of(new ForkedLatency.Fork(1, List.of(histogram))));
        long value = sample.pooledMedian();

        assertThat(value).isEqualTo(histogram.highestEquivalentValue(123_456_789L));
        assertThat(value).isGreaterThan(123_456_789L).isLessThan((long) (123_456_789L * 1.01));
        assertThat(value).isEqualTo(histogram.getValueAtPercentile(50.0));
    }
}
