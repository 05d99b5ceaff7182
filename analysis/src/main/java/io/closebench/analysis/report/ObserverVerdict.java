package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.HistogramExpansion;
import io.closebench.analysis.stats.MedianComparison;
import io.closebench.analysis.stats.PlainLanguageVerdict;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;

/**
 * NIO against blocking for one scenario and load: a {@link MedianComparison} with BLOCKING as group A
 * and NIO as group B, so that {@link MedianComparison#ratio()} is the median of NIO over the median
 * of BLOCKING (below 1: NIO detects sooner), as in the bench job's summary; and the
 * {@link PlainLanguageVerdict} that says which side a person can call faster.
 *
 * @param subject what was compared, e.g. "C2a, idle"
 * @param outcome what is detected, e.g. "EOF"
 * @param comparison the comparison, empty when it could not be made
 * @param sentence the verdict, or why there is none
 */
record ObserverVerdict(String subject, String outcome, Optional<MedianComparison> comparison, String sentence) {

    /**
     * @param subject what is compared
     * @param outcome what is detected
     * @param blocking the blocking observer's latencies, ns
     * @param nio the NIO observer's latencies, ns
     * @param settings bootstrap resamples, level, seed
     * @return the verdict
     */
    static ObserverVerdict of(String subject, String outcome, long[] blocking, long[] nio, BootstrapSettings settings) {
        if (blocking.length == 0 || nio.length == 0) {
            return new ObserverVerdict(subject, outcome, Optional.empty(), "cannot compare: "
                    + (blocking.length == 0 ? "BLOCKING" : "NIO") + " detected nothing with a known time");
        }
        try {
            MedianComparison c = MedianComparison.of(blocking, nio, settings);
            return new ObserverVerdict(subject, outcome, Optional.of(c),
                    PlainLanguageVerdict.describe(c, "BLOCKING", "NIO", outcome));
        } catch (IllegalArgumentException e) {
            return new ObserverVerdict(subject, outcome, Optional.empty(), "cannot compare: " + e.getMessage());
        }
    }

    /**
     * The same from histograms, expanded by {@link HistogramExpansion} up to the settings' cap.
     *
     * @param subject what is compared
     * @param outcome what is detected
     * @param blocking the blocking observer's histogram
     * @param nio the NIO observer's histogram
     * @param settings bootstrap resamples, level, seed, expansion cap
     * @return the verdict
     */
    static ObserverVerdict of(String subject, String outcome, AbstractHistogram blocking, AbstractHistogram nio,
            BootstrapSettings settings) {
        return of(subject, outcome, expand(blocking, settings), expand(nio, settings), settings);
    }

    static long[] expand(AbstractHistogram h, BootstrapSettings settings) {
        return h.getTotalCount() == 0 ? new long[0] : HistogramExpansion.sortedValues(h, settings.histogramExpansionCap());
    }
}
