package io.closebench.matrix;

import io.closebench.run.CaseRunner;
import io.closebench.run.Observation;
import io.closebench.scenario.Scenario;
import io.closebench.transport.SocketApi;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario of a plan with every observer, N times each, and gathers the rows. The
 * observers take turns repetition by repetition, so that both meet the same machine conditions:
 * on a shared 2-core machine, load drifts, and a comparison is only fair side by side.
 */
public final class ConformanceMatrix {

    private ConformanceMatrix() {
    }

    public static MatrixResult run(MatrixPlan plan, PrintStream progress) throws IOException {
        Map<SocketApi, CaseRunner> runners = new EnumMap<>(SocketApi.class);
        try {
            for (SocketApi api : plan.apis()) {
                runners.put(api, new CaseRunner(api, plan.settings()));
            }
            List<MatrixRow> rows = new ArrayList<>();
            int index = 0;
            for (Scenario s : plan.scenarios()) {
                index++;
                long start = System.nanoTime();
                Map<SocketApi, List<Observation>> byApi = new EnumMap<>(SocketApi.class);
                for (int rep = 0; rep < plan.repetitions(); rep++) {
                    for (SocketApi api : plan.apis()) {
                        byApi.computeIfAbsent(api, a -> new ArrayList<>()).add(runners.get(api).run(s));
                    }
                }
                StringBuilder line = new StringBuilder(String.format("[%2d/%d] %-16s x%d ", index,
                        plan.scenarios().size(), s.id(), plan.repetitions()));
                for (SocketApi api : plan.apis()) {
                    MatrixRow row = new MatrixRow(s, api, byApi.get(api));
                    rows.add(row);
                    line.append(String.format(" %s: %-22s", api, row.outcomeSummary()));
                }
                progress.printf("%s %6.1f s%n", line, (System.nanoTime() - start) / 1e9);
            }
            return new MatrixResult(rows, plan.pending());
        } finally {
            runners.values().forEach(CaseRunner::close);
        }
    }
}
