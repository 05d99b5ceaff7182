package io.closebench.bench;

import io.closebench.schema.Outcome;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measurement iteration (or a whole fork) recorded for one benchmark: its
 * detection-latency histogram and its counts. Handed from the journal to the JMH profiler that
 * reports it, and to the percentile CSV.
 *
 * @param histogram  t1 - t0 of every repetition whose t0 was known, in ns
 * @param outcomes   count per outcome, every repetition included
 * @param unexpected repetitions whose outcome was not the scenario's Linux outcome (timeouts included)
 * @param noT0       repetitions whose t0 was unknown, so their latency could not be recorded
 * @param asleep     repetitions whose observer was seen asleep right before the fault
 * @param handOffs   repetitions with a hand-off of the harness's between t0 and t1 (must be 0)
 * @param lostResets repetitions that were Netty io_uring's lost RST ({@code Observation#isIoUringLostReset()}):
 *                   timeouts with that explanation, counted among the timeouts and the unexpected too
 */
public record IterationSummary(Histogram histogram, Map<Outcome, Long> outcomes, long unexpected, long noT0,
                               long asleep, long handOffs, long lostResets) {

    public long count(Outcome o) {
        return outcomes.getOrDefault(o, 0L);
    }
}
