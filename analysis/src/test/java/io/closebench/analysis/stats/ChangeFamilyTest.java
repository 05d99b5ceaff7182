package io.closebench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChangeFamilyTest {

    private static final BootstrapSettings SETTINGS = BootstrapSettings.defaults().withSeed(31);
    private static final int FIGURES = 60;

    /**
     * One run of one figure: 2 forks x 4 iterations x 2000 log-normal values (log-spread 0.3), each
     * fork's scale multiplied by {@code exp(forkSigma Z)}: the fork-level random effect of JVMs landing
     * differently on the CPUs.
     */
    private static ForkedLatency run(Well19937c random, double median, double forkSigma, long seed) {
        double[] forks = {median * Math.exp(forkSigma * random.nextGaussian()), median * Math.exp(forkSigma * random.nextGaussian())};
        return ForkedSamples.withForkMedians(forks, 4, 2_000, 0.3, seed);
    }

    /** {@link #FIGURES} figures; figure i's candidate median is {@code shifts[i]} times its baseline's (1 when absent). */
    private static List<ChangeFamily.Figure> family(double forkSigma, long seed, double... shifts) {
        Well19937c random = new Well19937c(seed);
        List<ChangeFamily.Figure> figures = new ArrayList<>();
        for (int i = 0; i < FIGURES; i++) {
            double median = 20_000 + 500 * i;
            double shift = i < shifts.length ? shifts[i] : 1.0;
            ForkedLatency baseline = run(random, median, forkSigma, seed * 1000 + 2 * i);
            ForkedLatency candidate = run(random, median * shift, forkSigma, seed * 1000 + 2 * i + 1);
            figures.add(new ChangeFamily.Figure("figure " + i, ForkAwareChange.of(baseline, candidate, SETTINGS.withSeed(i))));
        }
        return figures;
    }

    @Test
    void sixtyFiguresWithForkNoiseButNoRealChangeClaimNothing() {
        List<ChangeFamily.Figure> figures = family(0.1, 7);
        ChangeFamily family = ChangeFamily.of(figures);

        assertThat(family.familySize()).isEqualTo(FIGURES);
        assertThat(family.q()).isEqualTo(0.05);
        assertThat(family.beyondNoiseCount()).as("figures claimed beyond noise").isZero();
        // what the fork-level test in the family p-value is for: with 2 forks per run, interval, fork
        // spread and leave-one-out alone pass a sizeable share of these no-change figures (about a fifth)
        long passingOnTheirOwn = figures.stream().filter(f -> f.change().beyondNoiseOnItsOwn()).count();
        assertThat(passingOnTheirOwn).isGreaterThan(2);
        assertThat(family.outcomes()).extracting(ChangeFamily.Outcome::sentence)
                .anyMatch(s -> s.contains("is not significant after Benjamini-Hochberg at q = 0.05 over 60 figures (adjusted p = "))
                .noneMatch(s -> s.contains("NaN") || s.contains("Infinity"));
    }

    @Test
    void aRealThirtyPercentShiftWithSmallForkNoiseIsDetected() {
        // 0.5 % fork noise; figures 0-3 rise 30 %, figure 4 falls by the same factor, 55 stay put
        ChangeFamily family = ChangeFamily.of(family(0.005, 8, 1.3, 1.3, 1.3, 1.3, 1 / 1.3));
        List<ChangeFamily.Outcome> outcomes = family.outcomes();

        for (int i = 0; i < 4; i++) {
            assertThat(outcomes.get(i).decision()).as(outcomes.get(i).sentence()).isEqualTo(ChangeFamily.Decision.ROSE);
            assertThat(outcomes.get(i).sentence()).matches("figure " + i + ": median rose (2[5-9]|3\\d)% \\(95% hierarchical CI \\+\\d\\d% "
                    + "to \\+\\d\\d% over 2 forks x 4 iterations each in both runs; beyond fork-to-fork variation of both "
                    + "runs; significant after Benjamini-Hochberg at q = 0.05 over 60 figures\\)");
        }
        assertThat(outcomes.get(4).decision()).as(outcomes.get(4).sentence()).isEqualTo(ChangeFamily.Decision.FELL);
        assertThat(outcomes.get(4).sentence()).startsWith("figure 4: median fell 2");
        // BH controls the false discovery rate, not the chance of any false discovery: among 55
        // unchanged figures next to 5 real changes, expect about 0.3 false ones; allow one
        long falseDiscoveries = outcomes.subList(5, FIGURES).stream().filter(ChangeFamily.Outcome::beyondNoise).count();
        assertThat(falseDiscoveries).isLessThanOrEqualTo(1);
    }

    @Test
    void figuresWithOneForkTakeNoPartInTheFamily() {
        Well19937c random = new Well19937c(9);
        ForkedLatency twoForks = run(random, 20_000, 0.01, 91);
        ForkedLatency oneFork = ForkedSamples.withForkMedians(new double[] {26_000}, 4, 2_000, 0.3, 92);
        List<ChangeFamily.Figure> figures = List.of(
                new ChangeFamily.Figure("judged", ForkAwareChange.of(twoForks, run(random, 26_000, 0.01, 93), SETTINGS)),
                new ChangeFamily.Figure("one fork", ForkAwareChange.of(twoForks, oneFork, SETTINGS)));
        ChangeFamily family = ChangeFamily.of(figures, "baseline", "candidate");

        assertThat(family.familySize()).isEqualTo(1);
        assertThat(family.outcomes().get(1).decision()).isEqualTo(ChangeFamily.Decision.NOT_JUDGED);
        assertThat(family.outcomes().get(1).adjustedP()).isEmpty();
        assertThat(family.outcomes().get(1).sentence())
                .startsWith("one fork: run-to-run noise is unknown (one fork in run candidate): not judged (median +");
        assertThat(family.outcomes().get(0).sentence()).endsWith("significant after Benjamini-Hochberg at q = 0.05 over 1 figure)");
    }

    @Test
    void oneFamilyHasOneLevel() {
        Well19937c random = new Well19937c(10);
        ForkedLatency a = run(random, 20_000, 0.01, 101);
        ForkedLatency b = run(random, 20_000, 0.01, 102);
        List<ChangeFamily.Figure> figures = List.of(
                new ChangeFamily.Figure("at 95%", ForkAwareChange.of(a, b, SETTINGS)),
                new ChangeFamily.Figure("at 99%", ForkAwareChange.of(a, b, SETTINGS.withConfidenceLevel(0.99))));
        assertThatThrownBy(() -> ChangeFamily.of(figures))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one family has one level");
        assertThat(ChangeFamily.of(List.of()).outcomes()).isEmpty();
    }
}
