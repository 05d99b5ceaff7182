package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EmpiricalQuantileTest {

    // 1000, 2000, ..., 19000 and one outlier 50000 (n = 20), deliberately out of order.
    // R-1 picks the ceil(n*q)-th smallest value (1-based):
    //   q = 0.50 -> ceil(10.0) = 10th = 10000      q = 0.90 -> ceil(18.0) = 18th = 18000
    //   q = 0.95 -> ceil(19.0) = 19th = 19000      q = 0.99 -> ceil(19.8) = 20th = 50000
    //   q = 0.05 -> ceil(1.0)  = 1st  = 1000       q = 0.051 -> ceil(1.02) = 2nd = 2000
    private static final long[] TWENTY = {
        7000, 50000, 3000, 12000, 1000, 19000, 5000, 16000, 9000, 2000,
        14000, 11000, 4000, 18000, 6000, 13000, 8000, 17000, 10000, 15000
    };

    @Test
    void picksTheCeilNqThOrderStatistic() {
        assertThat(EmpiricalQuantile.of(TWENTY, 0.50)).isEqualTo(10000);
        assertThat(EmpiricalQuantile.of(TWENTY, 0.90)).isEqualTo(18000);
        assertThat(EmpiricalQuantile.of(TWENTY, 0.95)).isEqualTo(19000);
        assertThat(EmpiricalQuantile.of(TWENTY, 0.99)).isEqualTo(50000);
        assertThat(EmpiricalQuantile.of(TWENTY, 0.05)).isEqualTo(1000);
        assertThat(EmpiricalQuantile.of(TWENTY, 0.051)).isEqualTo(2000);
        assertThat(EmpiricalQuantile.of(TWENTY, 1.0)).isEqualTo(50000);
    }

    @Test
    void medianOfEvenSampleIsLowerMiddleValueNotAverage() {
        // {1,2,3,4}: ceil(4 * 0.5) = 2nd smallest = 2; an interpolating definition would give 2.5
        assertThat(EmpiricalQuantile.of(new long[] {4, 1, 3, 2}, 0.5)).isEqualTo(2);
        assertThat(EmpiricalQuantile.of(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.0);
    }

    @Test
    void floatingPointNoiseDoesNotSelectTheNextOrderStatistic() {
        // 1..1000: p99.9 is the ceil(999.0) = 999th value, i.e. 999, not the maximum
        long[] thousand = TestSamples.range(1, 1000);
        assertThat(EmpiricalQuantile.of(thousand, 0.999)).isEqualTo(999);
        assertThat(EmpiricalQuantile.of(thousand, 0.99)).isEqualTo(990);
        // (1 - 0.95) / 2 = 0.025000000000000022 in binary; 2000 * 0.025 = 50 exactly, so the 50th value
        long[] twoThousand = TestSamples.range(1, 2000);
        double tail = (1.0 - 0.95) / 2.0;
        assertThat(EmpiricalQuantile.of(twoThousand, tail)).isEqualTo(50);
        assertThat(EmpiricalQuantile.of(twoThousand, 1.0 - tail)).isEqualTo(1950);
    }

    @Test
    void rankIsCeilOfNTimesQInDecimal() {
        assertThat(EmpiricalQuantile.rank(1000, 0.999)).isEqualTo(999);
        assertThat(EmpiricalQuantile.rank(999, 0.999)).isEqualTo(999); // ceil(998.001): the maximum
        assertThat(EmpiricalQuantile.rank(2000, (1.0 - 0.95) / 2.0)).isEqualTo(50);
        assertThat(EmpiricalQuantile.rank(20, 0.99)).isEqualTo(20);
        assertThat(EmpiricalQuantile.rank(7, 0.5)).isEqualTo(4);
        assertThat(EmpiricalQuantile.rank(10, 1e-15)).isEqualTo(1);
    }

    @Test
    void doesNotModifyInput() {
        long[] copy = TWENTY.clone();
        EmpiricalQuantile.of(copy, 0.5);
        assertThat(copy).containsExactly(TWENTY);
    }

    @Test
    void rejectsEmptyInputAndOutOfRangeQuantiles() {
        assertThatThrownBy(() -> EmpiricalQuantile.of(new long[0], 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> EmpiricalQuantile.of(TWENTY, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> EmpiricalQuantile.of(TWENTY, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> EmpiricalQuantile.of(TWENTY, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
