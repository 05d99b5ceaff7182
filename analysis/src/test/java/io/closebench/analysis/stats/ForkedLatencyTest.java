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
        long[] expanded = HistogramExpansion.sortedValues(pooled, Integer.MAX_VALUE);
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
        assertThat(HistogramExpansion.sortedValues(back, 10_000))
                .containsExactly(HistogramExpansion.sortedValues(original, 10_000));
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
}
