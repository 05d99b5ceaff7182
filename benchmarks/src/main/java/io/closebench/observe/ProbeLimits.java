package io.closebench.observe;

/**
 * How a probe writes: the size of one write and how many it may make before concluding that
 * nothing will fail. Bounded, so that a probe against a live peer ends by itself.
 */
public record ProbeLimits(int writeChunk, int maxWrites) {

    public ProbeLimits {
        if (writeChunk <= 0 || maxWrites <= 0) {
            throw new IllegalArgumentException("writeChunk and maxWrites must be positive");
        }
    }
}
