package io.closebench.cable;

/**
 * When a kernel timer armed on the timer wheel runs: {@code calc_wheel_index()} and
 * {@code calc_index()} in {@code kernel/time/timer.c}. A timer armed to expire at jiffy
 * {@code expires} goes into the level its distance from the wheel's clock selects (level n holds
 * distances from {@code 63 << 3(n-1)} up to the next level's start, granularity {@code 8^n}
 * jiffies), and its bucket is the next multiple of the level's granularity <em>strictly after</em>
 * {@code expires} ({@code (expires >> shift) + 1 << shift}): a timer never runs early, and up to
 * one granularity late. At HZ=250 a distance of 63-503 jiffies (252 ms - 2.0 s) runs on a multiple of
 * 8 jiffies (32 ms), 504-4031 (2.0 - 16.1 s) on a multiple of 64 (256 ms); a level-0 timer one
 * jiffy after {@code expires}. The multiples are of the absolute jiffies count, so two timers armed
 * the same distance ahead from different instants can run a whole granularity apart.
 */
public final class TimerWheel {

    /** {@code LVL_CLK_SHIFT}: each level is 8 times coarser than the one below. */
    private static final int LEVEL_SHIFT = 3;
    /** {@code LVL_SIZE - 1}: the first distance of level 1. */
    private static final long LEVEL_SIZE_MINUS_ONE = 63;
    /** {@code LVL_DEPTH} for HZ above 100. */
    private static final int DEPTH = 9;

    private TimerWheel() {
    }

    /**
     * The jiffy at which a timer runs that was armed for {@code expires} while the wheel's clock
     * ({@code base->clk}) stood at {@code clock}: the bucket {@code calc_wheel_index()} gives it.
     * While the wheel runs its expired timers the clock is one ahead of {@code jiffies} ("to avoid
     * endless requeuing to current jiffies", {@code __run_timers()}), so a timer re-armed from its
     * own callback passes {@code jiffies + 1}; anywhere else {@code jiffies}.
     */
    public static long runsAt(long expires, long clock) {
        long delta = expires - clock;
        if (delta < 0) {
            return clock;
        }
        return bucket(expires, level(delta));
    }

    /**
     * The bucket a timer armed for {@code expires} runs in on level {@code level}: the next multiple of
     * the level's granularity strictly after {@code expires} ({@code calc_index()}). With the level the
     * kernel chose (traced, {@code timer:timer_start}), whatever the wheel's clock was then.
     */
    public static long bucket(long expires, int level) {
        if (level < 0 || level >= DEPTH) {
            throw new IllegalArgumentException("a level from 0 to " + (DEPTH - 1) + ": " + level);
        }
        int shift = level * LEVEL_SHIFT;
        return ((expires >> shift) + 1) << shift;
    }

    /** The level {@code calc_wheel_index()} chooses for a distance of {@code delta} jiffies from the wheel's clock. */
    public static int level(long delta) {
        for (int level = 0; level < DEPTH - 1; level++) {
            if (delta < levelStart(level + 1)) {
                return level;
            }
        }
        return DEPTH - 1;
    }

    /** The granularity of level {@code level}, in jiffies. */
    public static long granularityOf(int level) {
        return 1L << (level * LEVEL_SHIFT);
    }

    /** A timer armed {@code timeout} jiffies ahead from the callback of a timer that ran at {@code jiffy}. */
    public static long rearmedFromItsCallback(long jiffy, long timeout) {
        return runsAt(jiffy + timeout, jiffy + 1);
    }

    /** A timer armed {@code timeout} jiffies ahead at {@code jiffy}, outside the wheel's own run. */
    public static long armedAt(long jiffy, long timeout) {
        return runsAt(jiffy + timeout, jiffy);
    }

    /** The granularity, in jiffies, of the level a distance of {@code delta} jiffies lands in. */
    public static long granularity(long delta) {
        return granularityOf(level(delta));
    }

    /** {@code LVL_START(n)}. */
    private static long levelStart(int n) {
        return LEVEL_SIZE_MINUS_ONE << ((n - 1) * LEVEL_SHIFT);
    }
}
