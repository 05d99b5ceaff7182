package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ConfidenceInterval;
import io.closebench.analysis.stats.RunToRunChange;
import java.util.Optional;

/**
 * One figure measured in two runs (the same benchmark combination, matrix row or cable group) and
 * whether its median moved beyond noise, as {@link RunToRunChange} decides: run A is the baseline,
 * run B the candidate.
 *
 * @param section where the figure belongs, e.g. "benchmarks"
 * @param label what the figure is, e.g. "C2a idle NIO"
 * @param change the comparison; empty when one run has no value to compare
 * @param sentence what the comparison allows one to say, or why there is none
 */
record FigureChange(String section, String label, Optional<RunToRunChange> change, String sentence) {

    /**
     * @param section where the figure belongs
     * @param label what the figure is
     * @param a run A's latencies, ns, all positive
     * @param b run B's latencies, ns, all positive
     * @param settings bootstrap resamples, level, seed
     * @return the change
     */
    static FigureChange of(String section, String label, long[] a, long[] b, BootstrapSettings settings) {
        if (a.length == 0 || b.length == 0) {
            return new FigureChange(section, label, Optional.empty(), label + ": cannot compare: run "
                    + (a.length == 0 ? "A" : "B") + " has no detection with a known time");
        }
        try {
            RunToRunChange c = RunToRunChange.of(a, b, settings);
            return new FigureChange(section, label, Optional.of(c), c.describe(label));
        } catch (IllegalArgumentException e) {
            return new FigureChange(section, label, Optional.empty(), label + ": cannot compare: " + e.getMessage());
        }
    }

    /** @return whether the median moved beyond noise */
    boolean beyondNoise() {
        return change.map(RunToRunChange::beyondNoise).orElse(false);
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
        return Optional.of(new ChangeChart.Row(label, change.get().relativeChange(), i.low(), i.high(), beyondNoise()));
    }
}
