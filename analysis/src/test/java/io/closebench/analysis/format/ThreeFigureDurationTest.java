package io.closebench.analysis.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreeFigureDurationTest {

    @Test
    void threeSignificantFiguresInTheUnitThatKeepsTheNumberBelowAThousand() {
        assertThat(ThreeFigureDuration.of(850)).isEqualTo("850 ns");
        assertThat(ThreeFigureDuration.of(12_940)).isEqualTo("12.9 us");
        assertThat(ThreeFigureDuration.of(41_000)).isEqualTo("41.0 us");
        assertThat(ThreeFigureDuration.of(11_234)).isEqualTo("11.2 us");
        assertThat(ThreeFigureDuration.of(41_500)).isEqualTo("41.5 us");
        assertThat(ThreeFigureDuration.of(1_450_000)).isEqualTo("1.45 ms");
        assertThat(ThreeFigureDuration.of(2_000_000_000L)).isEqualTo("2.00 s");
        assertThat(ThreeFigureDuration.of(10_000_000_000L)).isEqualTo("10.0 s");
        assertThat(ThreeFigureDuration.of(924_600_000_000L)).isEqualTo("925 s");
    }

    @Test
    void theConsolesFormerExamplesInTheOneRule() {
        // the console wrote "17 us", "1.42 ms", "316 ms", "12.0 s" and "1 us" for 850 ns
        assertThat(ThreeFigureDuration.of(17_000)).isEqualTo("17.0 us");
        assertThat(ThreeFigureDuration.of(1_423_000)).isEqualTo("1.42 ms");
        assertThat(ThreeFigureDuration.of(316_000_000)).isEqualTo("316 ms");
        assertThat(ThreeFigureDuration.of(12_000_000_000L)).isEqualTo("12.0 s");
        assertThat(ThreeFigureDuration.of(123_400_000_000L)).isEqualTo("123 s");
    }

    @Test
    void roundingComesBeforeTheUnit() {
        assertThat(ThreeFigureDuration.of(999_499)).isEqualTo("999 us");
        assertThat(ThreeFigureDuration.of(999_500)).isEqualTo("1.00 ms");
        assertThat(ThreeFigureDuration.of(999_600)).isEqualTo("1.00 ms");
        assertThat(ThreeFigureDuration.of(999.5)).isEqualTo("1.00 us");
        assertThat(ThreeFigureDuration.of(999_500_000L)).isEqualTo("1.00 s");
    }

    @Test
    void halvesRoundUpOnTheExactDecimalValue() {
        // 12 950 / 1000 in binary is 12.9499999...; the exact decimal 12.95 rounds up
        assertThat(ThreeFigureDuration.of(12_950)).isEqualTo("13.0 us");
        assertThat(ThreeFigureDuration.of(12_950.0)).isEqualTo("13.0 us");
        assertThat(ThreeFigureDuration.of(1_005_000)).isEqualTo("1.01 ms");
    }

    @Test
    void nanosecondsAreWholeAndSecondsFromAThousandOnAreWhole() {
        assertThat(ThreeFigureDuration.of(7)).isEqualTo("7 ns");
        assertThat(ThreeFigureDuration.of(0)).isEqualTo("0 ns");
        assertThat(ThreeFigureDuration.of(8.5)).isEqualTo("9 ns");
        assertThat(ThreeFigureDuration.of(1_234_000_000_000L)).isEqualTo("1234 s");
        assertThat(ThreeFigureDuration.of(1_006_400_000_000L)).isEqualTo("1006 s");
        assertThat(ThreeFigureDuration.of(3_600_000_000_000L)).isEqualTo("3600 s");
        assertThat(ThreeFigureDuration.of(999_600_000_000L)).isEqualTo("1000 s");
    }

    @Test
    void unknownIsADash() {
        assertThat(ThreeFigureDuration.of(-1)).isEqualTo("-");
        assertThat(ThreeFigureDuration.of(-0.5)).isEqualTo("-");
        assertThat(ThreeFigureDuration.of(Double.NaN)).isEqualTo("-");
        assertThat(ThreeFigureDuration.of(Double.POSITIVE_INFINITY)).isEqualTo("-");
        assertThat(ThreeFigureDuration.of(OptionalLong.empty())).isEqualTo("-");
        assertThat(ThreeFigureDuration.of(OptionalLong.of(41_000))).isEqualTo("41.0 us");
    }

    @Test
    void aRangeWritesASharedUnitOnce() {
        assertThat(ThreeFigureDuration.range(30_000, 36_200)).isEqualTo("30.0-36.2 us");
        assertThat(ThreeFigureDuration.range(950_000, 1_020_000)).isEqualTo("950 us-1.02 ms");
        assertThat(ThreeFigureDuration.range(-1, 1_020_000)).isEqualTo("-");
        assertThat(ThreeFigureDuration.range(30_000, Double.NaN)).isEqualTo("-");
    }
}
