package io.closebench.analysis.stats;

/**
 * Which levels of a {@link ForkedLatency} a {@link HierarchicalBootstrap} could resample, and hence
 * which variation its interval contains. Values within an iteration are never resampled (see
 * {@link HierarchicalBootstrap}); what varies is whether there is more than one fork, or more than
 * one iteration, to draw from.
 */
public enum ResampledLevels {

    /**
     * Two or more forks with values: forks are drawn with replacement, then iterations within each
     * drawn fork. The interval contains fork-to-fork and iteration-to-iteration variation; this is
     * the only level at which an interval is called "hierarchical".
     */
    FORKS_AND_ITERATIONS,

    /**
     * One fork with two or more iterations: only its iterations are drawn. The interval contains
     * iteration-to-iteration variation but says nothing about how another fork (another JVM, another
     * CPU placement) would have done.
     */
    ITERATIONS_ONLY,

    /** One fork with one iteration: there is nothing to resample and no interval. */
    NOTHING;

    /** @return whether the interval contains fork-to-fork variation */
    public boolean includesForkVariation() {
        return this == FORKS_AND_ITERATIONS;
    }

    /** @return the word a sentence puts before "CI": "hierarchical" or "iteration-level" */
    public String intervalName() {
        return includesForkVariation() ? "hierarchical" : "iteration-level";
    }

    static ResampledLevels of(int forksWithValues, int iterationsWithValues) {
        if (forksWithValues >= 2) {
            return FORKS_AND_ITERATIONS;
        }
        return iterationsWithValues >= 2 ? ITERATIONS_ONLY : NOTHING;
    }
}
