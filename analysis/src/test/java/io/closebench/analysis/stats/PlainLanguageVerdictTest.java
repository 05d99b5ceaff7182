package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PlainLanguageVerdictTest {

    private static String verdict(MedianComparison comparison) {
        return PlainLanguageVerdict.describe(comparison, "NIO", "BLOCKING", "RESET");
    }

    private static MedianComparison comparison(int nA, int nB, long medianA, long medianB,
            double low, double high, double p) {
        return new MedianComparison(nA, nB, medianA, medianB, ConfidenceInterval.of(low, high, 0.95), p, 0.7);
    }

    @Test
    void aFaster() {
        // ratio = 131000 / 100000 = 1.31 > 1: A (NIO) is faster
        assertThat(verdict(comparison(2000, 2000, 100_000, 131_000, 1.22, 1.40, 1e-5))).isEqualTo(
                "NIO detects RESET 1.31x faster than BLOCKING (95% CI 1.22-1.40, Mann-Whitney p < 0.001, n = 2000/2000)");
    }

    @Test
    void bFasterIsStatedAsTheReciprocalWithTheSidesSwapped() {
        // ratio 0.8, CI [0.75, 0.85] -> BLOCKING faster by 1/0.8 = 1.25, CI [1/0.85, 1/0.75] = [1.176, 1.333]
        assertThat(verdict(comparison(1500, 2000, 100_000, 80_000, 0.75, 0.85, 0.0004))).isEqualTo(
                "BLOCKING detects RESET 1.25x faster than NIO (95% CI 1.18-1.33, Mann-Whitney p < 0.001, n = 2000/1500)");
    }

    @Test
    void noDetectableDifference() {
        assertThat(verdict(comparison(2000, 2000, 100_000, 102_000, 0.97, 1.08, 0.41))).isEqualTo(
                "no detectable difference between NIO and BLOCKING for RESET "
                + "(median ratio BLOCKING/NIO 1.02, 95% CI 0.97-1.08, Mann-Whitney p = 0.41, n = 2000/2000)");
    }

    @Test
    void intervalExcludingOneIsNotEnoughWithoutASignificantTest() {
        assertThat(verdict(comparison(50, 50, 100_000, 120_000, 1.05, 1.40, 0.2)))
                .startsWith("no detectable difference").contains("Mann-Whitney p = 0.20");
    }

    @Test
    void significantTestIsNotEnoughWhenTheIntervalIncludesOne() {
        assertThat(verdict(comparison(50, 50, 100_000, 110_000, 0.98, 1.25, 0.012)))
                .startsWith("no detectable difference").contains("95% CI 0.98-1.25").contains("p = 0.012");
    }

    @Test
    void smallButRealEffectsGetEnoughDecimalsToStayAwayFromOne() {
        // at two decimals this would read "1.00x faster (95% CI 1.00-1.01)"
        assertThat(verdict(comparison(100_000, 100_000, 1_000_000, 1_004_000, 1.002, 1.006, 1e-6))).isEqualTo(
                "NIO detects RESET 1.004x faster than BLOCKING (95% CI 1.002-1.006, Mann-Whitney p < 0.001, n = 100000/100000)");
    }

    @Test
    void pValueJustBelowAlphaIsNotRoundedUpToIt() {
        assertThat(verdict(comparison(200, 200, 100_000, 120_000, 1.05, 1.40, 0.0496)))
                .startsWith("NIO detects RESET 1.20x faster").contains("Mann-Whitney p = 0.0496");
    }

    @Test
    void explicitAlphaOverridesTheIntervalLevel() {
        MedianComparison comparison = comparison(200, 200, 100_000, 120_000, 1.05, 1.40, 0.03);
        assertThat(PlainLanguageVerdict.describe(comparison, "NIO", "BLOCKING", "RESET", 0.05))
                .startsWith("NIO detects RESET 1.20x faster");
        assertThat(PlainLanguageVerdict.describe(comparison, "NIO", "BLOCKING", "RESET", 0.01))
                .startsWith("no detectable difference");
    }

    @Test
    void undefinedIntervalIsSaidInWordsWithoutNaN() {
        MedianComparison comparison = new MedianComparison(1, 1, 100, 150,
                ConfidenceInterval.undefined(0.95, "bootstrap needs at least 2 values per group, have 1 in A and 1 in B"),
                1.0, 0.0);
        assertThat(verdict(comparison)).isEqualTo(
                "cannot tell whether NIO or BLOCKING detects RESET faster: bootstrap needs at least 2 values per group, "
                + "have 1 in A and 1 in B (median ratio BLOCKING/NIO 1.50, Mann-Whitney p = 1.0, n = 1/1)");
    }

    @Test
    void endToEndFromSamples() {
        long[] nio = TestSamples.logNormal(2000, 40_000, 0.4, 41);
        long[] blocking = TestSamples.logNormal(2000, 52_000, 0.4, 42);
        String text = verdict(MedianComparison.of(nio, blocking, BootstrapSettings.defaults()));
        assertThat(text).matches(
                "NIO detects RESET 1\\.\\d\\dx faster than BLOCKING \\(95% CI 1\\.\\d\\d-1\\.\\d\\d, "
                + "Mann-Whitney p < 0\\.001, n = 2000/2000\\)");

        String tiny = verdict(MedianComparison.of(new long[] {40_000}, new long[] {52_000}, BootstrapSettings.defaults()));
        assertThat(tiny).startsWith("cannot tell whether NIO or BLOCKING detects RESET faster").doesNotContain("NaN");
    }

    @Test
    void rejectsBlankLabels() {
        MedianComparison comparison = comparison(10, 10, 100, 120, 1.1, 1.3, 0.01);
        assertThatThrownBy(() -> PlainLanguageVerdict.describe(comparison, "NIO", " ", "RESET"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelB");
        assertThatThrownBy(() -> PlainLanguageVerdict.describe(comparison, "NIO", "BLOCKING", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
    }
}
