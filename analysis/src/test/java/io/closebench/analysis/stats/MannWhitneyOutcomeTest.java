package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MannWhitneyOutcomeTest {

    // Textbook case without ties, nA = 6, nB = 7.
    // Pooled order: 110a 120a 135a 140b 150a 160b 170a 180b 190a 200b 210b 230b 250b
    // ranks of A: 1 2 3 5 7 9, R_A = 27, U_A = R_A - 6*7/2 = 27 - 21 = 6
    // check by counting pairs a > b: 150>140 (1), 170>140,160 (2), 190>140,160,180 (3) -> 6
    // U_B = 6*7 - 6 = 36. Normal approximation without corrections:
    //   E[U] = 42/2 = 21, Var[U] = 6*7*(6+7+1)/12 = 588/12 = 49, sd = 7
    //   z = (min U - 21) / 7 = (6 - 21) / 7 = -2.142857
    //   p = 2 * Phi(-2.142857); normal table: Phi(-2.14) = 0.01618, Phi(-2.15) = 0.01578,
    //   linear interpolation Phi(-2.142857) = 0.016066, p = 0.03213.
    //   To 1e-15: Phi(z) = erfc(-z / sqrt 2) / 2 gives p = 0.03212457120765665 (Python math.erfc).
    // R's wilcox.test(a, b, exact = FALSE, correct = TRUE) applies a continuity correction:
    //   z = (15 - 0.5) / 7 = -2.071429, p = 2 * Phi(-2.071429) = 0.03832 (table: Phi(-2.07) = 0.01923);
    //   commons-math3 does not, so it must report the smaller 0.03212.
    private static final long[] A = {170, 110, 190, 135, 120, 150};
    private static final long[] B = {200, 140, 250, 180, 230, 160, 210};

    @Test
    void textbookExampleMatchesHandCalculation() {
        MannWhitneyOutcome outcome = MannWhitneyOutcome.of(A, B);
        assertThat(outcome.nA()).isEqualTo(6);
        assertThat(outcome.nB()).isEqualTo(7);
        assertThat(outcome.uA()).isEqualTo(6.0);
        assertThat(outcome.pValue()).isCloseTo(0.03212457120765665, within(1e-9));
        assertThat(outcome.pValue()).isCloseTo(0.03213, within(2e-5)); // the table interpolation
        assertThat(outcome.pValue()).isNotCloseTo(0.03832, within(0.005)); // no continuity correction
        // P(A < B) = U_B / (nA nB) = 36 / 42 = 6/7; rank-biserial = 2 * 6/7 - 1 = 5/7
        assertThat(outcome.probabilityALower()).isCloseTo(6.0 / 7.0, within(1e-12));
        assertThat(outcome.rankBiserial()).isCloseTo(5.0 / 7.0, within(1e-12));
    }

    @Test
    void swappingGroupsMirrorsTheEffectButNotThePValue() {
        MannWhitneyOutcome forward = MannWhitneyOutcome.of(A, B);
        MannWhitneyOutcome backward = MannWhitneyOutcome.of(B, A);
        assertThat(backward.uA()).isEqualTo(36.0);
        assertThat(backward.probabilityALower()).isCloseTo(1.0 / 7.0, within(1e-12));
        assertThat(backward.pValue()).isCloseTo(forward.pValue(), within(1e-15));
    }

    @Test
    void tiesGetAverageRanksAndNoVarianceCorrection() {
        // A = {1, 2, 2, 3}, B = {2, 3, 4, 5}; pooled 1 2 2 2 3 3 4 5
        // ranks: 1 -> 1; the three 2s share ranks 2,3,4 -> 3; the two 3s share 5,6 -> 5.5; 4 -> 7; 5 -> 8
        // R_A = 1 + 3 + 3 + 5.5 = 12.5, U_A = 12.5 - 10 = 2.5 (pairs a > b: 3>2 once, ties 2=2 twice and 3=3 once, halved)
        // uncorrected: E = 8, Var = 16 * 9 / 12 = 12, z = (2.5 - 8) / sqrt(12) = -1.587713,
        //   p = 2 Phi(-1.587713) = 0.11235 (table: Phi(-1.59) = 0.05592 -> 0.1118 at z = -1.59)
        // tie-corrected variance would be 16/12 * (9 - (3^3 - 3 + 2^3 - 2) / (8 * 7)) = 11.2857, p = 0.1016
        MannWhitneyOutcome outcome = MannWhitneyOutcome.of(new long[] {1, 2, 2, 3}, new long[] {2, 3, 4, 5});
        assertThat(outcome.uA()).isEqualTo(2.5);
        assertThat(outcome.pValue()).isCloseTo(0.11235119769046385, within(1e-9));
        assertThat(outcome.pValue()).isNotCloseTo(0.1016, within(0.005));
        // P(A < B) + P(A = B) / 2 = 1 - 2.5 / 16 = 0.84375
        assertThat(outcome.probabilityALower()).isEqualTo(0.84375);
    }

    @Test
    void identicalGroupsGivePOneAndEvenOdds() {
        // U_A = U_B = n^2 / 2, z = 0, p = 2 * Phi(0) = 1
        long[] same = {5, 9, 2, 7, 7, 3};
        MannWhitneyOutcome outcome = MannWhitneyOutcome.of(same, same.clone());
        assertThat(outcome.pValue()).isEqualTo(1.0);
        assertThat(outcome.probabilityALower()).isEqualTo(0.5);
        assertThat(outcome.rankBiserial()).isZero();
    }

    @Test
    void emptyGroupIsAnError() {
        assertThatThrownBy(() -> MannWhitneyOutcome.of(new long[0], B))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group A is empty");
        assertThatThrownBy(() -> MannWhitneyOutcome.of(A, new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group B is empty");
    }
}
