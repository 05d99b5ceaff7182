package io.closebench.bench;

import io.closebench.schema.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Brings detection latency and outcome counts into JMH's own results, next to the score, so that
 * {@code -rf csv} and {@code -rf json} carry them: {@code -prof io.closebench.bench.DetectionProfiler}.
 *
 * <p>Caveat, stated in the result labels too: JMH aggregates secondary results across iterations
 * and forks by a policy; the latency percentiles here are the <em>mean of per-iteration
 * percentiles</em> (and the maximum of the maxima), not percentiles of all repetitions together.
 * Those are in the percentile CSV and the .hlog, which hold every repetition.
 */
public final class DetectionProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "closebench detection latency t1 - t0 (per-iteration percentiles, us) and outcome counts";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // the journal resets itself at the first measurement iteration
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        IterationSummary s = LatencyJournal.lastIteration();
        if (iterationParams.getType() != IterationType.MEASUREMENT || s == null) {
            return List.of();
        }
        Histogram h = s.histogram();
        List<Result> r = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            r.add(micros("detect.p50", h.getValueAtPercentile(50), AggregationPolicy.AVG));
            r.add(micros("detect.p90", h.getValueAtPercentile(90), AggregationPolicy.AVG));
            r.add(micros("detect.p99", h.getValueAtPercentile(99), AggregationPolicy.AVG));
            r.add(micros("detect.p99.9", h.getValueAtPercentile(99.9), AggregationPolicy.AVG));
            r.add(micros("detect.max", h.getMaxValue(), AggregationPolicy.MAX));
        }
        r.add(new ScalarResult("detect.count", h.getTotalCount(), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.unexpected", s.unexpected(), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.timeouts", s.count(Outcome.TIMEOUT), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.lost_resets", s.lostResets(), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.no_t0", s.noT0(), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.asleep", s.asleep(), "reps", AggregationPolicy.SUM));
        r.add(new ScalarResult("detect.handoffs", s.handOffs(), "reps", AggregationPolicy.SUM));
        return r;
    }

    private static ScalarResult micros(String label, long nanos, AggregationPolicy policy) {
        return new ScalarResult(label, nanos / 1000.0, "us", policy);
    }
}
