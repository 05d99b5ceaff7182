package io.closebench.analysis.results;

import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathConnectionRecord;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder's mass deaths ({@code massdeath-*} files), read and checked: every trial row, skipped
 * combinations' rows included, and every connection that was not detected by its trial's bound,
 * with the trial it belongs to (from {@code massdeath-connections-*.csv}, so that no undetected
 * connection is left out of the report). Empty where the run did no mass death.
 *
 * @param trials every row of {@code massdeath-trials-*.csv}, in file order
 * @param undetected every connection of a trial that ran whose end was not noticed by the bound
 */
public record MassDeathRun(List<MassDeathTrialRecord> trials, List<Undetected> undetected) {

    /** One connection not detected by the bound, and its trial. */
    public record Undetected(MassDeathTrialRecord trial, MassDeathConnectionRecord connection) {
    }

    /** Keeps unmodifiable copies. */
    public MassDeathRun {
        trials = List.copyOf(trials);
        undetected = List.copyOf(undetected);
    }

    /** @return no mass death */
    public static MassDeathRun none() {
        return new MassDeathRun(List.of(), List.of());
    }

    /** @return whether the folder has no mass-death trial */
    public boolean isEmpty() {
        return trials.isEmpty();
    }

    /** @return the trials of each combination, in combination order, each list in file order */
    public Map<MassDeathCombination, List<MassDeathTrialRecord>> byCombination() {
        Map<MassDeathCombination, List<MassDeathTrialRecord>> out = new TreeMap<>();
        trials.forEach(t -> out.computeIfAbsent(t.combination(), k -> new ArrayList<>()).add(t));
        return out;
    }

    /** @return the combinations that could not run here, each with its one "skipped:" row */
    public Map<MassDeathCombination, MassDeathTrialRecord> skipped() {
        Map<MassDeathCombination, MassDeathTrialRecord> out = new LinkedHashMap<>();
        trials.stream().filter(t -> t.skippedReason().isPresent()).forEach(t -> out.putIfAbsent(t.combination(), t));
        return out;
    }
}
