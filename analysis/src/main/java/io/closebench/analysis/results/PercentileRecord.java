package io.closebench.analysis.results;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Column;
import io.closebench.schema.PercentileColumn;
import java.util.List;

import static io.closebench.schema.PercentileColumn.*;

/**
 * One fork's {@code percentiles-*.csv} row, written when the fork's trial ends: how many
 * repetitions it recorded into its .hlog, and what the .hlog does not carry: the JDK the fork ran
 * on, the outcomes, whether the observer was asleep at each fault, hand-offs inside the measured
 * path, where the threads ran, and the background load. Its {@link #count()} must equal the
 * recorded total of the fork's .hlog; a difference means the log is truncated or corrupt.
 *
 * @param key the combination
 * @param forkPid the fork's process id, which also names its .hlog
 * @param jdk the JDK the fork ran on, e.g. "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)"
 * @param iterations measurement iterations recorded
 * @param count repetitions with a known t0, all recorded in the histogram
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param timeouts repetitions that hit the deadline
 * @param harnessFailures repetitions the harness could not run as designed
 * @param noT0 repetitions without a latency to record
 * @param outcomeCounts {@code OUTCOME=count;...} over every measured repetition
 * @param asleepAtFault repetitions in which the observer was seen asleep in the kernel at the fault
 * @param handOffs repetitions with a hand-off between the harness's threads inside t1 - t0 (should be 0)
 * @param observerCpus the CPUs the observer ran on, e.g. "1" or "unpinned"
 * @param peerCpus the CPUs the peer and the fault injection ran on
 * @param loadMessagesDropped background-load messages dropped because a socket buffer was full
 */
public record PercentileRecord(BenchmarkKey key, long forkPid, String jdk, long iterations, long count,
        long unexpected, long timeouts, long harnessFailures, long noT0, String outcomeCounts, long asleepAtFault,
        long handOffs, String observerCpus, String peerCpus, long loadMessagesDropped) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(PercentileColumn.class);

    /**
     * @param r a row of a {@code percentiles-*.csv}
     * @return the fork's row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static PercentileRecord of(CsvRow r) throws ResultsFileException {
        BenchmarkKey key = r.key(BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS,
                CPU_BURNERS);
        return new PercentileRecord(key, r.whole(FORK_PID), r.text(JDK), r.whole(ITERATIONS), r.whole(COUNT),
                r.whole(UNEXPECTED), r.whole(TIMEOUTS), r.whole(HARNESS_FAILURES), r.whole(NO_T0),
                r.text(OUTCOME_COUNTS), r.whole(ASLEEP_AT_FAULT), r.whole(HANDOFFS_IN_MEASURED_PATH),
                r.text(OBSERVER_CPUS), r.text(PEER_CPUS), r.whole(LOAD_MESSAGES_DROPPED));
    }
}
