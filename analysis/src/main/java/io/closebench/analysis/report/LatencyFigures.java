package io.closebench.analysis.report;

import io.closebench.analysis.results.BenchmarkKey;
import io.closebench.analysis.results.JmhResult;
import io.closebench.analysis.results.PercentileRecord;
import io.closebench.analysis.stats.ConfidenceInterval;
import io.closebench.analysis.stats.LatencySummary;
import io.closebench.analysis.stats.OrderStatisticQuantileInterval;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;

/**
 * The descriptive figures of one benchmark combination over all its forks: the {@link LatencySummary}
 * of the merged histogram (count, mean, sd, percentiles), distribution-free intervals for its median
 * and p99, the outcomes the forks counted, and JMH's throughput.
 *
 * <p>The intervals are {@link OrderStatisticQuantileInterval}s computed from the histogram's counts,
 * not bootstrap intervals over values expanded from it: for a single quantile of a single sample the
 * order-statistic interval has at least its nominal coverage for any continuous distribution, needs
 * no resampling, hence no expansion cap, and so uses every recorded value; bucket quantisation widens
 * it outward rather than shifting it. Its one demand is sample size: a 95 % interval for p99 needs
 * 368 values, and below that it is undefined and says so.
 *
 * @param key the combination
 * @param summary count, mean, sd, min, percentiles, max
 * @param medianInterval order-statistic interval of the median
 * @param p99Interval order-statistic interval of p99
 * @param forks forks whose percentile rows were found
 * @param outcomes outcomes over the forks' measured repetitions
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param timeouts repetitions that reached the deadline
 * @param harnessFailures repetitions the harness could not run
 * @param loadDropped background-load messages dropped, -1 when not recorded
 * @param repsPerSecond JMH's score, NaN when JMH's results are absent
 */
record LatencyFigures(BenchmarkKey key, LatencySummary summary, ConfidenceInterval medianInterval,
        ConfidenceInterval p99Interval, int forks, OutcomeCounts outcomes, long unexpected, long timeouts,
        long harnessFailures, long loadDropped, double repsPerSecond) {

    /**
     * @param key the combination
     * @param histogram every fork's intervals merged, not empty
     * @param forkRows the forks' percentile rows (possibly none, for a partial folder)
     * @param jmh JMH's result for the combination, if any
     * @param level confidence level of the intervals
     * @return the figures
     */
    static LatencyFigures of(BenchmarkKey key, AbstractHistogram histogram, List<PercentileRecord> forkRows,
            Optional<JmhResult> jmh, double level) {
        OutcomeCounts outcomes = OutcomeCounts.parse(forkRows.stream().map(PercentileRecord::outcomeCounts).toList());
        long dropped = forkRows.stream().anyMatch(r -> r.loadMessagesDropped() < 0) ? -1
                : forkRows.stream().mapToLong(PercentileRecord::loadMessagesDropped).sum();
        return new LatencyFigures(key, LatencySummary.of(histogram),
                OrderStatisticQuantileInterval.of(histogram, 0.5, level),
                OrderStatisticQuantileInterval.of(histogram, 0.99, level),
                forkRows.size(), outcomes,
                forkRows.stream().mapToLong(PercentileRecord::unexpected).sum(),
                forkRows.stream().mapToLong(PercentileRecord::timeouts).sum(),
                forkRows.stream().mapToLong(PercentileRecord::harnessFailures).sum(),
                dropped,
                jmh.map(JmhResult::score).orElse(Double.NaN));
    }
}
