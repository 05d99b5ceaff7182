package io.closebench.matrix;

import io.closebench.schema.Verdict;
import io.closebench.run.Observation;
import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the matrix (one row per scenario and observer, plus pending cases) and every single
 * observation behind it. Column meanings are documented in {@code results/README.md}.
 */
public final class MatrixCsv {

    static final String[] MATRIX_COLUMNS = {"case_id", "scenario_id", "variant", "side", "peer_runtime", "fault",
            "probe", "preparation", "observer", "repetitions", "note_linux", "note_windows", "note_outcome",
            "note_accounting", "in_note", "outcome_counts", "dominant_outcome", "agreeing", "verdict",
            "peer_bytes_sent_total", "bytes_delivered_total", "reps_with_loss", "writes_accepted", "next_read",
            "next_write", "median_latency_ns", "why"};

    static final String[] OBSERVATION_COLUMNS = {"scenario_id", "case_id", "observer", "peer_runtime", "repetition",
            "outcome", "detected_by", "exception_class", "exception_message", "latency_ns", "peer_bytes_sent",
            "bytes_delivered", "bytes_lost", "writes_accepted", "bytes_accepted", "next_read", "next_write",
            "peer_after", "asleep_at_fault", "t0_source", "agrees_with_note", "failure"};

    private MatrixCsv() {
    }

    public static void writeMatrix(MatrixResult result, Path file) throws IOException {
        try (CSVPrinter csv = printer(file, MATRIX_COLUMNS)) {
            for (MatrixRow row : result.rows()) {
                Scenario s = row.scenario();
                csv.printRecord(s.caseId(), s.id(), s.variant(), s.side(), s.runtime().label(), s.fault().call(),
                        s.probe(), s.preparation().describe(), row.api(), row.n(), s.note().linux(), s.note().windows(),
                        s.note().outcome(), s.note().accounting(), s.note().inNote(), outcomeCounts(row),
                        row.dominantOutcome(), row.agreeing(), row.verdict(), row.peerBytesSent(), row.bytesDelivered(),
                        row.repetitionsWithLoss(), row.writesAccepted(), row.nextRead(), row.nextWrite(),
                        row.medianLatencyNanos().orElse(-1), String.join(" ", Findings.explain(row)));
            }
            for (CaseId c : result.pending()) {
                csv.printRecord(c, "", c.peerAction(), c.side(), "", "", "", "", "", 0, c.note().linux(),
                        c.note().windows(), c.note().outcome(), c.note().accounting(), c.note().inNote(), "", "", 0,
                        Verdict.PENDING, 0, 0, 0, "", "", "", -1, result.pendingReason());
            }
        }
    }

    public static void writeObservations(MatrixResult result, Path file) throws IOException {
        try (CSVPrinter csv = printer(file, OBSERVATION_COLUMNS)) {
            for (MatrixRow row : result.rows()) {
                int repetition = 0;
                for (Observation o : row.observations()) {
                    csv.printRecord(o.scenario().id(), o.scenario().caseId(), o.api(), o.scenario().runtime().label(),
                            repetition++, o.outcome(), o.detectedBy(), o.exceptionClass(), o.exceptionMessage(),
                            o.latencyNanos(), o.peerBytesSent(), o.bytesDelivered(), o.bytesLost(), o.writesAccepted(),
                            o.bytesAccepted(), o.nextRead(), o.nextWrite(), o.peerAfter(), o.asleepAtFault(),
                            o.t0Source(), Conformance.agrees(o, o.scenario().note()), o.failure());
                }
            }
        }
    }

    private static String outcomeCounts(MatrixRow row) {
        return row.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static CSVPrinter printer(Path file, String[] columns) throws IOException {
        Writer w = Files.newBufferedWriter(file);
        return new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(columns).get());
    }
}
