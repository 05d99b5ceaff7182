package io.closebench.matrix;

import io.closebench.cable.CableFault;
import io.closebench.s1.CablePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix's S1: the variants selected (faults of the namespace topology), and either the trials
 * that run them, or why they do not run here (then S1 shows as not run, with the reason, never
 * silently left out).
 *
 * @param selected      S1's variants the run names; empty when S1 is not selected
 * @param plan          the trials, when they run
 * @param notRunBecause why they do not, when they do not ("" when they run or are not selected)
 */
public record PulledCablePart(List<CableFault> selected, Optional<CablePlan> plan, String notRunBecause) {

    public PulledCablePart {
        selected = List.copyOf(selected);
        if (!selected.isEmpty() && plan.isEmpty() && notRunBecause.isEmpty()) {
            throw new IllegalArgumentException("S1 selected, not run, and no reason given");
        }
    }

    /** S1 not selected. */
    public static PulledCablePart notSelected() {
        return new PulledCablePart(List.of(), Optional.empty(), "");
    }

    /** S1 selected and run by {@code plan}. */
    public static PulledCablePart runs(List<CableFault> selected, CablePlan plan) {
        return new PulledCablePart(selected, Optional.of(plan), "");
    }

    /** S1 selected, not run here, because of {@code why}. */
    public static PulledCablePart notRun(List<CableFault> selected, String why) {
        return new PulledCablePart(selected, Optional.empty(), why);
    }

    public boolean runs() {
        return plan.isPresent();
    }

    /** Whether it was selected and cannot run: the matrix shows it as not run, with {@link #notRunBecause}. */
    public boolean selectedButNotRun() {
        return !selected.isEmpty() && plan.isEmpty();
    }

    /** The run's parameters for the metadata. */
    public Map<String, String> parameters() {
        return plan.map(CablePlan::parameters).orElse(selected.isEmpty() ? Map.of("cable", "not selected")
                : Map.of("cable", notRunBecause));
    }
}
