package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.stats.ConfidenceInterval;
import org.HdrHistogram.Histogram;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FiguresTest {

    @Test
    void anIntervalThatExcludesOneNeverPrintsABoundAsOne() {
        assertThat(Figures.ratioWithInterval(1.0472, ConfidenceInterval.of(1.0462, 1.0511, 0.95)))
                .isEqualTo("1.047 (1.046-1.051)");
        assertThat(Figures.ratioWithInterval(1.0072, ConfidenceInterval.of(1.0031, 1.0119, 0.95)))
                .isEqualTo("1.007 (1.003-1.012)");
        assertThat(Figures.ratioWithInterval(0.97, ConfidenceInterval.of(0.92, 1.01, 0.95))).isEqualTo("0.97 (0.92-1.01)");
        assertThat(Figures.ratioWithInterval(1.5, ConfidenceInterval.undefined(0.95, "too few")))
                .isEqualTo("1.50 (CI undefined)");
        assertThat(Figures.durationInterval(ConfidenceInterval.of(30_000, 36_200, 0.95))).isEqualTo("30.0-36.2 us");
        assertThat(Figures.durationInterval(ConfidenceInterval.of(950_000, 1_020_000, 0.95))).isEqualTo("950 us-1.02 ms");
    }

    @Test
    void aPercentileLineRunsFromTheMinimumToTheMaximumAtOneMinusOneOverN() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1_000L);
        }
        XYSeries s = PercentileChart.series("NIO", h);
        assertThat(s.getX(0).doubleValue()).isEqualTo(1.0);
        assertThat(s.getY(0).doubleValue()).isEqualTo(h.getValueAtPercentile(0) / 1e3);
        int last = s.getItemCount() - 1;
        assertThat(s.getX(last).doubleValue()).isEqualTo(1000.0);
        assertThat(s.getY(last).doubleValue()).isEqualTo(h.getMaxValue() / 1e3);
        for (int i = 1; i < s.getItemCount(); i++) {
            assertThat(s.getY(i).doubleValue()).isGreaterThanOrEqualTo(s.getY(i - 1).doubleValue());
        }
    }

    @Test
    void percentileTicksReadAsPercentiles() {
        PercentileAxisFormat f = new PercentileAxisFormat();
        assertThat(f.format(1.0)).isEqualTo("0%");
        assertThat(f.format(10.0)).isEqualTo("90%");
        assertThat(f.format(1000.0)).isEqualTo("99.9%");
        assertThat(f.format(100_000.0)).isEqualTo("99.999%");
    }
}
