package io.closebench.trace;

/**
 * The timer wheel enqueued a TCP socket's retransmission timer ({@code timer:timer_start} for
 * {@code tcp_write_timer}): {@code enqueue_timer()} in {@code kernel/time/timer.c}, called from
 * {@code __mod_timer()} once it has chosen the bucket ({@code calc_wheel_index()} from the distance
 * {@code expires - base->clk}). The wheel's clock itself is not in the event: the level it chose is,
 * and a level coarser than {@code expires - now} selects shows that the clock was behind
 * {@code jiffies} ({@code cable.TimerWheel.level}).
 *
 * @param monotonicNanos when, on {@link System#nanoTime()}'s clock
 * @param timer          the {@code struct timer_list}'s address: the socket's
 *                       {@code icsk_retransmit_timer}, at a fixed offset from the socket's address
 *                       ({@code skaddr} of the TCP events)
 * @param expires        the jiffy it was armed for
 * @param bucketExpiry   the jiffy of the bucket it was put in: when the wheel will run it
 * @param now            {@code jiffies} when it was enqueued
 * @param flags          the timer's flags: the CPU of its timer base in the low 18 bits
 *                       ({@code TIMER_CPUMASK}), the wheel's array index from bit 22
 *                       ({@code TIMER_ARRAYSHIFT})
 */
public record TimerStart(long monotonicNanos, long timer, long expires, long bucketExpiry, long now, int flags)
        implements KernelEvent {

    /** {@code TIMER_CPUMASK}. */
    private static final int CPU_MASK = 0x0003_FFFF;
    /** {@code TIMER_ARRAYSHIFT}. */
    private static final int INDEX_SHIFT = 22;
    /** {@code LVL_BITS}: 64 buckets per level. */
    private static final int LEVEL_BITS = 6;

    /** The CPU whose timer base holds it. */
    public int cpu() {
        return flags & CPU_MASK;
    }

    /** The wheel's level the kernel chose ({@code idx >> LVL_BITS}): granularity {@code 8^level} jiffies. */
    public int level() {
        return (flags >>> INDEX_SHIFT) >>> LEVEL_BITS;
    }

    /** How far ahead it was armed from {@code jiffies}, in jiffies. */
    public long timeout() {
        return expires - now;
    }

    @Override
    public TracedEvent kind() {
        return TracedEvent.TIMER_START;
    }
}
