package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GrowthWithNTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults();

    @Test
    void anExactPowerLawGivesItsExponentAndATightInterval() {
        TreeMap<Integer, double[]> t = new TreeMap<>();
        for (int n : new int[] {1, 10, 100, 1000}) {
            double v = 2e6 * Math.pow(n, 1.5);
            t.put(n, new double[] {v, v, v});
        }
        GrowthWithN g = GrowthWithN.of(t, SETTINGS);

        GrowthWithN.Fit fit = g.fit().orElseThrow();
        assertThat(fit.exponent()).isCloseTo(1.5, within(1e-9));
        assertThat(fit.interval().low()).isCloseTo(1.5, within(1e-9));
        assertThat(fit.interval().high()).isCloseTo(1.5, within(1e-9));
        assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(fit.points()).isEqualTo(12);
        assertThat(g.steps()).allSatisfy(s -> assertThat(s.slope()).isCloseTo(1.5, within(1e-9)));
        // 1.5 > 1.2 from the first step on: it departs at the second measured N, beyond the (empty) spread
        assertThat(g.departure()).hasValueSatisfying(s -> {
            assertThat(s.toN()).isEqualTo(10);
            assertThat(s.beyondSpread()).isTrue();
        });
    }

    @Test
    void twoNWithOneTrialEachGiveTheSlopeBetweenThemAndNoInterval() {
        GrowthWithN g = GrowthWithN.of(new TreeMap<>(Map.of(10, new double[] {3e6}, 1000, new double[] {12e6})), SETTINGS);

        assertThat(g.fit().orElseThrow().exponent()).isCloseTo(Math.log(4) / Math.log(100), within(1e-12));
        assertThat(g.fit().orElseThrow().interval().isDefined()).isFalse();
        assertThat(g.fit().orElseThrow().interval().undefinedReason()).hasValue("one trial at every N: nothing to redraw");
        assertThat(g.departure()).isEmpty();
    }

    @Test
    void aFixedCostThenGrowthDepartsWhereThePerConnectionTimeGrows() {
        // a fixed 2 ms, then 75 ms at N = 1000: slopes about 0.1, 0.1 and 1.4
        TreeMap<Integer, double[]> t = new TreeMap<>();
        t.put(1, new double[] {1.8e6, 2.0e6, 2.2e6});
        t.put(10, new double[] {2.1e6, 2.3e6, 2.5e6});
        t.put(100, new double[] {2.9e6, 3.0e6, 3.3e6});
        t.put(1000, new double[] {60e6, 75e6, 80e6});
        GrowthWithN g = GrowthWithN.of(t, SETTINGS);

        assertThat(g.steps()).extracting(GrowthWithN.Step::toN).containsExactly(10, 100, 1000);
        assertThat(g.steps().get(2).slope()).isCloseTo(Math.log(75.0 / 3.0) / Math.log(10), within(1e-9));
        assertThat(g.steps().get(2).lowestSlope()).isCloseTo(Math.log(60 / 3.3) / Math.log(10), within(1e-9));
        assertThat(g.departure()).hasValueSatisfying(s -> {
            assertThat(s.fromN()).isEqualTo(100);
            assertThat(s.toN()).isEqualTo(1000);
            assertThat(s.beyondSpread()).isTrue();
        });
        GrowthWithN.Fit fit = g.fit().orElseThrow();
        assertThat(fit.interval().contains(fit.exponent())).isTrue();
        assertThat(fit.exponent()).isBetween(0.3, 0.6);
    }

    @Test
    void aSlopeAboveTheThresholdThatTheTrialsDoNotBearOutIsWithinTheirSpread() {
        TreeMap<Integer, double[]> t = new TreeMap<>();
        t.put(100, new double[] {2e6, 3e6, 9e6});
        t.put(1000, new double[] {10e6, 60e6, 70e6});
        GrowthWithN.Step step = GrowthWithN.of(t, SETTINGS).departure().orElseThrow();

        assertThat(step.slope()).isCloseTo(Math.log(20) / Math.log(10), within(1e-9));
        assertThat(step.beyondSpread()).isFalse();
    }

    @Test
    void linearGrowthWithNoiseDoesNotDepartAndItsIntervalHoldsOne() {
        TreeMap<Integer, double[]> t = new TreeMap<>();
        for (int n : new int[] {10, 100, 1000}) {
            t.put(n, new double[] {0.9e4 * n, 1.0e4 * n, 1.1e4 * n});
        }
        GrowthWithN g = GrowthWithN.of(t, SETTINGS);

        assertThat(g.fit().orElseThrow().exponent()).isCloseTo(1.0, within(1e-9));
        assertThat(g.fit().orElseThrow().interval().contains(1.0)).isTrue();
        assertThat(g.departure()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndOneNGivesNoFit() {
        TreeMap<Integer, double[]> t = new TreeMap<>();
        t.put(1, new double[] {1e6, 2e6, 1.5e6});
        t.put(100, new double[] {5e6, 9e6, 6e6});
        assertThat(GrowthWithN.of(t, SETTINGS).fit().orElseThrow().interval())
                .isEqualTo(GrowthWithN.of(t, SETTINGS).fit().orElseThrow().interval());
        assertThat(GrowthWithN.of(new TreeMap<>(Map.of(5, new double[] {1e6})), SETTINGS).fit()).isEmpty();
        assertThatThrownBy(() -> GrowthWithN.of(new TreeMap<>(Map.of(5, new double[] {0})), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void theRangeOfTrialsAndWhatItCovers() {
        TrialSpread s = TrialSpread.of(new double[] {5, 1, 3, 4});
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.coverage()).isEqualTo(0.875);
        assertThat(TrialSpread.of(new double[] {2, 2, 2}).coverage()).isEqualTo(0.75);
        assertThat(TrialSpread.of(new double[] {7}).coverage()).isZero();
    }
}
