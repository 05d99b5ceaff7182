package io.closebench.scenario;

import io.closebench.fault.Fault;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.Probe;
import io.closebench.observe.ProbeLimits;

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
 * @param observerWaits true: the observer is already asleep in read/select when the fault comes
 *                      (the harness waits for that); false: it makes its calls after the fault
 * @param limits        how the probe writes
 */
public record Scenario(String id, CaseId caseId, String variant, PeerRuntime runtime, Preparation preparation,
                       Fault fault, Probe probe, boolean observerWaits, ProbeLimits limits) {

    public Scenario {
        if (fault.needsChildProcess() != (runtime != PeerRuntime.IN_PROCESS)) {
            throw new IllegalArgumentException(id + ": fault " + fault + " cannot run " + runtime);
        }
    }

    public Side side() {
        return caseId.side();
    }

    public NoteExpectation note() {
        return caseId.note();
    }
}
