package io.closebench.s1;

import io.closebench.schema.Observer;
import io.closebench.matrix.MatrixPlan;
import io.closebench.matrix.MatrixResult;
import io.closebench.results.ResultsFolder;
import io.closebench.scenario.CaseId;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pulled-cable part of the matrix command (case S1). Decided before the matrix runs: it runs
 * when S1 is selected, not switched off, and network namespaces work here; otherwise S1 stays
 * pending in the matrix with the reason (the capability probe's, or {@code --no-cable}), never
 * silently. When it runs, S1 leaves the matrix's pending list and its own table follows the
 * matrix, with every sample in the run folder's {@code cable-*.csv}.
 */
public final class CableSection {

    /** Trials run side by side: they mostly wait. */
    public static final int PARALLEL_TRIALS = 3;

    private final CablePlan plan;
    private final String pendingReason;

    private CableSection(CablePlan plan, String pendingReason) {
        this.plan = plan;
        this.pendingReason = pendingReason;
    }

    /**
     * @param s1Selected   S1 is among the selected cases
     * @param switchedOff  {@code --no-cable} was given
     * @param connections  connections per group
     * @param observers    the observers selected for the matrix
     * @param cpus         where the hosts' programs run
     * @param longVariants  also the variants that take minutes ({@code --cable-long})
     */
    public static CableSection decide(boolean s1Selected, boolean switchedOff, int connections,
                                      Set<Observer> observers, io.closebench.placement.CpuPlan cpus, boolean longVariants) {
        return decide(s1Selected, switchedOff, connections, observers, cpus, longVariants, false);
    }

    /** As above; {@code untilKernelAborts}: also b with the kernel's defaults until it aborts (about 16 minutes). */
    public static CableSection decide(boolean s1Selected, boolean switchedOff, int connections, Set<Observer> observers,
                                      io.closebench.placement.CpuPlan cpus, boolean longVariants, boolean untilKernelAborts) {
        if (!s1Selected) {
            return new CableSection(null, "not selected");
        }
        if (switchedOff) {
            return new CableSection(null, "skipped by --no-cable");
        }
        var capability = CableExperiment.capability();
        if (!capability.available()) {
            return new CableSection(null, "network namespaces unavailable: " + capability.reason());
        }
        return new CableSection(CablePlan.standard(CableSettings.standard().placedBy(cpus), connections, observers,
                longVariants, untilKernelAborts), null);
    }

    public boolean runs() {
        return plan != null;
    }

    /** The matrix plan without S1 among its pending cases when the cable section runs it. */
    public MatrixPlan adjust(MatrixPlan matrix) {
        if (!runs()) {
            return matrix;
        }
        List<CaseId> pending = new ArrayList<>(matrix.pending());
        pending.remove(CaseId.S1);
        return matrix.withPending(pending);
    }

    /** The matrix result, S1's pending reason set to why the cable section did not run. */
    public MatrixResult annotate(MatrixResult result) {
        return runs() || pendingReason == null ? result : result.withPendingReason(pendingReason);
    }

    /** The parameters for the run's metadata (empty when it does not run). */
    public Map<String, String> parameters() {
        return runs() ? plan.parameters() : Map.of("cable", pendingReason);
    }

    /** Runs the trials, prints the table, writes the CSV; does nothing when it does not run. */
    public void run(ResultsFolder folder, io.closebench.rig.RunControl control, PrintStream out)
            throws IOException, InterruptedException {
        if (!runs()) {
            return;
        }
        out.println();
        out.printf("S1, the pulled cable and the dead host: %d trials on network namespaces, %d connections per "
                + "group, %d trials at a time%n", plan.trials().size(), plan.connections(), PARALLEL_TRIALS);
        control.nowDoing("S1 pulled cable");
        List<CableSample> samples;
        try (CableCsv csv = CableCsv.create(folder.file(plan.fileName()), plan.settings().placement().placement().name())) {
            samples = CableMatrix.run(plan.trials(), plan.settings(), PARALLEL_TRIALS, control, csv::append, out);
        }
        out.println();
        CableTable.print(samples, plan.settings().downtime(), out);
        out.println("every sample: " + folder.file(plan.fileName())
                + (control.stopRequested() ? " (stopped by " + control.stoppedBy() + ": trials not started did not run)" : ""));
    }
}
