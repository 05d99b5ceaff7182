package io.closebench.rig;

import io.closebench.placement.Affinity;
import io.closebench.placement.CpuPlan;
import io.closebench.placement.CpuSet;
import java.util.Optional;

/**
 * The harness thread that injects faults and starts child peers goes where the plan puts the peer
 * (a child inherits its creator's CPUs); and it gets its CPUs back afterwards, so that what the
 * caller runs next on it (the benchmarks' forks, an unpinned job) does not inherit the pin. Placed
 * the first time a thread runs a trial; a runner is used by one thread at a time.
 */
final class ThreadPlacement {

    private final Optional<CpuSet> peerCpus;
    private Thread placed;
    /** The placed thread's kernel id and its CPUs before, to give them back. */
    private int placedTid = -1;
    private Optional<CpuSet> cpusBefore = Optional.empty();

    ThreadPlacement(CpuPlan plan) {
        this.peerCpus = plan.peer();
    }

    /** Pins the calling thread where the peer goes, unless it already is. */
    void place() {
        if (placed != Thread.currentThread()) {
            if (placed == null && Affinity.unavailableReason().isEmpty()) {
                placedTid = Affinity.currentTid();
                cpusBefore = Affinity.ofThread(placedTid);
            }
            CpuPlan.pinCurrent(peerCpus);
            placed = Thread.currentThread();
        }
    }

    /** Gives the placed thread its CPUs back. */
    void release() {
        if (placedTid > 0 && cpusBefore.isPresent()) {
            try {
                Affinity.pin(placedTid, cpusBefore.get());
            } catch (IllegalStateException gone) {
                // the thread has ended: nothing inherits from it
            }
        }
        placedTid = -1;
        placed = null;
    }
}
