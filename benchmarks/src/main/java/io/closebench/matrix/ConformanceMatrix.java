package io.closebench.matrix;

import io.closebench.rig.CaseRunner;
import io.closebench.rig.Observation;
import io.closebench.rig.RunControl;
import io.closebench.scenario.Scenario;
import io.closebench.transport.KernelTcpState;
import io.closebench.schema.Observer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario of a plan with every observer, N times each, streaming every observation to
 * the observations CSV and adding it to its row. The observers take turns repetition by
 * repetition, so that all meet the same machine conditions: on a shared 2-core machine, load
 * drifts, and a comparison is only fair side by side. A stop request ends the run between two
 * repetitions; the rows then hold what completed, marked partial.
 */
public final class ConformanceMatrix {

    private ConformanceMatrix() {
    }

    public static MatrixResult run(MatrixPlan plan, ObservationLog log, RunControl control, PrintStream progress)
            throws IOException {
        Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);
        try {
            for (Observer o : plan.observers()) {
                // the matrix records the kernel's TCP state of every observer's socket, outside t1 - t0
                runners.put(o, new CaseRunner(o, plan.plan(), plan.settings().withTcpStates(KernelTcpState.visible())));
            }
            List<MatrixRow> rows = new ArrayList<>();
            int index = 0;
            for (Scenario s : plan.scenarios()) {
                if (control.stopRequested()) {
                    break;
                }
                index++;
                long start = System.nanoTime();
                Map<Observer, MatrixRow> byObserver = new LinkedHashMap<>();
                for (Observer o : plan.observers()) {
                    byObserver.put(o, new MatrixRow(s, o, plan.plan().placement(), plan.repetitionsOf(s)));
                }
                control.nowDoing("matrix " + s.id());
                for (int rep = 0; rep < plan.repetitionsOf(s) && !control.stopRequested(); rep++) {
                    for (Observer o : plan.observers()) {
                        Observation observation = runners.get(o).run(s);
                        byObserver.get(o).add(observation);
                        log.append(observation, rep);
                        control.repetitionDone();
                    }
                }
                rows.addAll(byObserver.values());
                plan.skipped().forEach((o, why) -> rows.add(MatrixRow.skipped(s, o, plan.plan().placement(), why)));
                StringBuilder line = new StringBuilder(String.format("[%2d/%d] %-18s x%d ", index,
                        plan.scenarios().size(), s.id(), plan.repetitionsOf(s)));
                for (MatrixRow row : byObserver.values()) {
                    line.append(String.format(" %s: %-16s", row.observer(), row.outcomeSummary()));
                }
                progress.printf("%s %6.1f s%s%n", line, (System.nanoTime() - start) / 1e9,
                        control.stopRequested() ? "  (stopped: " + control.stoppedBy() + ")" : "");
            }
            return new MatrixResult(rows, plan.pending(), MatrixResult.NOT_RUN_HERE, control.stoppedBy());
        } finally {
            runners.values().forEach(CaseRunner::close);
        }
    }
}
