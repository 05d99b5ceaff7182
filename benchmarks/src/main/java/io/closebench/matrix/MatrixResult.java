package io.closebench.matrix;

import io.closebench.s1.CableSample;
import io.closebench.scenario.CaseId;
import io.closebench.schema.Verdict;
import io.closebench.fault.PeerPlace;
import java.util.List;

/**
 * A matrix run: one row per scenario and observer; S1's samples; the cases selected that could not
 * run here, with the reason (shown in the table and the CSV, never left out silently); and whether
 * it was stopped before the end.
 *
 * @param rows          the rows, partial ones included
 * @param pulledCable   S1's samples, one per connection of its trials (empty when it did not run)
 * @param pending       cases selected that could not run here (S1 without network namespaces)
 * @param pendingReason why
 * @param stoppedBy     the signal that stopped it ("SIGINT", "SIGTERM"), or "" when it ran to the end
 * @param peer          where the peer ran
 */
public record MatrixResult(List<MatrixRow> rows, List<CableSample> pulledCable, List<CaseId> pending,
                           String pendingReason, String stoppedBy, PeerPlace peer) {

    /** A run whose peers were on this host. */
    public MatrixResult(List<MatrixRow> rows, List<CableSample> pulledCable, List<CaseId> pending, String pendingReason,
                        String stoppedBy) {
        this(rows, pulledCable, pending, pendingReason, stoppedBy, PeerPlace.here());
    }

    public MatrixResult {
        rows = List.copyOf(rows);
        pulledCable = List.copyOf(pulledCable);
        pending = List.copyOf(pending);
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
