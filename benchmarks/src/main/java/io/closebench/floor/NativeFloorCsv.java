package io.closebench.floor;

import io.closebench.schema.CsvLog;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code native-floor.csv} ({@link NativeFloorColumn}): one row per floor case, measured or
 * not (then with its reason). Latencies are nanoseconds, -1 where there is none; outcome_counts
 * holds the non-zero counts as "EOF=200;TIMEOUT=1"; skipped_reason is empty for a measured row.
 */
public final class NativeFloorCsv {

    private NativeFloorCsv() {
    }

    /** Writes the figures into {@code folder}; returns the file. */
    public static Path write(List<NativeFloorFigure> figures, Path folder) throws IOException {
        try (CsvLog<NativeFloorColumn> csv = CsvLog.create(folder.resolve(ResultFile.NATIVE_FLOOR.fixedName()),
                NativeFloorColumn.class)) {
            for (NativeFloorFigure f : figures) {
                FloorCase c = f.floorCase();
                FloorLatency l = f.latency();
                csv.row().set(NativeFloorColumn.SCENARIO_ID, c.scenario().id()).set(NativeFloorColumn.API, c.api())
                        .set(NativeFloorColumn.PLACEMENT, c.placement())
                        .set(NativeFloorColumn.IDLE_BEFORE_FAULT_US, c.idleMicros())
                        .set(NativeFloorColumn.WARMUP_REPETITIONS, f.warmupRepetitions())
                        .set(NativeFloorColumn.REPETITIONS, f.repetitions())
                        .set(NativeFloorColumn.ASLEEP_AT_FAULT, f.asleepAtFault())
                        .set(NativeFloorColumn.OUTCOME_COUNTS, f.outcomeCountsText())
                        .set(NativeFloorColumn.OUTCOME_DETAILS, String.join("; ", f.outcomeDetails()))
                        .set(NativeFloorColumn.LATENCY_COUNT, l.count()).set(NativeFloorColumn.MIN_NS, l.minNanos())
                        .set(NativeFloorColumn.P50_NS, l.p50Nanos()).set(NativeFloorColumn.P90_NS, l.p90Nanos())
                        .set(NativeFloorColumn.P99_NS, l.p99Nanos()).set(NativeFloorColumn.MAX_NS, l.maxNanos())
                        .set(NativeFloorColumn.OBSERVER_CPU, f.observerCpu()).set(NativeFloorColumn.PEER_CPU, f.peerCpu())
                        .set(NativeFloorColumn.KERNEL, f.kernel()).set(NativeFloorColumn.SKIPPED_REASON, f.skippedReason())
                        .append();
            }
        }
        return folder.resolve(ResultFile.NATIVE_FLOOR.fixedName());
    }
}
