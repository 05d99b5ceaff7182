package io.closebench.observe;

import java.time.Duration;

/**
 * How a probe writes: the size of one write and how many it may make before concluding that
 * nothing will fail. Bounded, so that a probe against a live peer ends by itself. And how long it
 * may wait at most.
 *
 * @param writeChunk the size of one write
 * @param maxWrites  how many writes it may make
 * @param patience   how long the probe may wait, counted from its start (plus any idle time the
 *                   run asks for before the fault), for a case where a call may never return by
 *                   itself: it turns such a hang into a TIMEOUT without costing the whole case
 *                   deadline, and bounds each follow-up call too. Zero: the case deadline.
 */
public record ProbeLimits(int writeChunk, int maxWrites, Duration patience) {

    public ProbeLimits {
        if (writeChunk <= 0 || maxWrites <= 0) {
            throw new IllegalArgumentException("writeChunk and maxWrites must be positive");
        }
        if (patience.isNegative()) {
            throw new IllegalArgumentException("patience must not be negative");
        }
    }

    /** Limits that wait as long as the case deadline allows. */
    public ProbeLimits(int writeChunk, int maxWrites) {
        this(writeChunk, maxWrites, Duration.ZERO);
    }

    /** The same limits, waiting at most {@code bound}. */
    public ProbeLimits withPatience(Duration bound) {
        return new ProbeLimits(writeChunk, maxWrites, bound);
    }

    /** @return whether the probe has a bound of its own, shorter than the case deadline */
    public boolean hasPatience() {
        return !patience.isZero();
    }
}
