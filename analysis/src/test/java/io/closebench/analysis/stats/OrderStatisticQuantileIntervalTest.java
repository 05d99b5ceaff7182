package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OrderStatisticQuantileIntervalTest {

    @Test
    void medianOfTwentyIsBoundedByTheSixthAndFifteenthValue() {
        // ranks 6 and 15 (see OrderStatisticRanksTest); values 10, 20, ..., 200 -> [60, 150]
        long[] values = new long[20];
        for (int i = 0; i < 20; i++) {
            values[i] = 10L * (i + 1);
        }
        ConfidenceInterval interval = OrderStatisticQuantileInterval.of(TestSamples.shuffled(values), 0.5, 0.95);
        assertThat(interval.low()).isEqualTo(60.0);
        assertThat(interval.high()).isEqualTo(150.0);
    }

    @Test
    void tooFewSamplesForP99GiveAnUndefinedIntervalNamingTheMinimum() {
        ConfidenceInterval interval = OrderStatisticQuantileInterval.of(TestSamples.range(1, 200), 0.99, 0.95);
        assertThat(interval.isDefined()).isFalse();
        assertThat(interval.undefinedReason()).contains(
                "a distribution-free 95% CI for the p99 needs at least 368 values, have 200");
    }

    @Test
    void histogramWithUnitResolutionGivesTheSameInterval() {
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 20; v++) {
            histogram.recordValue(v);
        }
        ConfidenceInterval interval = OrderStatisticQuantileInterval.of(histogram, 0.5, 0.95);
        assertThat(interval.low()).isEqualTo(6.0);
        assertThat(interval.high()).isEqualTo(15.0);
    }

    @Test
    void coarseHistogramWidensToWholeBuckets() {
        // 1-digit histogram: 10 000 and 25 000 are not bucket edges; the lower bound must drop to the
        // bottom of the rank-6 bucket and the upper rise to the top of the rank-15 bucket
        Histogram histogram = new Histogram(1);
        for (long i = 1; i <= 20; i++) {
            histogram.recordValue(1_000_000L + 10_000L * i);
        }
        ConfidenceInterval interval = OrderStatisticQuantileInterval.of(histogram, 0.5, 0.95);
        long sixth = 1_060_000L;
        long fifteenth = 1_150_000L;
        assertThat(interval.low()).isEqualTo((double) histogram.lowestEquivalentValue(sixth));
        assertThat(interval.high()).isEqualTo((double) histogram.highestEquivalentValue(fifteenth));
        assertThat(interval.low()).isLessThan(sixth);
        assertThat(interval.high()).isGreaterThan(fifteenth);
        assertThat(interval.contains(histogram.getValueAtPercentile(50.0))).isTrue();
    }

    @Test
    void emptyInputIsAnError() {
        assertThatThrownBy(() -> OrderStatisticQuantileInterval.of(new long[0], 0.5, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> OrderStatisticQuantileInterval.of(new Histogram(3), 0.5, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
