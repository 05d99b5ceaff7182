package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.row.NativeFloorRecord;
import java.util.List;
import java.util.function.Function;

/**
 * The native floor's own figures as a table, from the rows of {@code native-floor.csv}: per case its
 * outcomes and t1 - t0 percentiles, or in the last column why it was not measured. The console prints
 * it when the floor has run, the report under its Java-against-C table; both from the same rows,
 * durations through {@link ThreeFigureDuration}.
 */
public final class NativeFloorView {

    /** The columns. */
    public static final List<TableColumn<NativeFloorRecord>> COLUMNS = List.of(
            TableColumn.of("case", NativeFloorRecord::scenarioId),
            TableColumn.of("API", r -> r.api().name()),
            TableColumn.of("placement", r -> r.placement().name()),
            TableColumn.of(">idle us", r -> String.valueOf(r.idleBeforeFaultMicros())),
            measured(">reps", r -> String.valueOf(r.repetitions())),
            measured(">asleep", r -> String.valueOf(r.asleepAtFault())),
            measured("outcomes", NativeFloorRecord::outcomeCounts),
            measured(">t1-t0 min", r -> ThreeFigureDuration.of(r.minNanos())),
            measured(">p50", r -> ThreeFigureDuration.of(r.p50Nanos())),
            measured(">p90", r -> ThreeFigureDuration.of(r.p90Nanos())),
            measured(">p99", r -> ThreeFigureDuration.of(r.p99Nanos())),
            measured(">max", r -> ThreeFigureDuration.of(r.maxNanos())),
            measured("CPUs o/p", r -> r.observerCpu() + " / " + r.peerCpu()),
            TableColumn.of("notes", r -> r.skippedReason().orElse(r.outcomeDetails())));

    private NativeFloorView() {
    }

    /**
     * @param rows the floor's rows
     * @return one row per case
     */
    public static AlignedTable table(List<NativeFloorRecord> rows) {
        return TableColumn.table(COLUMNS, rows);
    }

    /** A cell of a measured case, "-" for one that was not. */
    private static TableColumn<NativeFloorRecord> measured(String header, Function<NativeFloorRecord, String> cell) {
        return TableColumn.of(header, r -> r.skippedReason().isPresent() ? "-" : cell.apply(r));
    }
}
