package io.closebench.scenario;

import io.closebench.fault.Fault;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.Probe;
import io.closebench.observe.ProbeLimits;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.fault.PeerPlace;
import java.util.Map;

/**
 * One runnable variant of a case: how the connection is prepared, what the peer does at t0, and
 * how the observer finds out.
 *
 * @param id            stable name used on the command line, in CSVs and in benchmark parameters
 * @param caseId        the note's case
 * @param variant       what distinguishes this variant, in a few words
 * @param runtime       where the peer runs
 * @param preparation   the connection's state at the fault
 * @param fault         the peer's call at t0
 * @param probe         what the observer does
 * @param timing        when the observer makes its calls, relative to the fault
 * @param limits        how the probe writes
 * @param onLinux       the outcome Linux produces, found by running the case (asserted by
 *                      ScenarioOutcomesTest); benchmarks count any other outcome as unexpected
 * @param onLinuxByModel where a model reports something else on Linux (Netty's epoll transport
 *                      learns of an RST in its event loop, so its next write sees EPIPE), what it reports
 */
public record Scenario(String id, CaseId caseId, String variant, PeerRuntime runtime, Preparation preparation,
                       Fault fault, Probe probe, Timing timing, ProbeLimits limits,
                       Outcome onLinux, Map<Observer, Outcome> onLinuxByModel) {

    /** A scenario every model reports alike. */
    public Scenario(String id, CaseId caseId, String variant, PeerRuntime runtime, Preparation preparation, Fault fault,
                    Probe probe, Timing timing, ProbeLimits limits, Outcome onLinux) {
        this(id, caseId, variant, runtime, preparation, fault, probe, timing, limits, onLinux, Map.of());
    }

    /** The same scenario, with what some models report instead. */
    public Scenario onModels(Map<Observer, Outcome> byModel) {
        return new Scenario(id, caseId, variant, runtime, preparation, fault, probe, timing, limits, onLinux, byModel);
    }

    /** The outcome Linux produces for {@code observer}. */
    public Outcome onLinux(Observer observer) {
        return onLinuxByModel.getOrDefault(observer, onLinux);
    }

    public Scenario {
        onLinuxByModel = Map.copyOf(onLinuxByModel);
        if (fault.needsChildProcess() != (runtime != PeerRuntime.IN_PROCESS)) {
            throw new IllegalArgumentException(id + ": fault " + fault + " cannot run " + runtime);
        }
        if (runtime != PeerRuntime.IN_PROCESS && timing != Timing.OBSERVER_WAITS) {
            throw new IllegalArgumentException(id + ": a child decides when it ends, so the observer must be waiting");
        }
    }

    public Side side() {
        return caseId.side();
    }

    public NoteExpectation note() {
        return caseId.note();
    }

    /** What the note claims with the peer on {@code peer}'s OS ({@link CaseId#noteFor}). */
    public NoteExpectation noteFor(PeerPlace peer) {
        return caseId.noteFor(peer);
    }
}
