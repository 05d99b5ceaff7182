package io.closebench.analysis.report;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.analysis.stats.HierarchicalBootstrap;
import io.closebench.analysis.stats.HierarchicalQuantile;
import io.closebench.analysis.stats.IterationModes;
import io.closebench.analysis.stats.LatencySummary;
import io.closebench.analysis.stats.ResampledLevels;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.row.PercentileRecord;
import io.closebench.schema.row.SummaryRecord;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark combination's figures as a person reads them, with the structure they were measured
 * in kept: the median and p99 with {@link HierarchicalBootstrap} intervals (forks, then iterations
 * within them, resampled; never single values, which share their iteration's circumstances), the
 * descriptive percentiles of every value pooled, whether the iteration medians split
 * ({@link IterationModes}), and what the forks' percentile rows add: the JDK, the outcomes, whether
 * the observer was asleep at the fault, hand-offs inside the measured path, the dropped load; and
 * JMH's score from the summary.
 *
 * @param key the combination
 * @param jdk the JDK its forks ran on
 * @param sample its forks and iterations
 * @param median pooled median with its interval
 * @param p99 pooled p99 with its interval
 * @param pooled count, percentiles and maximum of every value pooled
 * @param modes whether the iteration medians agree
 * @param forksFinished forks whose percentile rows were found
 * @param outcomes outcomes over the forks' measured repetitions
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param asleepAtFault repetitions with the observer seen asleep at the fault, over the finished forks
 * @param handOffs repetitions with a hand-off inside t1 - t0 (should be none)
 * @param loadDropped background-load messages dropped
 * @param score JMH's score, from the summary; NaN when the summary has no row
 * @param cpus where the observer and the peer ran, as the forks recorded it, e.g. "1 / 1"; "-" when
 *     no fork finished
 */
record BenchmarkFigure(BenchmarkKey key, String jdk, ForkedLatency sample, HierarchicalQuantile median,
        HierarchicalQuantile p99, LatencySummary pooled, IterationModes modes, int forksFinished,
        OutcomeCounts outcomes, long unexpected, long asleepAtFault, long handOffs, long loadDropped, double score,
        String cpus) {

    /**
     * @param run the folder
     * @param key a combination with a sample in {@link RunFolder#latency()}
     * @param settings bootstrap resamples, level, seed
     * @return its figures
     */
    static BenchmarkFigure of(RunFolder run, BenchmarkKey key, BootstrapSettings settings) {
        ForkedLatency sample = run.latency().get(key);
        List<PercentileRecord> forks = run.percentiles().getOrDefault(key, List.of());
        return new BenchmarkFigure(key, run.jdk(key), sample, HierarchicalBootstrap.quantile(sample, 0.5, settings),
                HierarchicalBootstrap.quantile(sample, 0.99, settings), LatencySummary.of(sample.pooled()),
                IterationModes.of(sample), forks.size(),
                OutcomeCounts.parse(forks.stream().map(PercentileRecord::outcomeCounts).toList()),
                forks.stream().mapToLong(PercentileRecord::unexpected).sum(),
                forks.stream().mapToLong(PercentileRecord::asleepAtFault).sum(),
                forks.stream().mapToLong(PercentileRecord::handOffs).sum(),
                forks.stream().mapToLong(PercentileRecord::loadMessagesDropped).sum(),
                run.summaryRow(key).map(SummaryRecord::score).orElse(Double.NaN),
                forks.isEmpty() ? "-" : String.join(", ", forks.stream().map(r -> r.observerCpus() + " / " + r.peerCpus())
                        .distinct().toList()));
    }

    /**
     * @param levels what a bootstrap could resample
     * @return the words every interval is labelled with
     */
    static String intervalKind(ResampledLevels levels) {
        return switch (levels) {
            case FORKS_AND_ITERATIONS -> "hierarchical, resampling forks and iterations";
            case ITERATIONS_ONLY -> "iteration-level, one fork: fork-to-fork variation unknown";
            case NOTHING -> "none: one fork with one iteration";
        };
    }

    /** @return the median's interval kind, e.g. "hierarchical, resampling forks and iterations" */
    String intervalKind() {
        return intervalKind(median.levels());
    }

    /** @return "12.3 us (11.8-12.9 us)", or "12.3 us (no interval)" */
    String medianWithInterval() {
        return ThreeFigureDuration.of(median.estimate()) + " (" + (median.interval().isDefined()
                ? Figures.durationInterval(median.interval()) : "no interval") + ")";
    }

    /** @return the most frequent outcome the forks counted, or "the end" when none finished */
    String outcome() {
        String dominant = outcomes.dominant();
        return dominant.equals("-") ? "the end" : dominant;
    }

    /** @return share of repetitions with the observer asleep at the fault, empty when no fork finished */
    Optional<String> asleepShare() {
        long counted = outcomes.total();
        return counted == 0 ? Optional.empty() : Optional.of(Math.round(100.0 * asleepAtFault / counted) + "%");
    }

    /** @return "S2-inproc, NIO, SAME_CPU, idle 0 us before the fault, no load, JDK 25.0.3+9-LTS" */
    String label() {
        return key.scenario() + ", " + key.observer() + ", " + Figures.conditions(key) + ", JDK " + Figures.jdk(jdk);
    }
}
