package io.closebench.matrix;

import io.closebench.results.PeerColumns;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.schema.CsvLog;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The matrix as the schema's rows ({@link MatrixRecord}): one per scenario and observer, aggregated
 * from the observations as they streamed, plus pending cases; rows of a run that was stopped are
 * marked partial. They are written to the CSV and printed on the console (through the analysis
 * module's {@code MatrixView}) alike. Column meanings are in {@code results/README.md}.
 */
public final class MatrixCsv {

    private MatrixCsv() {
    }

    /** Writes {@code matrix-<parameters>.csv} into {@code folder}; returns the file. */
    public static Path writeMatrix(MatrixResult result, Path folder, String parameters) throws IOException {
        Path file = folder.resolve(ResultFile.MATRIX.name(parameters));
        try (CsvLog<MatrixColumn> csv = CsvLog.create(file, MatrixColumn.class)) {
            for (MatrixRecord r : records(result)) {
                r.appendTo(csv);
            }
        }
        return file;
    }

    /** @return the result's rows, in the file's order: every scenario and observer, then the pending cases */
    public static List<MatrixRecord> records(MatrixResult result) {
        List<MatrixRecord> out = new ArrayList<>();
        result.rows().forEach(row -> out.add(record(row)));
        for (CaseId c : result.pending()) {
            out.add(new MatrixRecord(c.name(), "", c.peerAction(), c.side().name(), "", "", "", "", Optional.empty(),
                    Optional.empty(), 0, 0, false, c.note().linux(), c.note().windows(), c.note().outcome(),
                    c.note().accounting().name(), c.note().inNote(), "", Optional.empty(), 0, Verdict.PENDING, 0, 0, 0,
                    "", "", "", -1, 0, "", result.pendingReason(), -1, "", "", MatrixRecord.Wire.NOT_RUN,
                    PeerColumns.of(result.peer(), -1, -1)));
        }
        return out;
    }

    /**
     * @param row one scenario and observer
     * @return its row, judged by the note's column for its peer's OS, and saying where that peer ran
     */
    public static MatrixRecord record(MatrixRow row) {
        Scenario s = row.scenario();
        return new MatrixRecord(s.caseId().name(), s.id(), s.variant(), s.side().name(), s.runtime().label(),
                s.fault().call(), s.probe().name(), s.preparation().describe(), Optional.of(row.observer()),
                Optional.of(row.placement()), row.n(), row.planned(), row.isPartial(), s.note().linux(),
                s.note().windows(), row.claim().outcome(), row.claim().accounting().name(), s.note().inNote(),
                outcomeCounts(row), row.isSkipped() ? Optional.empty() : Optional.of(row.dominantOutcome()),
                row.agreeing(), row.verdict(), row.peerBytesSent(), row.bytesDelivered(), row.repetitionsWithLoss(),
                row.writesAccepted(), row.nextRead(), row.nextWrite(), row.medianLatencyNanos().orElse(-1),
                row.asleepAtFault(), String.join(MatrixRecord.MESSAGE_SEPARATOR, row.exceptionMessages()),
                row.isSkipped() ? row.skippedReason() : String.join(" ", Findings.explain(row)),
                row.medianFaultCallNanos().orElse(-1), row.tcpStates(), row.sigpipe(), wire(row.wire()),
                PeerColumns.of(row.peer(), row.medianRttNanos(), row.maxT0BoundNanos()));
    }

    /** The row's repetitions as the wire showed them. */
    private static MatrixRecord.Wire wire(WireTally w) {
        return new MatrixRecord.Wire(w.firstEnd(), w.medianEndAtMicros().stream()
                .mapToObj(us -> String.format(java.util.Locale.ROOT, "%.3f", us)).findFirst().orElse(""),
                w.rstBeforeData(), w.retransmissions(), w.probes(), w.order(), w.missing() == 0 ? ""
                : w.missing() + " without wire facts: " + String.join("; ", w.unavailableReasons()));
    }

    private static String outcomeCounts(MatrixRow row) {
        return row.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }
}
