package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code matrix-*.csv}: a scenario and observer, what the note claims, what happened over
 * all repetitions, and the verdict ({@code AGREES}, {@code PARTLY}, {@code DIFFERS}, {@code PENDING})
 * with the reason wherever it departs from the note. Only the columns a report shows are kept.
 *
 * @param caseId the note's case, e.g. "S3"
 * @param scenarioId the variant, e.g. "S3b-jvm"; empty for a PENDING case
 * @param variant what the variant does, in words
 * @param peerRuntime where the misbehaving peer runs
 * @param observer BLOCKING or NIO; empty for a PENDING case
 * @param repetitions repetitions aggregated
 * @param noteOutcome the outcome the note's Linux column claims
 * @param outcomeCounts {@code OUTCOME=count;...}
 * @param dominantOutcome the most frequent outcome
 * @param verdict AGREES, PARTLY, DIFFERS or PENDING
 * @param medianLatencyNanos median t1 - t0, -1 when nothing was detected
 * @param why the plain reason for a departure, empty otherwise
 */
public record MatrixRecord(String caseId, String scenarioId, String variant, String peerRuntime, String observer,
        long repetitions, String noteOutcome, String outcomeCounts, String dominantOutcome, String verdict,
        long medianLatencyNanos, String why) {

    /** The columns read; the file may have more. */
    public static final List<String> COLUMNS = List.of("case_id", "scenario_id", "variant", "peer_runtime", "observer",
            "repetitions", "note_outcome", "outcome_counts", "dominant_outcome", "verdict", "median_latency_ns", "why");

    /**
     * @param file a {@code matrix-*.csv}
     * @return its rows
     * @throws ResultsFileException naming the file on any format problem
     */
    public static List<MatrixRecord> read(Path file) throws ResultsFileException {
        List<MatrixRecord> rows = new ArrayList<>();
        for (CsvRow r : CsvFile.read(file, COLUMNS)) {
            rows.add(new MatrixRecord(r.text("case_id"), r.text("scenario_id"), r.text("variant"), r.text("peer_runtime"),
                    r.text("observer"), r.whole("repetitions"), r.text("note_outcome"), r.text("outcome_counts"),
                    r.text("dominant_outcome"), r.text("verdict"), r.whole("median_latency_ns"), r.text("why")));
        }
        return rows;
    }
}
