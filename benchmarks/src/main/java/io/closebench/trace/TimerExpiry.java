package io.closebench.trace;

/**
 * The timer wheel ran a TCP socket's retransmission timer ({@code timer:timer_expire_entry} for
 * {@code tcp_write_timer}: {@code call_timer_fn()}, {@code kernel/time/timer.c}).
 *
 * @param monotonicNanos when, on {@link System#nanoTime()}'s clock
 * @param timer          the {@code struct timer_list}'s address, as in {@link TimerStart}
 * @param now            {@code jiffies} then
 * @param baseClock      the bucket's jiffy being run ({@code baseclk}: the wheel's clock before it
 *                       stepped past the bucket); {@code now - baseClock} is how late the run was
 * @param cpu            the CPU that ran it (the timer's base, or the CPU that expired an idle
 *                       CPU's timers for it)
 */
public record TimerExpiry(long monotonicNanos, long timer, long now, long baseClock, int cpu) implements KernelEvent {

    @Override
    public TracedEvent kind() {
        return TracedEvent.TIMER_EXPIRY;
    }
}
