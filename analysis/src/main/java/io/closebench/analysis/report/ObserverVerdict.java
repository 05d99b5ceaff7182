package io.closebench.analysis.report;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ForkAwareComparison;
import io.closebench.analysis.stats.ForkedLatency;
import java.util.Optional;

/**
 * Two models in the conformance matrix, one scenario and placement: a {@link ForkAwareComparison}
 * on the exact latencies of {@code observations-*.csv}, with the reference model (e.g. BLOCKING) as
 * group A and the challenger (e.g. NIO) as group B, so that the ratio is challenger over reference
 * (below 1: the challenger detects sooner); and the sentence it allows.
 *
 * <p>One matrix run is one process: each model's repetitions are one fork whose iterations are the
 * single repetitions ({@link ForkedLatency#oneProcess}). The models take turns repetition by
 * repetition, so the ratio and its iteration-level interval describe this run fairly; with one fork
 * per side nothing is judged (fork-to-fork variation, i.e. how another run would come out, is
 * unknown).
 *
 * @param comparison the comparison, empty when it could not be made
 * @param sentence the verdict, or why there is none
 */
record ObserverVerdict(Optional<ForkAwareComparison> comparison, String sentence) {

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
            ForkAwareComparison c = ForkAwareComparison.of(ForkedLatency.oneProcess(reference),
                    ForkedLatency.oneProcess(challenger), settings);
            return new ObserverVerdict(Optional.of(c), c.describe(pair.reference().name(), pair.challenger().name(),
                    outcome));
        } catch (IllegalArgumentException e) {
            return new ObserverVerdict(Optional.empty(), "cannot compare: " + e.getMessage());
        }
    }

    /** @return the reference's median, or "-" */
    String referenceMedian() {
        return comparison.map(c -> ThreeFigureDuration.of(c.ratio().medianA())).orElse("-");
    }

    /** @return the challenger's median, or "-" */
    String challengerMedian() {
        return comparison.map(c -> ThreeFigureDuration.of(c.ratio().medianB())).orElse("-");
    }

    /** @return challenger over reference with its interval, or "-" */
    String ratio() {
        return comparison.map(c -> Figures.ratioWithInterval(c.ratio().ratio(), c.ratio().interval())).orElse("-");
    }
}
