package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.MedianComparison;
import io.closebench.analysis.stats.PlainLanguageVerdict;
import java.util.Optional;

/**
 * Two models in the conformance matrix, one scenario and placement: a {@link MedianComparison} on the
 * exact latencies of {@code observations-*.csv}, with the reference model (e.g. BLOCKING) as group A
 * and the challenger (e.g. NIO) as group B, so that {@link MedianComparison#ratio()} is challenger
 * over reference (below 1: the challenger detects sooner); and the {@link PlainLanguageVerdict}.
 *
 * <p>The matrix's repetitions are the units here, not forks: one matrix run is one process, the
 * models take turns repetition by repetition, and each repetition is a fresh connection. That makes
 * the comparison within the run fair; it says nothing about how another run would come out.
 *
 * @param comparison the comparison, empty when it could not be made
 * @param sentence the verdict, or why there is none
 */
record ObserverVerdict(Optional<MedianComparison> comparison, String sentence) {

    /**
     * @param pair which models
     * @param outcome what is detected
     * @param reference the reference model's latencies, ns
     * @param challenger the challenger's latencies, ns
     * @param settings bootstrap resamples, level, seed
     * @return the verdict
     */
    static ObserverVerdict of(ModelPair pair, String outcome, long[] reference, long[] challenger,
            BootstrapSettings settings) {
        if (reference.length == 0 || challenger.length == 0) {
            return new ObserverVerdict(Optional.empty(), "cannot compare: "
                    + (reference.length == 0 ? pair.reference() : pair.challenger()) + " detected nothing with a known time");
        }
        try {
            MedianComparison c = MedianComparison.of(reference, challenger, settings);
            return new ObserverVerdict(Optional.of(c), PlainLanguageVerdict.describe(c, pair.reference().name(),
                    pair.challenger().name(), outcome));
        } catch (IllegalArgumentException e) {
            return new ObserverVerdict(Optional.empty(), "cannot compare: " + e.getMessage());
        }
    }

    /** @return the reference's median, or "-" */
    String referenceMedian() {
        return comparison.map(c -> Figures.duration(c.medianA())).orElse("-");
    }

    /** @return the challenger's median, or "-" */
    String challengerMedian() {
        return comparison.map(c -> Figures.duration(c.medianB())).orElse("-");
    }

    /** @return challenger over reference with its interval, or "-" */
    String ratio() {
        return comparison.map(c -> Figures.ratioWithInterval(c.ratio(), c.ratioInterval())).orElse("-");
    }
}
