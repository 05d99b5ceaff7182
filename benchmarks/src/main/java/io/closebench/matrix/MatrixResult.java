package io.closebench.matrix;

import io.closebench.scenario.CaseId;
import java.util.List;

/** A finished matrix: one row per scenario and observer, and the cases that could not run. */
public record MatrixResult(List<MatrixRow> rows, List<CaseId> pending) {

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
