package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HistogramExpansionTest {

    @Test
    void expandsCountsIntoSortedValues() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(7, 2);
        histogram.recordValue(1000);
        histogram.recordValueWithCount(5, 3);

        assertThat(HistogramExpansion.sortedValues(histogram, 100)).containsExactly(5, 5, 5, 7, 7, 1000);
        assertThat(HistogramExpansion.isThinned(histogram, 100)).isFalse();
    }

    @Test
    void aboveTheCapKeepsASystematicSampleOfTheSortedValues() {
        // 1..1000 once each, cap 100: stride 10, kept 0-based ranks floor((i + 0.5) * 10) = 10 i + 5,
        // i.e. values 10 i + 6: 6, 16, 26, ..., 996
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 1000; v++) {
            histogram.recordValue(v);
        }
        long[] thinned = HistogramExpansion.sortedValues(histogram, 100);

        assertThat(HistogramExpansion.isThinned(histogram, 100)).isTrue();
        assertThat(thinned).hasSize(100).isSorted();
        assertThat(thinned[0]).isEqualTo(6);
        assertThat(thinned[1]).isEqualTo(16);
        assertThat(thinned[49]).isEqualTo(496);
        assertThat(thinned[99]).isEqualTo(996);
    }

    @Test
    void thinningKeepsTheTailInProportion() {
        // 1 000 000 values at 100 and 1 000 at 5000 (0.1 %), cap 1000: stride 1 001 000 / 1000 = 1001.
        // kept rank for i = 998: floor(998.5 * 1001) = 999 498 < 1 000 000 -> 100
        // kept rank for i = 999: floor(999.5 * 1001) = 1 000 499 >= 1 000 000 -> 5000 (0.1 % of 1000 kept)
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(100, 1_000_000);
        histogram.recordValueWithCount(5000, 1_000);
        long[] thinned = HistogramExpansion.sortedValues(histogram, 1000);
        long expectedTop = histogram.highestEquivalentValue(5000);
        assertThat(thinned[999]).isEqualTo(expectedTop);
        assertThat(thinned[998]).isEqualTo(100);
    }

    @Test
    void coarseBucketsExpandToTheirHighestEquivalentValue() {
        Histogram histogram = new Histogram(2);
        histogram.recordValue(123_456_789L);
        long value = HistogramExpansion.sortedValues(histogram, 10)[0];

        assertThat(value).isEqualTo(histogram.highestEquivalentValue(123_456_789L));
        assertThat(value).isGreaterThan(123_456_789L).isLessThan((long) (123_456_789L * 1.01));
        assertThat(value).isEqualTo(histogram.getValueAtPercentile(50.0));
    }

    @Test
    void rejectsEmptyHistogramAndNonPositiveCap() {
        assertThatThrownBy(() -> HistogramExpansion.sortedValues(new Histogram(3), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram is empty");
        Histogram one = new Histogram(3);
        one.recordValue(1);
        assertThatThrownBy(() -> HistogramExpansion.sortedValues(one, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
    }
}
