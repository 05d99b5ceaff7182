package io.closebench.matrix;

import io.closebench.analysis.report.MatrixView;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import java.io.PrintStream;
import java.util.List;

/**
 * The matrix on the console: the rows the CSV holds ({@link MatrixCsv#records}) through the same
 * view as the report ({@link MatrixView}), each departure's reason numbered below, then what was
 * pending, whether the run was stopped, and the verdicts counted.
 */
public final class MatrixTable {

    private MatrixTable() {
    }

    public static void print(MatrixResult result, PrintStream out) {
        List<MatrixRecord> rows = MatrixCsv.records(result);
        out.print(MatrixView.plainTextWithNotes(rows));
        if (!result.pending().isEmpty()) {
            out.println("pending: " + result.pending().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", "))
                    + " (pulled cable): " + result.pendingReason());
        }
        if (result.isPartial()) {
            out.printf("%nstopped by %s: %d repetitions completed; rows marked (partial) hold what completed, "
                    + "later scenarios did not run%n", result.stoppedBy(), result.repetitions());
        }
        out.printf("%nsummary: %d rows agree with the note, %d partly, %d differ (findings about this OS), %d pending, "
                        + "%d skipped (observer cannot run here)%n", count(rows, Verdict.AGREES), count(rows, Verdict.PARTLY),
                count(rows, Verdict.DIFFERS), count(rows, Verdict.PENDING), count(rows, Verdict.SKIPPED));
    }

    private static long count(List<MatrixRecord> rows, Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
