package io.closebench.analysis.stats;

import java.util.Objects;
import java.util.Optional;

/**
 * A quantile of one {@link ForkedLatency} with its {@link HierarchicalBootstrap} interval, and what
 * that interval does and does not contain.
 *
 * @param quantile which quantile, e.g. 0.5
 * @param estimate the quantile of all values pooled, nanoseconds, bucket-exact
 * @param interval the bootstrap interval; undefined when {@link #levels()} is
 *     {@link ResampledLevels#NOTHING}
 * @param levels what was resampled
 * @param design the sample's {@link ForkedLatency#design()}, e.g. "2 forks x 4 iterations each"
 */
public record HierarchicalQuantile(
        double quantile, long estimate, ConfidenceInterval interval, ResampledLevels levels, String design) {

    /** Validates that the interval is defined exactly when something could be resampled. */
    public HierarchicalQuantile {
        LatencySamples.requireOpenUnitQuantile(quantile);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(levels, "levels");
        LatencySamples.requireLabel(design, "design");
        if (interval.isDefined() == (levels == ResampledLevels.NOTHING)) {
            throw new IllegalArgumentException("interval must be defined exactly when something was resampled, levels "
                    + levels + ", " + interval);
        }
    }

    /**
     * @return why the interval understates the uncertainty, when it does: "fork-to-fork variation
     *     not included: one fork"; empty for a hierarchical interval
     */
    public Optional<String> caveat() {
        return levels.includesForkVariation() ? Optional.empty()
                : Optional.of("fork-to-fork variation not included: one fork");
    }
}
