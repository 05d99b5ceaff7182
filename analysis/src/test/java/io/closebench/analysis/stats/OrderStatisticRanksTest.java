package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OrderStatisticRanksTest {

    // Binomial(20, 1/2) by hand: C(20, k) for k = 0..6 is 1, 20, 190, 1140, 4845, 15504, 38760; 2^20 = 1048576.
    // F(3) = 1351 / 2^20 = 0.00129   F(4) = 6196 / 2^20 = 0.00591
    // F(5) = 21700 / 2^20 = 0.02069  F(6) = 60460 / 2^20 = 0.05766
    // By symmetry F(k) = 1 - F(19 - k): F(13) = 0.94234, F(14) = 0.97931, F(15) = 0.99409, F(16) = 0.99871.

    @Test
    void medianOfTwentyAtNinetyFivePercentUsesRanksSixAndFifteen() {
        // l - 1 = largest k with F(k) <= 0.025 -> k = 5 (0.02069), l = 6
        // u - 1 = smallest k with F(k) >= 0.975 -> k = 14 (0.97931), u = 15
        // coverage = F(14) - F(5) = (1048576 - 21700 - 21700) / 1048576 = 1005176 / 1048576
        OrderStatisticRanks ranks = OrderStatisticRanks.find(20, 0.5, 0.95).orElseThrow();
        assertThat(ranks.lowRank()).isEqualTo(6);
        assertThat(ranks.highRank()).isEqualTo(15);
        assertThat(ranks.coverage()).isCloseTo(1005176.0 / 1048576.0, within(1e-12));
    }

    @Test
    void medianOfTwentyAtNinetyNinePercentUsesRanksFourAndSeventeen() {
        // l - 1 = largest k with F(k) <= 0.005 -> k = 3 (0.00129; F(4) = 0.00591 is too big), l = 4
        // u - 1 = smallest k with F(k) >= 0.995 -> k = 16 (0.99871; F(15) = 0.99409 too small), u = 17
        // coverage = F(16) - F(3) = 1 - 2 * 1351 / 1048576 = 0.9974231719970703
        OrderStatisticRanks ranks = OrderStatisticRanks.find(20, 0.5, 0.99).orElseThrow();
        assertThat(ranks.lowRank()).isEqualTo(4);
        assertThat(ranks.highRank()).isEqualTo(17);
        assertThat(ranks.coverage()).isCloseTo(0.9974231719970703, within(1e-12));
    }

    @Test
    void sixValuesAreTheFewestForAMedianAtNinetyFivePercent() {
        // n = 5: F(0) = 1/32 = 0.03125 > 0.025, no lower rank exists.
        // n = 6: F(0) = 1/64 = 0.015625 <= 0.025 < F(1) = 7/64 -> l = 1; F(4) = 57/64 < 0.975 <= F(5) = 63/64 -> u = 6
        // coverage = 63/64 - 1/64 = 62/64
        assertThat(OrderStatisticRanks.find(5, 0.5, 0.95)).isEmpty();
        OrderStatisticRanks ranks = OrderStatisticRanks.find(6, 0.5, 0.95).orElseThrow();
        assertThat(ranks.lowRank()).isEqualTo(1);
        assertThat(ranks.highRank()).isEqualTo(6);
        assertThat(ranks.coverage()).isCloseTo(62.0 / 64.0, within(1e-12));
        assertThat(OrderStatisticRanks.minimumSampleSize(0.5, 0.95)).isEqualTo(6);
    }

    @Test
    void tailQuantilesNeedFarMoreSamples() {
        // the upper rank exists only if q^n <= 0.025:
        // p90: 0.9^35 = 0.025032 > 0.025, 0.9^36 = 0.022528 -> 36
        // p99: 0.99^367 = 0.025010 > 0.025, 0.99^368 = 0.024760 -> 368
        // p99.9: ln(0.025) / ln(0.999) = 3687.03 -> 3688
        assertThat(OrderStatisticRanks.find(20, 0.9, 0.95)).isEmpty();
        assertThat(OrderStatisticRanks.find(35, 0.9, 0.95)).isEmpty();
        assertThat(OrderStatisticRanks.find(36, 0.9, 0.95)).get()
                .extracting(OrderStatisticRanks::highRank).isEqualTo(36L);
        assertThat(OrderStatisticRanks.minimumSampleSize(0.9, 0.95)).isEqualTo(36);
        assertThat(OrderStatisticRanks.minimumSampleSize(0.99, 0.95)).isEqualTo(368);
        assertThat(OrderStatisticRanks.find(367, 0.99, 0.95)).isEmpty();
        assertThat(OrderStatisticRanks.minimumSampleSize(0.999, 0.95)).isEqualTo(3688);
    }

    @Test
    void medianRanksAreSymmetricAndCoverageIsAtLeastNominal() {
        // for q = 1/2 the binomial is symmetric, so l + u = n + 1 for every n
        for (int n = 6; n <= 400; n += 7) {
            OrderStatisticRanks ranks = OrderStatisticRanks.find(n, 0.5, 0.95).orElseThrow();
            assertThat(ranks.lowRank() + ranks.highRank()).as("n = %d", n).isEqualTo(n + 1L);
            assertThat(ranks.coverage()).as("n = %d", n).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> OrderStatisticRanks.find(0, 0.5, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample size");
        assertThatThrownBy(() -> OrderStatisticRanks.find(20, 1.0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantile");
        assertThatThrownBy(() -> OrderStatisticRanks.find(20, 0.5, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence level");
    }
}
