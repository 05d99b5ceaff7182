package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenjaminiHochbergTest {

    /**
     * The worked example of Benjamini &amp; Hochberg (1995): 15 p-values from a
     * thrombolysis trial (Neuhaus et al. 1992). At q = 0.05 the procedure rejects the 4 smallest;
     * Bonferroni (0.05 / 15 = 0.0033) would reject 3.
     */
    private static final double[] PAPER = {
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
        0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000
    };

    @Test
    void textbookExampleRejectsTheFourSmallest() {
        BenjaminiHochberg bh = BenjaminiHochberg.of(PAPER, 0.05);

        assertThat(bh.size()).isEqualTo(15);
        assertThat(bh.rejections()).isEqualTo(4);
        assertThat(IntStream.range(0, 15).filter(bh::rejected).toArray()).containsExactly(0, 1, 2, 3);
        // p(4) = 0.0095 <= 4 x 0.05 / 15 = 0.0133, while p(5) = 0.0201 > 0.0167 and no later p(k) <= k q / m
        assertThat(bh.q()).isEqualTo(0.05);
    }

    @Test
    void adjustedPValuesAsRsPAdjust() {
        BenjaminiHochberg bh = BenjaminiHochberg.of(PAPER, 0.05);
        double[] expected = {0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571, 0.0638571, 0.0645, 0.0765,
            0.486, 0.5811818, 0.714875, 0.7532308, 0.8132143, 1.0};
        for (int i = 0; i < expected.length; i++) {
            assertThat(bh.adjusted(i)).as("adjusted p %d", i).isCloseTo(expected[i], within(1e-6));
            assertThat(bh.rejected(i)).isEqualTo(bh.adjusted(i) <= 0.05);
        }
    }

    @Test
    void inputOrderDoesNotMatter() {
        double[] reversed = new double[PAPER.length];
        for (int i = 0; i < PAPER.length; i++) {
            reversed[i] = PAPER[PAPER.length - 1 - i];
        }
        BenjaminiHochberg bh = BenjaminiHochberg.of(reversed, 0.05);
        assertThat(IntStream.range(0, 15).filter(bh::rejected).toArray()).containsExactly(11, 12, 13, 14);
        assertThat(bh.adjusted(14)).isCloseTo(0.0015, within(1e-12));
    }

    @Test
    void stepUpRejectsASmallerPValueThatAloneWouldMissItsThreshold() {
        // p(1) = 0.03 > 1 x 0.05 / 2, but p(2) = 0.04 <= 2 x 0.05 / 2: both are rejected
        BenjaminiHochberg bh = BenjaminiHochberg.of(new double[] {0.04, 0.03}, 0.05);
        assertThat(bh.rejections()).isEqualTo(2);
        assertThat(bh.rejected(0)).isTrue();
        assertThat(bh.rejected(1)).isTrue();
    }

    @Test
    void aPValueOfExactlyItsThresholdIsRejected() {
        // 0.0125 x 4 = 0.05 exactly, also in binary (a power-of-two factor)
        BenjaminiHochberg bh = BenjaminiHochberg.of(new double[] {0.5, 0.0125, 0.6, 0.7}, 0.05);
        assertThat(bh.rejections()).isEqualTo(1);
        assertThat(bh.rejected(1)).isTrue();
    }

    @Test
    void emptyFamilyAndNothingSignificant() {
        assertThat(BenjaminiHochberg.of(new double[0], 0.05).rejections()).isZero();
        BenjaminiHochberg none = BenjaminiHochberg.of(new double[] {0.2, 0.9, 0.04}, 0.05);
        assertThat(none.rejections()).isZero();
        assertThat(none.adjusted(2)).isCloseTo(0.12, within(1e-12));
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> BenjaminiHochberg.of(new double[] {Double.NaN}, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in [0, 1]");
        assertThatThrownBy(() -> BenjaminiHochberg.of(new double[] {1.5}, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in [0, 1]");
        assertThatThrownBy(() -> BenjaminiHochberg.of(new double[] {0.1}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly between 0 and 1");
    }
}
