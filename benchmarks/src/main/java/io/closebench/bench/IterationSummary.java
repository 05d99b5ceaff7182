package io.closebench.bench;

import io.closebench.schema.Outcome;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measurement iteration recorded for one benchmark: its detection-latency histogram and
 * its outcome counts. Handed from the journal to the JMH profiler that reports it.
 *
 * @param histogram  t1 - t0 of every repetition of the iteration whose t0 was known, in ns
 * @param outcomes   count per outcome, every repetition included
 * @param unexpected repetitions whose outcome was not the scenario's Linux outcome (timeouts included)
 * @param noT0       repetitions whose t0 was unknown, so their latency could not be recorded
 */
public record IterationSummary(Histogram histogram, Map<Outcome, Long> outcomes, long unexpected, long noT0) {

    public long count(Outcome o) {
        return outcomes.getOrDefault(o, 0L);
    }
}
