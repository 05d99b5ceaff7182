package io.closebench.analysis.report;

import io.closebench.analysis.results.BenchmarkKey;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.MedianComparison;
import io.closebench.analysis.stats.RunToRunChange;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;

/**
 * How much background load moves one observer's detection latency in one scenario: a
 * {@link MedianComparison} with the idle combination as group A and the loaded one as group B, so
 * that {@link MedianComparison#ratio()} is loaded median over idle median (above 1: load slows
 * detection) with its bootstrap interval, and the p99 of each side. The sentence is
 * {@link RunToRunChange#describe(String)} of the same comparison: idle is the baseline, loaded the
 * candidate, and "beyond noise" requires both the ratio interval to exclude 1 and Mann-Whitney's
 * {@code p < alpha}.
 *
 * @param idle the combination without load
 * @param loaded the same under load
 * @param comparison idle as A, loaded as B; empty when it could not be made
 * @param idleP99 p99 without load, ns
 * @param loadedP99 p99 under load, ns
 * @param sentence what the comparison allows one to say
 */
record LoadEffect(BenchmarkKey idle, BenchmarkKey loaded, Optional<MedianComparison> comparison, long idleP99,
        long loadedP99, String sentence) {

    /**
     * @param idle the combination without load
     * @param loaded the same under load
     * @param idleHistogram its latencies without load
     * @param loadedHistogram its latencies under load
     * @param settings bootstrap resamples, level, seed, expansion cap
     * @return the effect
     */
    static LoadEffect of(BenchmarkKey idle, BenchmarkKey loaded, AbstractHistogram idleHistogram,
            AbstractHistogram loadedHistogram, BootstrapSettings settings) {
        long idleP99 = idleHistogram.getValueAtPercentile(99.0);
        long loadedP99 = loadedHistogram.getValueAtPercentile(99.0);
        String figure = idle.scenario() + " " + idle.observer() + ", " + idle.loadLabel() + " -> " + loaded.loadLabel();
        try {
            MedianComparison c = MedianComparison.of(ObserverVerdict.expand(idleHistogram, settings),
                    ObserverVerdict.expand(loadedHistogram, settings), settings);
            return new LoadEffect(idle, loaded, Optional.of(c), idleP99, loadedP99,
                    new RunToRunChange(c, settings.alpha()).describe(figure));
        } catch (IllegalArgumentException e) {
            return new LoadEffect(idle, loaded, Optional.empty(), idleP99, loadedP99,
                    figure + ": cannot compare: " + e.getMessage());
        }
    }

    /** @return loaded p99 over idle p99, a point estimate without interval */
    double p99Ratio() {
        return idleP99 > 0 ? (double) loadedP99 / idleP99 : Double.NaN;
    }
}
