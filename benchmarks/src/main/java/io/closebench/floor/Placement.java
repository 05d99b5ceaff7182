package io.closebench.floor;

/**
 * Where the observer and peer threads run. On a small VM this decides the figure more than
 * anything else: a wake-up on the same CPU is a context switch, one across CPUs an interrupt to a
 * CPU that may be idle. The CPUs come from the process's own affinity mask.
 */
public enum Placement {
    /** No pinning: the scheduler decides. */
    OS,
    /** Both threads pinned to the highest CPU of the mask. */
    SAME_CPU,
    /** Observer on the highest CPU of the mask, peer on the lowest; skipped with fewer than two. */
    CROSS_CPU
}
