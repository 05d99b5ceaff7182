package io.closebench.analysis.stats;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code median(B) / median(A)} of two independent {@link ForkedLatency} samples with its
 * {@link HierarchicalBootstrap} interval and bootstrap p-value: <b>ratio &gt; 1 means A is faster</b>
 * (B's typical detection takes {@code ratio} times as long).
 *
 * <p>The p-value tests "ratio = 1" from the same replicates as the interval:
 * {@code 2 x min(P*(ratio <= 1), P*(ratio >= 1))}, at most 1 and at least {@code 1/(resamples + 1)}
 * (a bootstrap of {@code B} replicates cannot resolve smaller tail areas; claiming 0 would be false
 * precision). It is present exactly when the interval is defined.
 *
 * @param medianA pooled median of A, nanoseconds, positive
 * @param medianB pooled median of B, nanoseconds, positive
 * @param interval interval of the ratio; undefined when a group has one fork with one iteration
 * @param pValue two-sided bootstrap p-value of "ratio = 1"; empty when the interval is undefined
 * @param levelsA what was resampled in A
 * @param levelsB what was resampled in B
 * @param designA {@link ForkedLatency#design()} of A
 * @param designB {@link ForkedLatency#design()} of B
 */
public record HierarchicalRatio(
        long medianA,
        long medianB,
        ConfidenceInterval interval,
        OptionalDouble pValue,
        ResampledLevels levelsA,
        ResampledLevels levelsB,
        String designA,
        String designB) {

    /** Validates ranges so that no NaN or non-positive median can reach a sentence. */
    public HierarchicalRatio {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(levelsA, "levelsA");
        Objects.requireNonNull(levelsB, "levelsB");
        LatencySamples.requireLabel(designA, "designA");
        LatencySamples.requireLabel(designB, "designB");
        if (medianA <= 0 || medianB <= 0) {
            throw new IllegalArgumentException("medians must be positive for a ratio, got " + medianA + " and " + medianB);
        }
        if (pValue.isPresent() != interval.isDefined()) {
            throw new IllegalArgumentException("a p-value belongs to a defined interval and only to one");
        }
        if (pValue.isPresent() && !(pValue.getAsDouble() > 0.0 && pValue.getAsDouble() <= 1.0)) {
            throw new IllegalArgumentException("bootstrap p-value must lie in (0, 1], got " + pValue.getAsDouble());
        }
    }

    /** @return {@code medianB / medianA}; above 1 means A is faster */
    public double ratio() {
        return (double) medianB / medianA;
    }

    /** @return the interval's level, e.g. 0.95 */
    public double confidenceLevel() {
        return interval.level();
    }

    /** @return {@code 1 - confidenceLevel()} */
    public double alpha() {
        return BootstrapSettings.alphaFor(confidenceLevel());
    }

    /** @return whether both groups were resampled at the fork level */
    public boolean includesForkVariation() {
        return levelsA.includesForkVariation() && levelsB.includesForkVariation();
    }

    /** @return "hierarchical" when both groups had forks to resample, else "iteration-level" */
    public String intervalName() {
        return includesForkVariation() ? "hierarchical" : "iteration-level";
    }

    /**
     * @return which group the interval puts on the faster side: A when it lies above 1 and so does
     *     the point ratio, B when both lie below 1, otherwise (and when undefined) NEITHER. This is
     *     the interval's reading only; {@link ForkAwareComparison} adds the fork-level conditions.
     */
    public FasterSide faster() {
        if (!interval.isDefined()) {
            return FasterSide.NEITHER;
        }
        if (interval.low() > 1.0 && medianB > medianA) {
            return FasterSide.A;
        }
        if (interval.high() < 1.0 && medianB < medianA) {
            return FasterSide.B;
        }
        return FasterSide.NEITHER;
    }

    /**
     * @return why the interval understates the uncertainty, when it does, e.g. "fork-to-fork
     *     variation not included: B has one fork"; empty for a hierarchical interval
     */
    public Optional<String> caveat() {
        if (includesForkVariation()) {
            return Optional.empty();
        }
        String which = !levelsA.includesForkVariation() && !levelsB.includesForkVariation() ? "A and B each have"
                : levelsA.includesForkVariation() ? "B has" : "A has";
        return Optional.of("fork-to-fork variation not included: " + which + " one fork");
    }
}
