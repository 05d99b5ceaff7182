package io.closebench.bench;

import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.List;

/**
 * One JMH run of a profile: a benchmark class, the scenarios it runs, and the values of every
 * parameter, crossed. A profile is a list of groups, so that expensive variants (idle time, every
 * placement, load) go only where they say something.
 *
 * @param benchmark  the benchmark class
 * @param scenarios  its scenarios (a subset of its {@code @Param scenario})
 * @param observers  the I/O models
 * @param placements where the threads run
 * @param idles      idle times before the fault, microseconds
 * @param loads      background connections
 * @param method     one of the class's benchmark methods only, or empty for all of them
 */
public record BenchmarkGroup(Class<? extends DetectionBenchmark> benchmark, List<String> scenarios,
                             List<Observer> observers, List<Placement> placements, List<Long> idles,
                             List<Integer> loads, java.util.Optional<String> method) {

    /** Every benchmark method of the class. */
    public BenchmarkGroup(Class<? extends DetectionBenchmark> benchmark, List<String> scenarios, List<Observer> observers,
                          List<Placement> placements, List<Long> idles, List<Integer> loads) {
        this(benchmark, scenarios, observers, placements, idles, loads, java.util.Optional.empty());
    }

    /** The same group, one benchmark method only. */
    public BenchmarkGroup only(String benchmarkMethod) {
        return new BenchmarkGroup(benchmark, scenarios, observers, placements, idles, loads,
                java.util.Optional.of(benchmarkMethod));
    }

    public BenchmarkGroup {
        scenarios = List.copyOf(scenarios);
        observers = List.copyOf(observers);
        placements = List.copyOf(placements);
        idles = List.copyOf(idles);
        loads = List.copyOf(loads);
    }

    /** The same group with some parameters replaced (a user's --placement, --observers ...), crossed again. */
    public BenchmarkGroup with(List<Observer> otherObservers, List<Placement> otherPlacements, List<Long> otherIdles) {
        return new BenchmarkGroup(benchmark, scenarios, otherObservers, otherPlacements, otherIdles, loads, method);
    }

    /** The same group with only {@code some} of its scenarios. */
    public BenchmarkGroup withScenarios(List<String> some) {
        return new BenchmarkGroup(benchmark, some, observers, placements, idles, loads, method);
    }

    /** Parameter combinations per CPU-burner setting. */
    public int combinations() {
        return scenarios.size() * observers.size() * placements.size() * idles.size() * loads.size();
    }
}
