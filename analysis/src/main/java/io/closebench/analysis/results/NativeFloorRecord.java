package io.closebench.analysis.results;

import io.closebench.schema.Column;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.Placement;
import java.util.List;
import java.util.Optional;

import static io.closebench.schema.NativeFloorColumn.*;

/**
 * One row of {@code native-floor.csv}: the same detection as a Java scenario (S2-inproc, X1-linger0)
 * done by a C program, under the same placement and idle time: the floor below which no Java model
 * can go on this kernel. A case that could not run (no compiler, too few CPUs) has a row with the
 * reason.
 *
 * @param scenarioId the Java scenario it reproduces, e.g. "S2-inproc"
 * @param api how the C observer waits
 * @param placement where its threads ran
 * @param idleBeforeFaultMicros how long the observer had been asleep, at least, when the fault came
 * @param repetitions measured repetitions (after the warmup)
 * @param asleepAtFault repetitions in which the observer was seen asleep in the kernel at the fault
 * @param outcomeCounts {@code OUTCOME=count;...}
 * @param latencyCount repetitions with a latency
 * @param p50Nanos median t1 - t0, -1 when none
 * @param p99Nanos p99 of t1 - t0, -1 when none
 * @param kernel the program's kernel line
 * @param skippedReason why it was not measured; empty when it was
 */
public record NativeFloorRecord(String scenarioId, FloorApi api, Placement placement, long idleBeforeFaultMicros,
        long repetitions, long asleepAtFault, String outcomeCounts, long latencyCount, long p50Nanos, long p99Nanos,
        String kernel, Optional<String> skippedReason) {

    /** The file's columns, every one of which it must have. */
    public static final List<String> COLUMNS = Column.headers(NativeFloorColumn.class);

    /**
     * @param r a row of {@code native-floor.csv}
     * @return the row
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static NativeFloorRecord of(CsvRow r) throws ResultsFileException {
        String reason = r.text(SKIPPED_REASON).strip();
        return new NativeFloorRecord(r.text(SCENARIO_ID), r.word(API, FloorApi.class), r.word(PLACEMENT, Placement.class),
                r.whole(IDLE_BEFORE_FAULT_US), r.whole(REPETITIONS), r.whole(ASLEEP_AT_FAULT), r.text(OUTCOME_COUNTS),
                r.whole(LATENCY_COUNT), r.whole(P50_NS), r.whole(P99_NS), r.text(KERNEL),
                reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    /** @return whether it was measured and has a median */
    public boolean measured() {
        return skippedReason.isEmpty() && latencyCount > 0 && p50Nanos > 0;
    }
}
