package io.closebench.matrix;

import io.closebench.scenario.CaseId;
import io.closebench.schema.Verdict;
import java.util.List;

/**
 * A matrix run: one row per scenario and observer, the cases that could not run, with the reason
 * they did not (shown in the table and the CSV, never left out silently), and whether it was
 * stopped before the end.
 *
 * @param rows          the rows, partial ones included
 * @param pending       cases that cannot run here
 * @param pendingReason why
 * @param stoppedBy     the signal that stopped it ("SIGINT", "SIGTERM"), or "" when it ran to the end
 */
public record MatrixResult(List<MatrixRow> rows, List<CaseId> pending, String pendingReason, String stoppedBy) {

    /** Why a case is pending when nothing more specific is known. */
    public static final String NOT_RUN_HERE = "needs network namespaces; not run by this version";

    public MatrixResult {
        rows = List.copyOf(rows);
        pending = List.copyOf(pending);
    }

    public MatrixResult withPendingReason(String reason) {
        return new MatrixResult(rows, pending, reason, stoppedBy);
    }

    public boolean isPartial() {
        return !stoppedBy.isEmpty();
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** Repetitions completed over every row. */
    public long repetitions() {
        return rows.stream().mapToLong(MatrixRow::n).sum();
    }
}
