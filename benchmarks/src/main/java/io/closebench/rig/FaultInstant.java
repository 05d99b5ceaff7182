package io.closebench.rig;

import io.closebench.schema.Asleep;
import io.closebench.schema.T0Source;

/**
 * The fault's instant t0 as one value: when, on whose clock, and the observer's state at that
 * moment. Which clock depends on the case's {@link io.closebench.scenario.Timing}: the thread that
 * injects the fault where the observer waits, the observer's own thread where it acts after the
 * fault, a child's clock where the child ends by itself.
 *
 * @param t0        the clock ({@code System.nanoTime()}) right before the call that causes the fault,
 *                  or right before the observer's first call where it acts after it;
 *                  {@link #UNKNOWN} when nobody could take it
 * @param source    whose clock
 * @param asleep    whether the observer was seen asleep in the kernel right before the fault
 * @param idleNanos how long it had been seen asleep when the fault came; -1 where that does not apply
 * @param boundNanos how far the true t0 can be from {@link #t0}: 0 on this host's clock, the offset
 *                   estimate's bound where t0 was read on the peer's host and converted
 *                   ({@link T0Source#PEER_HOST})
 */
public record FaultInstant(long t0, T0Source source, Asleep asleep, long idleNanos, long boundNanos) {

    /** An instant on this host's own clock. */
    public FaultInstant(long t0, T0Source source, Asleep asleep, long idleNanos) {
        this(t0, source, asleep, idleNanos, 0);
    }

    /** No t0: the repetition could not take one (a child that never reported its own). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** Taken right before the harness's fault call, the observer's state unknown or irrelevant. */
    public static FaultInstant byHarness(long t0) {
        return new FaultInstant(t0, T0Source.HARNESS, Asleep.NOT_APPLICABLE, -1);
    }

    public boolean known() {
        return t0 != UNKNOWN;
    }

    /** The same instant, taken elsewhere: the observer's own clock before its first call, or a child's. */
    public FaultInstant takenBy(T0Source by, long at) {
        return new FaultInstant(at, by, asleep, idleNanos, 0);
    }

    /** The same instant, read on another host's clock and converted to this one's, within {@code bound}. */
    public FaultInstant takenBy(T0Source by, long at, long bound) {
        return new FaultInstant(at, by, asleep, idleNanos, bound);
    }
}
