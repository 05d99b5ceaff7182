package io.closebench.matrix;

import io.closebench.placement.CpuPlan;
import io.closebench.rig.PeerHome;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.fault.PeerRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a matrix run covers.
 *
 * @param scenarios   the runnable scenarios, in order
 * @param home        where the peer lives
 * @param pulledCable S1's variants and the trials that run them, or why they do not run here
 * @param observers   the observers that run here, in column order
 * @param skipped     observers asked for that cannot run here, with the reason (shown as SKIPPED rows)
 * @param plan        where the threads run
 * @param repetitions repetitions per scenario and observer
 * @param settings    the runner's deadline, address and idle time
 * @param noCapture   why the loopback repetitions are not captured on the wire, or empty when they are
 * @param jvmChildRepetitions repetitions of the scenarios whose peer is a JVM child (each costs
 *                    0.1-0.4 s: a JVM starts, and for an exit takes 300 ms to end), at most
 *                    {@code repetitions}; the main job runs fewer of them to keep within its time
 */
public record MatrixPlan(PeerHome home, List<Scenario> scenarios, PulledCablePart pulledCable, List<Observer> observers,
                         Map<Observer, String> skipped, CpuPlan plan, int repetitions, RunnerSettings settings,
                         Optional<String> noCapture, int jvmChildRepetitions) {

    public MatrixPlan(PeerHome home, List<Scenario> scenarios, PulledCablePart pulledCable, List<Observer> observers,
                      Map<Observer, String> skipped, CpuPlan plan, int repetitions, RunnerSettings settings) {
        this(home, scenarios, pulledCable, observers, skipped, plan, repetitions, settings, Optional.empty(), repetitions);
    }

    public MatrixPlan {
        if (repetitions <= 0 || jvmChildRepetitions <= 0) {
            throw new IllegalArgumentException("repetitions must be positive, got " + repetitions + " and "
                    + jvmChildRepetitions);
        }
        jvmChildRepetitions = Math.min(repetitions, jvmChildRepetitions);
        if (observers.isEmpty() && skipped.isEmpty()) {
            throw new IllegalArgumentException("at least one observer is needed");
        }
        scenarios = List.copyOf(scenarios);
        observers = List.copyOf(observers);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** The same plan with at most {@code n} repetitions of the JVM-child scenarios. */
    public MatrixPlan withJvmChildRepetitions(int n) {
        return new MatrixPlan(home, scenarios, pulledCable, observers, skipped, plan, repetitions, settings, noCapture, n);
    }

    /** How many repetitions {@code s} gets. */
    public int repetitionsOf(Scenario s) {
        return s.runtime() == PeerRuntime.JVM_CHILD ? jvmChildRepetitions : repetitions;
    }
}
