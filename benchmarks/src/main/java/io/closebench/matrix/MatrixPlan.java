package io.closebench.matrix;

import io.closebench.run.RunnerSettings;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.transport.SocketApi;
import java.util.List;

/**
 * What a matrix run covers.
 *
 * @param scenarios   the runnable scenarios, in order
 * @param pending     selected cases that cannot run here (shown, never silently omitted)
 * @param apis        the observers
 * @param repetitions repetitions per scenario and observer
 * @param settings    the runner's deadline and address
 */
public record MatrixPlan(List<Scenario> scenarios, List<CaseId> pending, List<SocketApi> apis, int repetitions,
                         RunnerSettings settings) {

    public MatrixPlan {
        if (repetitions <= 0) {
            throw new IllegalArgumentException("repetitions must be positive, got " + repetitions);
        }
        if (apis.isEmpty()) {
            throw new IllegalArgumentException("at least one observer API is needed");
        }
        scenarios = List.copyOf(scenarios);
        pending = List.copyOf(pending);
        apis = List.copyOf(apis);
    }
}
