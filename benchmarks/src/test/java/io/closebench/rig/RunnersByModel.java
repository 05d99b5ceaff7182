package io.closebench.rig;

import io.closebench.observe.EveryModel;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * One runner per model for a test class, started the first time a test needs it (a test of a model
 * that cannot run here is skipped with the reason), pinned SAME_CPU where affinity works; closing
 * closes them all.
 */
final class RunnersByModel implements AutoCloseable {

    private final Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);

    CaseRunner of(Observer observer) {
        EveryModel.assumeRunsHere(observer);
        return runners.computeIfAbsent(observer, o -> {
            Placement placement = CpuPlan.unavailableReason(Placement.SAME_CPU).isEmpty() ? Placement.SAME_CPU : Placement.OS;
            try {
                return new CaseRunner(o, CpuPlan.of(placement), RunnerSettings.defaults());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        runners.values().forEach(CaseRunner::close);
    }
}
