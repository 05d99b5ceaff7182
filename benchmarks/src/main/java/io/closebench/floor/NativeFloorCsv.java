package io.closebench.floor;

import io.closebench.schema.CsvLog;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.row.NativeFloorRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code native-floor.csv}: one row per floor case ({@link NativeFloorRecord}), measured or
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
                record(f).appendTo(csv);
            }
        }
        return folder.resolve(ResultFile.NATIVE_FLOOR.fixedName());
    }

    /** @return one floor case's row */
    public static NativeFloorRecord record(NativeFloorFigure f) {
        FloorCase c = f.floorCase();
        FloorLatency l = f.latency();
        return new NativeFloorRecord(c.scenario().id(), c.api(), c.placement(), c.idleMicros(), f.warmupRepetitions(),
                f.repetitions(), f.asleepAtFault(), f.outcomeCountsText(), String.join("; ", f.outcomeDetails()),
                l.count(), l.minNanos(), l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.maxNanos(), f.observerCpu(),
                f.peerCpu(), f.kernel(), f.skippedReason().isEmpty() ? Optional.empty() : Optional.of(f.skippedReason()));
    }
}
