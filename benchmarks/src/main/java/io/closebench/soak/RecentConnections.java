package io.closebench.soak;

/**
 * How many connections were closed in the last {@link GrowthBounds#TIME_WAIT_SECONDS} seconds, in
 * one-second buckets: what bounds the TIME_WAIT count a soak may see.
 */
final class RecentConnections {

    private final long[] perSecond = new long[GrowthBounds.TIME_WAIT_SECONDS + 1];
    private long currentSecond = Long.MIN_VALUE;

    /** One more connection closed at {@code nanos} (monotonic clock). */
    void closed(long nanos) {
        advanceTo(nanos / 1_000_000_000L);
        perSecond[(int) Math.floorMod(currentSecond, (long) perSecond.length)]++;
    }

    /** Connections closed in the window ending at {@code nanos}. */
    long inWindow(long nanos) {
        advanceTo(nanos / 1_000_000_000L);
        long sum = 0;
        for (long n : perSecond) {
            sum += n;
        }
        return sum;
    }

    private void advanceTo(long second) {
        if (currentSecond == Long.MIN_VALUE || second - currentSecond >= perSecond.length) {
            java.util.Arrays.fill(perSecond, 0);
            currentSecond = second;
            return;
        }
        while (currentSecond < second) {
            currentSecond++;
            perSecond[(int) Math.floorMod(currentSecond, (long) perSecond.length)] = 0;
        }
    }
}
