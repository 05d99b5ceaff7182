package io.closebench.analysis.stats;

import java.math.BigDecimal;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Everything that determines a bootstrap result besides the data: number of resamples, confidence
 * level and RNG seed.
 *
 * <p>Equal settings on equal data give bit-identical intervals, on any JVM: the generator is
 * commons-math3 {@link Well19937c}, a pure-Java algorithm seeded explicitly, and the resampling
 * order is fixed. Report the seed next to a figure and anyone can reproduce it.
 *
 * <p>The percentile interval reads the {@code (1-level)/2} and {@code (1+level)/2} quantiles of
 * the replicates, so at least {@code ceil(2/(1-level))} resamples are required for both tails to
 * hold one replicate (40 at 95 %, 200 at 99 %). That floor only makes the interval computable; the
 * Monte-Carlo error of the bounds shrinks like {@code 1/sqrt(resamples)}, and the default 2000 is
 * the customary choice for 95 % percentile intervals (Efron &amp; Tibshirani, ch. 13).
 *
 * @param resamples number of bootstrap replicates
 * @param confidenceLevel nominal two-sided coverage, e.g. 0.95
 * @param seed seed for {@link Well19937c}
 */
public record BootstrapSettings(int resamples, double confidenceLevel, long seed) {

    /** 2000 replicates. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** 95 % two-sided. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /** A fixed seed, so that default settings are reproducible too; any value is as good. */
    public static final long DEFAULT_SEED = 0x636C6F7365L; // "close"

    /**
     * Validates the settings; see the class comment for the resample floor.
     *
     * @param resamples number of bootstrap replicates, at least {@code ceil(2/(1-confidenceLevel))}
     * @param confidenceLevel nominal two-sided coverage in {@code (0, 1)}
     * @param seed seed for {@link Well19937c}
     */
    public BootstrapSettings {
        LatencySamples.requireConfidenceLevel(confidenceLevel);
        int minimum = minimumResamples(confidenceLevel);
        if (resamples < minimum) {
            throw new IllegalArgumentException("a " + ReportFormat.level(confidenceLevel)
                    + " percentile bootstrap needs at least " + minimum + " resamples, got " + resamples);
        }
    }

    /** @return 2000 resamples, 95 %, {@link #DEFAULT_SEED} */
    public static BootstrapSettings defaults() {
        return new BootstrapSettings(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE_LEVEL, DEFAULT_SEED);
    }

    /**
     * @param newSeed the replacement value
     * @return these settings with another seed
     */
    public BootstrapSettings withSeed(long newSeed) {
        return new BootstrapSettings(resamples, confidenceLevel, newSeed);
    }

    /**
     * @param newResamples the replacement value
     * @return these settings with another number of resamples
     */
    public BootstrapSettings withResamples(int newResamples) {
        return new BootstrapSettings(newResamples, confidenceLevel, seed);
    }

    /**
     * @param newLevel the replacement value
     * @return these settings with another confidence level
     */
    public BootstrapSettings withConfidenceLevel(double newLevel) {
        return new BootstrapSettings(resamples, newLevel, seed);
    }

    /** @return {@code 1 - confidenceLevel}, the significance level that matches the interval */
    public double alpha() {
        return alphaFor(confidenceLevel);
    }

    /**
     * {@code 1 - level} computed in decimal, so that a 0.95 level gives alpha exactly 0.05 rather
     * than the binary 0.050000000000000044 (which would call p = 0.05 significant).
     */
    static double alphaFor(double level) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(level)).doubleValue();
    }

    /** @return a fresh generator in its seeded state */
    RandomGenerator newRandom() {
        return new Well19937c(seed);
    }

    /**
     * The percentile interval of bootstrap replicates: their R-1 quantiles at {@code (1-level)/2}
     * and {@code (1+level)/2}.
     */
    ConfidenceInterval percentileInterval(double[] replicates) {
        double tail = (1.0 - confidenceLevel) / 2.0;
        return ConfidenceInterval.of(
                EmpiricalQuantile.of(replicates, tail),
                EmpiricalQuantile.of(replicates, 1.0 - tail),
                confidenceLevel);
    }

    static int minimumResamples(double level) {
        return (int) Math.ceil(2.0 / (1.0 - level) - 1e-9);
    }
}
