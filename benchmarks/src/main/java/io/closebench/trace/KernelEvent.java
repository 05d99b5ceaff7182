package io.closebench.trace;

/**
 * One event a {@link KernelTrace} recorded, at the instant the kernel's tracepoint fired, on
 * {@code System.nanoTime()}'s clock.
 */
public sealed interface KernelEvent permits RetransmitAttempt, StateChange, IcmpSent, TimerStart, TimerExpiry {

    /** When the tracepoint fired, CLOCK_MONOTONIC in nanoseconds: comparable with {@link System#nanoTime()}. */
    long monotonicNanos();

    /** Which tracepoint recorded it. */
    TracedEvent kind();
}
