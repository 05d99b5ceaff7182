package io.closebench.schema;

/**
 * Where the threads of a measurement run, a controlled parameter of every figure: on a small VM
 * the placement decides a detection latency more than the API does (a wake-up across CPUs costs
 * tens of microseconds, one on the same CPU a few). The benchmarks module's
 * {@code placement.CpuPlan} says which thread goes where.
 */
public enum Placement {

    /** Nothing pinned: the OS scheduler decides, as for most programs. */
    OS("unpinned: the scheduler decides"),

    /** The observer, the peer and the harness thread that injects the fault on one CPU. */
    SAME_CPU("observer, peer and fault-injecting thread on one CPU"),

    /** The observer on one CPU; the peer and the fault-injecting thread on another. */
    CROSS_CPU("observer on one CPU, peer and fault-injecting thread on another");

    private final String description;

    Placement(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** @return whether this placement pins threads (and so needs thread affinity) */
    public boolean pins() {
        return this != OS;
    }

    /** @return the CPUs it needs at least */
    public int cpusNeeded() {
        return this == CROSS_CPU ? 2 : 1;
    }
}
