package io.closebench.cli;

import io.closebench.placement.CpuPlan;
import io.closebench.schema.Placement;
import java.util.Optional;

/**
 * The placement a command uses when the user names none: SAME_CPU, whose figures do not depend on
 * where the scheduler happens to put the threads, wherever thread affinity works here; otherwise OS,
 * and the command says why in its output and metadata. A placement the user names and this machine
 * cannot realise is refused, never run unpinned in its name.
 */
final class PlacementChoice {

    private PlacementChoice() {
    }

    /** @return the default placement and, when it is not SAME_CPU, why */
    static Placement byDefault() {
        return CpuPlan.unavailableReason(Placement.SAME_CPU).isEmpty() ? Placement.SAME_CPU : Placement.OS;
    }

    /** @return why the default is not SAME_CPU, or empty */
    static Optional<String> whyNotPinned() {
        return CpuPlan.unavailableReason(Placement.SAME_CPU);
    }
}
