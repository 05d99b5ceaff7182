package io.closebench.schema.row;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.PercentileColumn;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;

import static io.closebench.schema.PercentileColumn.*;

/**
 * One benchmark fork, the one row of its {@code percentiles-*.csv}, written when the fork's trial
 * ends: how many repetitions it recorded into its .hlog, their percentiles, and what the .hlog does
 * not carry: the JDK the fork ran on, the outcomes, whether the observer was asleep at each fault,
 * hand-offs inside the measured path, where the threads ran, and the background load. Every column
 * of {@link PercentileColumn}, in its order. Its {@link #count()} must equal the recorded total of
 * the fork's .hlog; a difference means the log is truncated or corrupt.
 *
 * @param key the combination
 * @param forkPid the fork's process id, which also names its .hlog
 * @param jdk the JDK the fork ran on, e.g. "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)"
 * @param iterations measurement iterations recorded
 * @param count repetitions with a known t0, all recorded in the histogram
 * @param minNanos t1 - t0, the smallest; -1 when nothing was recorded (so the percentiles below)
 * @param p50Nanos the median
 * @param p90Nanos the 90th percentile
 * @param p99Nanos the 99th percentile
 * @param p999Nanos the 99.9th percentile
 * @param maxNanos the largest
 * @param meanNanos the mean, rounded
 * @param unexpected repetitions whose outcome was not Linux's for the scenario
 * @param timeouts repetitions that hit the deadline
 * @param harnessFailures repetitions the harness could not run as designed
 * @param noT0 repetitions without a latency to record
 * @param outcomeCounts {@code OUTCOME=count;...} over every measured repetition
 * @param asleepAtFault repetitions in which the observer was seen asleep in the kernel at the fault
 * @param handOffs repetitions with a hand-off between the harness's threads inside t1 - t0 (should be 0)
 * @param observerCpus the CPUs the observer ran on, e.g. "1" or "unpinned"
 * @param peerCpus the CPUs the peer and the fault injection ran on
 * @param loadMessagesSent background-load messages sent over the fork's trial
 * @param loadMessagesDropped those dropped because a socket buffer was full
 * @param loadBytesReceived bytes the load's consumers read
 * @param peerHost where the fork's peer ran, the median round trip to its host and the largest bound of a
 *     measured repetition's t0 ({@code peer_host}, {@code peer_os}, {@code peer_jdk}, {@code median_rtt_ns},
 *     {@code max_t0_bound_ns}); {@link PeerHost#UNKNOWN} in a file written before them
 */
public record PercentileRecord(BenchmarkKey key, long forkPid, String jdk, long iterations, long count, long minNanos,
        long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos, long meanNanos, long unexpected,
        long timeouts, long harnessFailures, long noT0, String outcomeCounts, long asleepAtFault, long handOffs,
        String observerCpus, String peerCpus, long loadMessagesSent, long loadMessagesDropped, long loadBytesReceived,
        PeerHost peerHost)
        implements SchemaRecord<PercentileColumn> {

    /** How {@code percentiles-*.csv} is read. */
    public static final RowFormat<PercentileRecord> FORMAT = RowFormat.of(PercentileColumn.class,
            PercentileRecord::read);

    @Override
    public void fill(CsvLog<PercentileColumn>.Row r) {
        r.set(BENCHMARK, key.benchmark()).set(SCENARIO_ID, key.scenario()).set(OBSERVER, key.observer())
                .set(PLACEMENT, key.placement()).set(IDLE_BEFORE_FAULT_US, key.idleBeforeFaultMicros())
                .set(LOAD_CONNECTIONS, key.loadConnections()).set(CPU_BURNERS, key.cpuBurners()).set(FORK_PID, forkPid)
                .set(JDK, jdk).set(ITERATIONS, iterations).set(COUNT, count).set(MIN_NS, minNanos).set(P50_NS, p50Nanos)
                .set(P90_NS, p90Nanos).set(P99_NS, p99Nanos).set(P999_NS, p999Nanos).set(MAX_NS, maxNanos)
                .set(MEAN_NS, meanNanos).set(UNEXPECTED, unexpected).set(TIMEOUTS, timeouts)
                .set(HARNESS_FAILURES, harnessFailures).set(NO_T0, noT0).set(OUTCOME_COUNTS, outcomeCounts)
                .set(ASLEEP_AT_FAULT, asleepAtFault).set(HANDOFFS_IN_MEASURED_PATH, handOffs)
                .set(OBSERVER_CPUS, observerCpus).set(PEER_CPUS, peerCpus).set(LOAD_MESSAGES_SENT, loadMessagesSent)
                .set(LOAD_MESSAGES_DROPPED, loadMessagesDropped).set(LOAD_BYTES_RECEIVED, loadBytesReceived);
        peerHost.fill(r, PEER_HOST, PEER_OS, PEER_JDK, MEDIAN_RTT_NS, MAX_T0_BOUND_NS);
    }

    /**
     * @param r a row of a {@code percentiles-*.csv}
     * @return the fork's row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static PercentileRecord read(CsvRow r) throws ResultsFileException {
        BenchmarkKey key = r.key(BENCHMARK, SCENARIO_ID, OBSERVER, PLACEMENT, IDLE_BEFORE_FAULT_US, LOAD_CONNECTIONS,
                CPU_BURNERS);
        return new PercentileRecord(key, r.whole(FORK_PID), r.text(JDK), r.whole(ITERATIONS), r.whole(COUNT),
                r.whole(MIN_NS), r.whole(P50_NS), r.whole(P90_NS), r.whole(P99_NS), r.whole(P999_NS), r.whole(MAX_NS),
                r.whole(MEAN_NS), r.whole(UNEXPECTED), r.whole(TIMEOUTS), r.whole(HARNESS_FAILURES), r.whole(NO_T0),
                r.text(OUTCOME_COUNTS), r.whole(ASLEEP_AT_FAULT), r.whole(HANDOFFS_IN_MEASURED_PATH),
                r.text(OBSERVER_CPUS), r.text(PEER_CPUS), r.whole(LOAD_MESSAGES_SENT), r.whole(LOAD_MESSAGES_DROPPED),
                r.whole(LOAD_BYTES_RECEIVED), PeerHost.read(r, PEER_HOST, PEER_OS, PEER_JDK, MEDIAN_RTT_NS, MAX_T0_BOUND_NS));
    }
}
