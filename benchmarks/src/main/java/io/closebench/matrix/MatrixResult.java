package io.closebench.matrix;

import io.closebench.schema.Verdict;
import io.closebench.scenario.CaseId;
import java.util.List;

/**
 * A finished matrix: one row per scenario and observer, and the cases that could not run, with
 * the reason they did not (shown in the table and the CSV, never left out silently).
 */
public record MatrixResult(List<MatrixRow> rows, List<CaseId> pending, String pendingReason) {

    /** Why a case is pending when nothing more specific is known. */
    public static final String NOT_RUN_HERE = "needs network namespaces; not run by this version";

    public MatrixResult(List<MatrixRow> rows, List<CaseId> pending) {
        this(rows, pending, NOT_RUN_HERE);
    }

    public MatrixResult withPendingReason(String reason) {
        return new MatrixResult(rows, pending, reason);
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
