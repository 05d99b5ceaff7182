package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReportFormatTest {

    @Test
    void pValues() {
        assertThat(ReportFormat.pValue(0.0, 0.05)).isEqualTo("p < 0.001");
        assertThat(ReportFormat.pValue(0.000999, 0.05)).isEqualTo("p < 0.001");
        assertThat(ReportFormat.pValue(0.001, 0.05)).isEqualTo("p = 0.0010");
        assertThat(ReportFormat.pValue(0.41, 0.05)).isEqualTo("p = 0.41");
        assertThat(ReportFormat.pValue(0.012345, 0.05)).isEqualTo("p = 0.012");
        assertThat(ReportFormat.pValue(1.0, 0.05)).isEqualTo("p = 1.0");
        assertThat(ReportFormat.pValue(0.5, 0.05)).isEqualTo("p = 0.50");
        assertThat(ReportFormat.pValue(0.2, 0.05)).isEqualTo("p = 0.20");
        assertThat(ReportFormat.pValue(Double.NaN, 0.05)).isEqualTo("p undefined");
    }

    @Test
    void pValuesAreNeverRoundedAcrossAlpha() {
        // 0.0496 < 0.05 would show as 0.050 with two digits
        assertThat(ReportFormat.pValue(0.0496, 0.05)).isEqualTo("p = 0.0496");
        // 0.05 itself is not significant and may show as 0.050
        assertThat(ReportFormat.pValue(0.05, 0.05)).isEqualTo("p = 0.050");
        // with the binary alpha 1 - 0.95 = 0.050000000000000044 as well
        assertThat(ReportFormat.pValue(0.0496, 1.0 - 0.95)).isEqualTo("p = 0.0496");
        // 0.00996 against alpha 0.01 would show as 0.010
        assertThat(ReportFormat.pValue(0.00996, 0.01)).isEqualTo("p = 0.00996");
    }

    @Test
    void levelsAndQuantileNames() {
        assertThat(ReportFormat.level(0.95)).isEqualTo("95%");
        assertThat(ReportFormat.level(0.999)).isEqualTo("99.9%");
        assertThat(ReportFormat.quantileName(0.5)).isEqualTo("median");
        assertThat(ReportFormat.quantileName(0.99)).isEqualTo("p99");
        assertThat(ReportFormat.quantileName(0.999)).isEqualTo("p99.9");
    }

    @Test
    void signedPercentages() {
        assertThat(ReportFormat.signedPercent(0.123, 1)).isEqualTo("+12.3%");
        assertThat(ReportFormat.signedPercent(-0.008, 1)).isEqualTo("-0.8%");
        assertThat(ReportFormat.signedPercent(-0.0004, 1)).isEqualTo("0.0%");
    }

    @Test
    void decimalsGrowOnlyWhenNeeded() {
        assertThat(ReportFormat.decimalsToShow(1.22, 1.40, 1.0, 2, 4)).isEqualTo(2);
        assertThat(ReportFormat.decimalsToShow(1.002, 1.006, 1.0, 2, 4)).isEqualTo(3);
        assertThat(ReportFormat.decimalsToShow(1.0002, 1.0004, 1.0, 2, 4)).isEqualTo(4);
        assertThat(ReportFormat.decimalsToShow(0.97, 1.08, Double.NaN, 2, 4)).isEqualTo(2);
        assertThat(ReportFormat.decimalsToShow(1.013, 1.014, Double.NaN, 2, 4)).isEqualTo(3);
    }
}
