package io.closebench.soak;

import io.closebench.placement.CpuPlan;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A soak to run: the scenarios and observers taken round-robin until the duration has passed or
 * the repetitions are done, whichever comes first.
 *
 * @param scenarios       taken in turn, one repetition each, every observer after the other
 * @param observers       the models that run here
 * @param skipped         models that cannot run here, with the reason
 * @param duration        how long to run at most
 * @param maxRepetitions  how many repetitions at most (Long.MAX_VALUE: the duration decides)
 * @param warmup          how long before the baseline sample
 * @param warmupRepetitions or after how many repetitions, whichever comes first
 * @param sampleEvery     between two resource samples
 * @param bounds          what counts as growth
 * @param plan            placement
 * @param settings        each repetition's deadline and listeners
 */
public record SoakPlan(List<Scenario> scenarios, List<Observer> observers, Map<Observer, String> skipped,
                       Duration duration, long maxRepetitions, Duration warmup, long warmupRepetitions,
                       Duration sampleEvery, GrowthBounds bounds, CpuPlan plan, RunnerSettings settings) {

    public SoakPlan {
        scenarios = List.copyOf(scenarios);
        observers = List.copyOf(observers);
        skipped = Map.copyOf(skipped);
    }
}
