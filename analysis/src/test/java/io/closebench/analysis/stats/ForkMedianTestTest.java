package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkMedianTestTest {

    private static double[] logs(long... values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log(values[i]);
        }
        return out;
    }

    @Test
    void isThePooledVarianceTTestOnLogForkMedians() {
        long[] a = {20_000, 22_000, 21_000};
        long[] b = {26_000, 30_000};
        ForkMedianTest test = ForkMedianTest.of(a, b).orElseThrow();

        assertThat(test.pValue()).isCloseTo(new TTest().homoscedasticTTest(logs(a), logs(b)), within(1e-12));
        assertThat(test.degreesOfFreedom()).isEqualTo(3);
        assertThat(test.ratio()).isCloseTo(Math.sqrt(26_000.0 * 30_000) / Math.cbrt(20_000.0 * 22_000 * 21_000), within(1e-9));
        assertThat(test.forksA()).isEqualTo(3);
        assertThat(test.forksB()).isEqualTo(2);
    }

    @Test
    void twoAgainstTwoForksNeedAClearSeparationRelativeToTheirSpread() {
        // logs differ by 0.2865 with a pooled standard error of 0.0859: t = 3.33 on 2 degrees of
        // freedom, p = 1 - t / sqrt(t^2 + 2) = 0.080, although every B fork is slower than every A fork
        ForkMedianTest test = ForkMedianTest.of(new long[] {20_000, 22_000}, new long[] {26_000, 30_000}).orElseThrow();
        assertThat(test.pValue()).isCloseTo(0.080, within(0.001));
    }

    @Test
    void identicalForkMediansGiveZeroOrOneWithoutNaN() {
        assertThat(ForkMedianTest.of(new long[] {100, 100}, new long[] {120, 120}).orElseThrow().pValue()).isZero();
        ForkMedianTest same = ForkMedianTest.of(new long[] {100, 100}, new long[] {100, 100}).orElseThrow();
        assertThat(same.pValue()).isEqualTo(1.0);
        assertThat(same.standardError()).isZero();
    }

    @Test
    void oneForkOnASideGivesNoTest() {
        assertThat(ForkMedianTest.of(new long[] {100}, new long[] {120, 130})).isEmpty();
        assertThat(ForkMedianTest.of(ForkedSamples.iid(1, 3, 10, 1_000, 0.1, 1), ForkedSamples.iid(2, 3, 10, 1_000, 0.1, 2)))
                .isEmpty();
    }

    @Test
    void guardRails() {
        assertThatThrownBy(() -> ForkMedianTest.of(new long[] {0, 5}, new long[] {5, 6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
        assertThatThrownBy(() -> new ForkMedianTest(1, 2, 0.0, 0.1, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 forks");
    }
}
