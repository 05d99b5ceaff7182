package io.closebench.matrix;

import io.closebench.scenario.CaseId;
import io.closebench.scenario.Scenario;
import io.closebench.schema.CsvLog;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static io.closebench.schema.MatrixColumn.*;

/**
 * Writes the matrix: one row per scenario and observer, aggregated from the observations as they
 * streamed, plus pending cases; rows of a run that was stopped are marked partial. Column meanings
 * are in {@code results/README.md}.
 */
public final class MatrixCsv {

    private MatrixCsv() {
    }

    /** Writes {@code matrix-<parameters>.csv} into {@code folder}; returns the file. */
    public static Path writeMatrix(MatrixResult result, Path folder, String parameters) throws IOException {
        Path file = folder.resolve(ResultFile.MATRIX.name(parameters));
        try (CsvLog<MatrixColumn> csv = CsvLog.create(file, MatrixColumn.class)) {
            for (MatrixRow row : result.rows()) {
                Scenario s = row.scenario();
                csv.row().set(CASE_ID, s.caseId()).set(SCENARIO_ID, s.id()).set(VARIANT, s.variant()).set(SIDE, s.side())
                        .set(PEER_RUNTIME, s.runtime().label()).set(FAULT, s.fault().call()).set(PROBE, s.probe())
                        .set(PREPARATION, s.preparation().describe()).set(OBSERVER, row.observer())
                        .set(PLACEMENT, row.placement()).set(REPETITIONS, row.n())
                        .set(REPETITIONS_PLANNED, row.planned()).set(PARTIAL, row.isPartial())
                        .set(NOTE_LINUX, s.note().linux()).set(NOTE_WINDOWS, s.note().windows())
                        .set(NOTE_OUTCOME, row.claim().outcome()).set(NOTE_ACCOUNTING, row.claim().accounting())
                        .set(IN_NOTE, s.note().inNote()).set(OUTCOME_COUNTS, outcomeCounts(row))
                        .set(DOMINANT_OUTCOME, row.isSkipped() ? "" : row.dominantOutcome())
                        .set(AGREEING, row.agreeing()).set(VERDICT, row.verdict())
                        .set(PEER_BYTES_SENT_TOTAL, row.peerBytesSent()).set(BYTES_DELIVERED_TOTAL, row.bytesDelivered())
                        .set(REPS_WITH_LOSS, row.repetitionsWithLoss()).set(WRITES_ACCEPTED, row.writesAccepted())
                        .set(NEXT_READ, row.nextRead()).set(NEXT_WRITE, row.nextWrite())
                        .set(MEDIAN_LATENCY_NS, row.medianLatencyNanos().orElse(-1))
                        .set(ASLEEP_AT_FAULT, row.asleepAtFault())
                        .set(EXCEPTION_MESSAGES, String.join(" | ", row.exceptionMessages()))
                        .set(WHY, row.isSkipped() ? row.skippedReason() : String.join(" ", Findings.explain(row)))
                        .set(MEDIAN_FAULT_CALL_NS, row.medianFaultCallNanos().orElse(-1))
                        .set(OBSERVER_TCP_STATES, row.tcpStates()).set(SIGPIPE, row.sigpipe())
                        .set(PEER_HOST, result.peer().host()).set(PEER_OS, result.peer().osAndVersion())
                        .set(PEER_JDK, result.peer().jdk()).set(MEDIAN_RTT_NS, row.medianRttNanos())
                        .set(MAX_T0_BOUND_NS, row.maxT0BoundNanos()).append();
            }
            for (CaseId c : result.pending()) {
                csv.row().set(CASE_ID, c).set(SCENARIO_ID, "").set(VARIANT, c.peerAction()).set(SIDE, c.side())
                        .set(PEER_RUNTIME, "").set(FAULT, "").set(PROBE, "").set(PREPARATION, "").set(OBSERVER, "")
                        .set(PLACEMENT, "").set(REPETITIONS, 0).set(REPETITIONS_PLANNED, 0).set(PARTIAL, false)
                        .set(NOTE_LINUX, c.note().linux()).set(NOTE_WINDOWS, c.note().windows())
                        .set(NOTE_OUTCOME, c.note().outcome()).set(NOTE_ACCOUNTING, c.note().accounting())
                        .set(IN_NOTE, c.note().inNote()).set(OUTCOME_COUNTS, "").set(DOMINANT_OUTCOME, "")
                        .set(AGREEING, 0).set(VERDICT, Verdict.PENDING).set(PEER_BYTES_SENT_TOTAL, 0)
                        .set(BYTES_DELIVERED_TOTAL, 0).set(REPS_WITH_LOSS, 0).set(WRITES_ACCEPTED, "")
                        .set(NEXT_READ, "").set(NEXT_WRITE, "").set(MEDIAN_LATENCY_NS, -1).set(ASLEEP_AT_FAULT, 0)
                        .set(EXCEPTION_MESSAGES, "").set(WHY, result.pendingReason()).set(MEDIAN_FAULT_CALL_NS, -1)
                        .set(OBSERVER_TCP_STATES, "").set(SIGPIPE, "").set(PEER_HOST, result.peer().host())
                        .set(PEER_OS, result.peer().osAndVersion()).set(PEER_JDK, result.peer().jdk())
                        .set(MEDIAN_RTT_NS, -1).set(MAX_T0_BOUND_NS, -1).append();
            }
        }
        return file;
    }

    private static String outcomeCounts(MatrixRow row) {
        return row.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }
}
