package io.closebench.rig;

import io.closebench.schema.Asleep;
import io.closebench.schema.T0Source;

/**
 * The fault's instant t0 as one value: when, on whose clock, and the observer's state at that
 * moment. Which clock depends on the case's {@link io.closebench.scenario.Timing}: the thread that
 * injects the fault where the observer waits, the observer's own thread where it acts after the
 * fault, a child's clock where the child ends by itself.
 *
 * @param t0          the clock ({@code System.nanoTime()}) right before the call that causes the
 *                    fault, or right before the observer's first call where it acts after it;
 *                    {@link #UNKNOWN} when nobody could take it
 * @param source      whose clock
 * @param asleep      whether the observer was seen asleep in the kernel right before the fault
 * @param idleNanos   how long it had been seen asleep when the fault came; -1 where that does not apply
 * @param faultCallAt the clock right before the call that causes the fault, whoever made it (the
 *                    harness, or a child ending itself): t0 itself, but where the observer acts after
 *                    the fault and takes t0 later; {@link #UNKNOWN} when nobody could take it. What
 *                    left on the wire is timed from here.
 * @param boundNanos  how far the true t0 can be from {@link #t0}: 0 on this host's clock, the offset
 *                    estimate's bound where t0 was read on the peer's host and converted
 *                    ({@link T0Source#PEER_HOST})
 */
public record FaultInstant(long t0, T0Source source, Asleep asleep, long idleNanos, long faultCallAt, long boundNanos) {

    /** An instant on this host's own clock. */
    public FaultInstant(long t0, T0Source source, Asleep asleep, long idleNanos, long faultCallAt) {
        this(t0, source, asleep, idleNanos, faultCallAt, 0);
    }

    /** No t0: the repetition could not take one (a child that never reported its own). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** The fault call at {@code t0}, t0 taken right before it by the harness, the observer's state unknown or irrelevant. */
    public static FaultInstant byHarness(long t0) {
        return new FaultInstant(t0, T0Source.HARNESS, Asleep.NOT_APPLICABLE, -1, t0);
    }

    /** The fault call at {@code t0}, t0 taken right before it by the harness, the observer as seen. */
    public static FaultInstant byHarness(long t0, Asleep asleep, long idleNanos) {
        return new FaultInstant(t0, T0Source.HARNESS, asleep, idleNanos, t0);
    }

    /** Not known yet: a child ends by itself and reports its own instant ({@link #takenBy}). */
    public static FaultInstant byChild() {
        return new FaultInstant(UNKNOWN, T0Source.HARNESS, Asleep.NOT_APPLICABLE, -1, UNKNOWN);
    }

    /**
     * The fault call made at {@code faultCallAt}; t0 will be the observer's own, right before its
     * first call ({@link #takenBy}).
     */
    public static FaultInstant observerActsAfter(long faultCallAt, Asleep asleep, long idleNanos) {
        return new FaultInstant(UNKNOWN, T0Source.OBSERVER, asleep, idleNanos, faultCallAt);
    }

    public boolean known() {
        return t0 != UNKNOWN;
    }

    /**
     * t0 as {@code by} took it: the observer's clock before its first call (the fault call stays
     * where it was), or a child's own, right before it ended itself (which was the fault call).
     */
    public FaultInstant takenBy(T0Source by, long at) {
        return new FaultInstant(at, by, asleep, idleNanos, by == T0Source.OBSERVER ? faultCallAt : at, 0);
    }

    /**
     * The same instant, read on another host's clock right before the fault call (by the peer agent,
     * or a child of its own right before it ended) and converted to this one's, within {@code bound}:
     * the fault call is then t0 itself.
     */
    public FaultInstant takenBy(T0Source by, long at, long bound) {
        return new FaultInstant(at, by, asleep, idleNanos, at, bound);
    }
}
