package io.closebench.placement;

import io.closebench.schema.Placement;
import java.util.Optional;

/**
 * Which CPUs each role of a measurement runs on under a {@link Placement}, chosen from the CPUs this
 * process may use ({@link Affinity#allowed()}): the highest one for the observer (the CPU the
 * measured wake-up happens on), the lowest for the peer when it must be another.
 *
 * <ul>
 *   <li><b>observer</b>: the observer's thread, event loop, virtual thread carrier and poller, and
 *       the server's other connections (background load consumers): the program being measured;</li>
 *   <li><b>peer</b>: the misbehaving peer, in-process or a child process (which inherits the mask of
 *       the thread that starts it), and the harness thread that injects the fault and takes t0;</li>
 *   <li><b>load generator</b>: the thread that sends the background load: clients, so with the peer
 *       when there is a CPU for it, never on the observer's CPU if another exists;</li>
 *   <li><b>burners</b>: CPU contention is meant for the measured path, so burners share the
 *       observer's CPU.</li>
 * </ul>
 * Under {@link Placement#OS} nothing is pinned: every role is empty ("unpinned").
 *
 * @param placement the placement this plan realises
 * @param observer the observer's CPUs; empty: unpinned
 * @param peer the peer's and the fault-injecting harness thread's CPUs; empty: unpinned
 * @param loadGenerator the background load sender's CPUs; empty: unpinned
 * @param burners the CPU burners' CPUs; empty: unpinned
 */
public record CpuPlan(Placement placement, Optional<CpuSet> observer, Optional<CpuSet> peer,
                      Optional<CpuSet> loadGenerator, Optional<CpuSet> burners) {

    /**
     * @return why {@code placement} cannot be realised here, or empty when it can: affinity
     *     unavailable, or fewer CPUs than it needs
     */
    public static Optional<String> unavailableReason(Placement placement) {
        return unavailableReason(placement, Affinity.allowed(), Affinity.unavailableReason());
    }

    static Optional<String> unavailableReason(Placement placement, CpuSet allowed, Optional<String> affinity) {
        if (!placement.pins()) {
            return Optional.empty();
        }
        if (affinity.isPresent()) {
            return Optional.of(placement + " needs thread affinity: " + affinity.get());
        }
        if (allowed.size() < placement.cpusNeeded()) {
            return Optional.of(placement + " needs " + placement.cpusNeeded() + " CPUs; this process may use only "
                    + allowed + " (" + allowed.size() + ")");
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalStateException with the reason when the placement cannot be realised here
     */
    public static CpuPlan of(Placement placement) {
        return of(placement, Affinity.allowed(), Affinity.unavailableReason());
    }

    static CpuPlan of(Placement placement, CpuSet allowed, Optional<String> affinity) {
        unavailableReason(placement, allowed, affinity).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        CpuSet measured = CpuSet.of(allowed.highest());
        CpuSet other = CpuSet.of(allowed.lowest());
        boolean twoOrMore = allowed.size() >= 2;
        return switch (placement) {
            case OS -> new CpuPlan(placement, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            case SAME_CPU -> new CpuPlan(placement, Optional.of(measured), Optional.of(measured),
                    Optional.of(twoOrMore ? other : measured), Optional.of(measured));
            case CROSS_CPU -> new CpuPlan(placement, Optional.of(measured), Optional.of(other), Optional.of(other),
                    Optional.of(measured));
        };
    }

    /** Pins the calling thread to {@code role}'s CPUs; leaves it unpinned where the role is empty. */
    public static void pinCurrent(Optional<CpuSet> role) {
        if (role.isPresent()) {
            Affinity.pinCurrentThread(role.get());
        } else if (Affinity.unavailableReason().isEmpty()) {
            Affinity.unpinCurrentThread();
        }
    }

    /** "observer cpu 1, peer cpu 0, load generator cpu 0, burners cpu 1", or "unpinned". */
    public String describe() {
        if (observer.isEmpty()) {
            return "unpinned";
        }
        return "observer cpu " + observer.get() + ", peer and fault injection cpu " + peer.map(CpuSet::toString).orElse("-")
                + ", load generator cpu " + loadGenerator.map(CpuSet::toString).orElse("-") + ", CPU burners cpu "
                + burners.map(CpuSet::toString).orElse("-");
    }

    /** @return the observer's CPUs as written in results, "unpinned" under OS */
    public String observerCpus() {
        return observer.map(CpuSet::toString).orElse("unpinned");
    }

    /** @return the peer's CPUs as written in results, "unpinned" under OS */
    public String peerCpus() {
        return peer.map(CpuSet::toString).orElse("unpinned");
    }
}
