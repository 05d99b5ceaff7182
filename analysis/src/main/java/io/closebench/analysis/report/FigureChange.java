package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ChangeFamily;
import io.closebench.analysis.stats.ConfidenceInterval;
import io.closebench.analysis.stats.ForkAwareChange;
import io.closebench.analysis.stats.ForkedLatency;
import java.util.Optional;

/**
 * One figure measured in both runs (the same benchmark combination, matrix scenario, observer and
 * placement, or cable group): its {@link ForkAwareChange} from run A (the baseline) to run B (the
 * candidate) before the family is decided, and afterwards the {@link ChangeFamily.Outcome} that says
 * whether its median moved beyond noise. A figure that cannot be compared (a run without a timed
 * detection) keeps only its sentence.
 *
 * @param section where the figure belongs: "benchmarks", "matrix" or "cable"
 * @param label what the figure is, e.g. "PeerClosesWhileObserverWaits S2-inproc NIO, SAME_CPU, idle 0 us ..."
 * @param a run A's sample, empty when the figure cannot be compared
 * @param b run B's sample, likewise
 * @param change the change, empty when it cannot be computed
 * @param outcome the family's decision, empty until decided or when there is no change
 * @param sentence what the comparison allows one to say, or why there is none
 * @param units what a single-process figure's iterations are ("repetitions", "connections"); empty
 *     for a benchmark figure, whose iterations are JMH's
 */
record FigureChange(String section, String label, Optional<ForkedLatency> a, Optional<ForkedLatency> b,
        Optional<ForkAwareChange> change, Optional<ChangeFamily.Outcome> outcome, String sentence,
        Optional<String> units) {

    /**
     * @param section where the figure belongs
     * @param label what the figure is
     * @param a run A's sample
     * @param b run B's sample
     * @param settings the family's settings
     * @return the change, not yet decided
     */
    static FigureChange of(String section, String label, ForkedLatency a, ForkedLatency b, BootstrapSettings settings) {
        try {
            return new FigureChange(section, label, Optional.of(a), Optional.of(b),
                    Optional.of(ForkAwareChange.of(a, b, settings)), Optional.empty(), "", Optional.empty());
        } catch (IllegalArgumentException e) {
            return cannotCompare(section, label, e.getMessage());
        }
    }

    /** @return a figure that cannot be compared, and why */
    static FigureChange cannotCompare(String section, String label, String why) {
        return new FigureChange(section, label, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                label + ": cannot compare: " + why, Optional.empty());
    }

    /** @return this figure with the family's decision */
    FigureChange decided(ChangeFamily.Outcome decision) {
        return new FigureChange(section, label, a, b, change, Optional.of(decision), decision.sentence(), units);
    }

    /** @return this figure of one process per run, whose iterations are single {@code what} */
    FigureChange inUnits(String what) {
        return new FigureChange(section, label, a, b, change, outcome, sentence, Optional.of(what));
    }

    /** @return "2 forks x 2 iterations each / 2 forks x 2 iterations each", or "1 process x 20 repetitions / ..." */
    String design() {
        return design(a) + " / " + design(b);
    }

    private String design(Optional<ForkedLatency> sample) {
        if (sample.isEmpty()) {
            return "-";
        }
        return units.map(u -> "1 process x " + sample.get().iterationCount() + " " + u).orElse(sample.get().design());
    }

    /** @return whether the median moved beyond noise */
    boolean beyondNoise() {
        return outcome.map(ChangeFamily.Outcome::beyondNoise).orElse(false);
    }

    /** @return whether the family judged it (both runs with two forks or more) */
    boolean judged() {
        return outcome.map(o -> o.decision() != ChangeFamily.Decision.NOT_JUDGED).orElse(false);
    }

    /** @return the forest-plot row, when the interval is defined */
    Optional<ChangeChart.Row> chartRow() {
        if (change.isEmpty()) {
            return Optional.empty();
        }
        ConfidenceInterval i = change.get().relativeChangeInterval();
        if (!i.isDefined()) {
            return Optional.empty();
        }
        ChangeChart.State state = beyondNoise() ? ChangeChart.State.BEYOND_NOISE
                : judged() ? ChangeChart.State.WITHIN_NOISE : ChangeChart.State.NOT_JUDGED;
        return Optional.of(new ChangeChart.Row(label, change.get().relativeChange(), i.low(), i.high(), state));
    }
}
