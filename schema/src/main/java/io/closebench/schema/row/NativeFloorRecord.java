package io.closebench.schema.row;

import io.closebench.schema.CsvLog;
import io.closebench.schema.FloorApi;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.Placement;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.util.Optional;

import static io.closebench.schema.NativeFloorColumn.*;

/**
 * One case of the native floor, a row of {@code native-floor.csv}: the same detection done by a C
 * program with no JVM in between, measured or not (then with the reason). Every column of
 * {@link NativeFloorColumn}, in its order. Latencies are nanoseconds, -1 where there is none.
 *
 * @param scenarioId the Java scenario it reproduces: "S2-inproc", "X1-linger0"
 * @param api how the C observer waits
 * @param placement where its threads ran
 * @param idleBeforeFaultMicros how long the observer had slept before the fault
 * @param warmupRepetitions repetitions run first and not counted
 * @param repetitions repetitions measured
 * @param asleepAtFault measured repetitions with the observer seen asleep at the fault
 * @param outcomeCounts {@code OUTCOME=count;...}, the non-zero counts
 * @param outcomeDetails what the repetitions that were neither EOF nor RESET met, "; "-separated
 * @param latencyCount repetitions with a latency
 * @param minNanos t1 - t0, the smallest
 * @param p50Nanos the median
 * @param p90Nanos the 90th percentile
 * @param p99Nanos the 99th percentile
 * @param maxNanos the largest
 * @param observerCpu the CPU the observer was pinned to, "any" when unpinned; empty when not run
 * @param peerCpu the CPU of the peer
 * @param kernel the program's {@code uname} line
 * @param skippedReason "skipped: ..." or "failed: ..." when not measured; empty when measured
 */
public record NativeFloorRecord(String scenarioId, FloorApi api, Placement placement, long idleBeforeFaultMicros,
        long warmupRepetitions, long repetitions, long asleepAtFault, String outcomeCounts, String outcomeDetails,
        long latencyCount, long minNanos, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos,
        String observerCpu, String peerCpu, String kernel, Optional<String> skippedReason)
        implements SchemaRecord<NativeFloorColumn> {

    /** How {@code native-floor.csv} is read. */
    public static final RowFormat<NativeFloorRecord> FORMAT = RowFormat.of(NativeFloorColumn.class,
            NativeFloorRecord::read);

    @Override
    public void fill(CsvLog<NativeFloorColumn>.Row r) {
        r.set(SCENARIO_ID, scenarioId).set(API, api).set(PLACEMENT, placement)
                .set(IDLE_BEFORE_FAULT_US, idleBeforeFaultMicros).set(WARMUP_REPETITIONS, warmupRepetitions)
                .set(REPETITIONS, repetitions).set(ASLEEP_AT_FAULT, asleepAtFault).set(OUTCOME_COUNTS, outcomeCounts)
                .set(OUTCOME_DETAILS, outcomeDetails).set(LATENCY_COUNT, latencyCount).set(MIN_NS, minNanos)
                .set(P50_NS, p50Nanos).set(P90_NS, p90Nanos).set(P99_NS, p99Nanos).set(MAX_NS, maxNanos)
                .set(OBSERVER_CPU, observerCpu).set(PEER_CPU, peerCpu).set(KERNEL, kernel)
                .set(SKIPPED_REASON, skippedReason.orElse(""));
    }

    /**
     * @param r a row of {@code native-floor.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static NativeFloorRecord read(CsvRow r) throws ResultsFileException {
        String reason = r.text(SKIPPED_REASON).strip();
        return new NativeFloorRecord(r.text(SCENARIO_ID), r.word(API, FloorApi.class), r.word(PLACEMENT, Placement.class),
                r.whole(IDLE_BEFORE_FAULT_US), r.whole(WARMUP_REPETITIONS), r.whole(REPETITIONS),
                r.whole(ASLEEP_AT_FAULT), r.text(OUTCOME_COUNTS), r.text(OUTCOME_DETAILS), r.whole(LATENCY_COUNT),
                r.whole(MIN_NS), r.whole(P50_NS), r.whole(P90_NS), r.whole(P99_NS), r.whole(MAX_NS),
                r.text(OBSERVER_CPU), r.text(PEER_CPU), r.text(KERNEL),
                reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    /** @return whether it was measured and has a median */
    public boolean measured() {
        return skippedReason.isEmpty() && latencyCount > 0 && p50Nanos > 0;
    }
}
