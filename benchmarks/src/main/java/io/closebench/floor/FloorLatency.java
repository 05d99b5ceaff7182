package io.closebench.floor;

/**
 * Percentiles of t1 - t0 in nanoseconds, computed by the program from the sorted latencies of the
 * repetitions that reported an outcome (nearest rank). Every value is -1 when {@code count} is 0,
 * as in the project's percentile CSV.
 */
public record FloorLatency(int count, long minNanos, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos) {

    /** No repetition had a latency (or none ran). */
    public static final FloorLatency NONE = new FloorLatency(0, -1, -1, -1, -1, -1);
}
