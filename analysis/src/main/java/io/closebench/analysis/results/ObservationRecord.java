package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One repetition of the conformance matrix ({@code observations-*.csv}): which scenario and
 * observer, the outcome, and the detection latency t1 - t0 exactly as measured (no histogram).
 *
 * @param scenarioId e.g. "C3a"
 * @param caseId e.g. "C3"
 * @param observer BLOCKING or NIO
 * @param peerRuntime in-process, jvm or bash
 * @param repetition index within its scenario and observer
 * @param outcome EOF, RESET, BROKEN_PIPE, TIMEOUT, NONE, OTHER_ERROR or HARNESS_FAILURE
 * @param latencyNanos t1 - t0; for TIMEOUT how long it waited; -1 when t0 is unknown
 * @param failure why the harness could not run it as designed, empty when it could
 */
public record ObservationRecord(String scenarioId, String caseId, String observer, String peerRuntime, long repetition,
        String outcome, long latencyNanos, String failure) {

    /** The columns read; the file may have more. */
    public static final List<String> COLUMNS = List.of("scenario_id", "case_id", "observer", "peer_runtime",
            "repetition", "outcome", "latency_ns", "failure");

    /**
     * @param file an {@code observations-*.csv}
     * @return its rows
     * @throws ResultsFileException naming the file on any format problem
     */
    public static List<ObservationRecord> read(Path file) throws ResultsFileException {
        List<ObservationRecord> rows = new ArrayList<>();
        for (CsvRow r : CsvFile.read(file, COLUMNS)) {
            rows.add(new ObservationRecord(r.text("scenario_id"), r.text("case_id"), r.text("observer"),
                    r.text("peer_runtime"), r.whole("repetition"), r.text("outcome"), r.whole("latency_ns"),
                    r.text("failure")));
        }
        return rows;
    }

    /**
     * Whether this repetition detected the end of the connection at a known time: its latency is a
     * detection latency. Timeouts (our deadline), NONE and harness failures are not detections.
     *
     * @return true for a detected outcome with a measured latency
     */
    public boolean isTimedDetection() {
        return latencyNanos > 0 && failure.isEmpty()
                && !outcome.equals("TIMEOUT") && !outcome.equals("NONE") && !outcome.equals("HARNESS_FAILURE");
    }
}
