package io.closebench.schema.row;

import io.closebench.schema.Asleep;
import io.closebench.schema.CsvLog;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.SigPipe;
import io.closebench.schema.T0Source;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;

import static io.closebench.schema.ObservationColumn.*;

/**
 * One repetition of the conformance matrix, a row of {@code observations-*.csv}: which scenario,
 * observer and placement, the outcome and the detection latency t1 - t0 exactly as measured (no
 * histogram), how t0 was taken, what crossed the connection and what the next calls returned. Every
 * column of {@link ObservationColumn}, in its order; {@code results/README.md} says what each means.
 * The later columns ({@code LaterColumns}) read as unknown from files written before them:
 * {@code fault_call_ns} -1, {@code observer_tcp_states} "", {@code sigpipe} {@link SigPipe#UNKNOWN},
 * the peer's host {@link PeerHost#UNKNOWN}.
 *
 * @param scenarioId e.g. "C3a"
 * @param caseId e.g. "C3"
 * @param observer the I/O model
 * @param placement where its threads ran
 * @param peerRuntime in-process, jvm or bash
 * @param repetition index within its scenario and observer, from 0
 * @param outcome what the observer's decisive call reported
 * @param detectedBy the kind of call that reported it
 * @param event the event the model reported it through (a Netty callback); empty for a plain call
 * @param exceptionClass verbatim, or empty
 * @param exceptionMessage verbatim, or empty
 * @param latencyNanos t1 - t0; for TIMEOUT how long it waited; -1 when t0 is unknown
 * @param t0Source whose clock t0 was read on
 * @param asleepAtFault whether the observer was seen asleep in the kernel at the fault
 * @param idleBeforeFaultNanos how long it had been seen asleep, -1 where not applicable
 * @param handOffInMeasuredPath whether a hand-off between the harness's threads lay inside t1 - t0
 * @param eventBeforeFirstCallNanos how long after the fault the model's event came, where it came
 *     before the observer's first call; -1 otherwise
 * @param observerCpus the CPUs the observer ran on ("unpinned" under OS)
 * @param peerCpus the CPUs the peer and the fault injection ran on
 * @param peerBytesSent bytes the peer's kernel accepted (a child: its completed writes)
 * @param bytesDelivered bytes the observer read
 * @param bytesLost sent minus delivered, never negative
 * @param writesAccepted the observer's writes accepted before the decisive call
 * @param bytesAccepted their bytes
 * @param nextRead what one more read returned ("EOF", "ok 5 B", "RESET (...)")
 * @param nextWrite what one more 1-byte write returned after that
 * @param peerAfter what the peer saw afterwards where it still listens, or empty
 * @param agreesWithNote whether this repetition matched the note's claim
 * @param failure why the harness could not run it as designed, empty when it could
 * @param faultCallNanos how long the fault call took to return, -1 where the harness made none
 * @param observerTcpStates the observer socket's kernel TCP states, "CLOSE_WAIT -> CLOSE"; empty when not recorded
 * @param sigpipe whether the decisive call raised SIGPIPE (only a C observer can tell)
 * @param wire what the repetition's connection showed on the wire ({@code wire_*}), or why nothing
 * @param peerHost where the peer ran, this repetition's round trip to its host and its t0's bound
 *     ({@code peer_host}, {@code peer_os}, {@code peer_jdk}, {@code rtt_ns}, {@code t0_bound_ns})
 */
public record ObservationRecord(String scenarioId, String caseId, Observer observer, Placement placement,
        String peerRuntime, long repetition, Outcome outcome, DetectedBy detectedBy, String event, String exceptionClass,
        String exceptionMessage, long latencyNanos, T0Source t0Source, Asleep asleepAtFault, long idleBeforeFaultNanos,
        boolean handOffInMeasuredPath, long eventBeforeFirstCallNanos, String observerCpus, String peerCpus,
        long peerBytesSent, long bytesDelivered, long bytesLost, long writesAccepted, long bytesAccepted,
        String nextRead, String nextWrite, String peerAfter, boolean agreesWithNote, String failure,
        long faultCallNanos, String observerTcpStates, SigPipe sigpipe, Wire wire, PeerHost peerHost)
        implements SchemaRecord<ObservationColumn> {

    /**
     * The {@code wire_*} columns, as the capture's analysis writes them, every one empty where the wire
     * could not tell ({@link #unavailable} says why), and in files written before them.
     *
     * @param firstEnd FIN, RST or none: the first end of the connection on the wire
     * @param endBy who sent it: "peer", "observer"
     * @param endAtMicros its time after t0, microseconds, three decimals
     * @param rstBeforeData "true" when the first RST left while its sender's written data was still queued
     * @param retransmissions retransmissions after t0, both sides
     * @param probes keepalive and zero-window probes after t0, both sides
     * @param order what left after t0, in order
     * @param unavailable why there are no wire facts; empty where there are
     */
    public record Wire(String firstEnd, String endBy, String endAtMicros, String rstBeforeData, String retransmissions,
            String probes, String order, String unavailable) {

        /** No wire facts, as a file written before the columns reads. */
        public static final Wire NONE = new Wire("", "", "", "", "", "", "", "");
    }

    /** How {@code observations-*.csv} is read. */
    public static final RowFormat<ObservationRecord> FORMAT = RowFormat.of(ObservationColumn.class,
            ObservationRecord::read);

    @Override
    public void fill(CsvLog<ObservationColumn>.Row r) {
        r.set(SCENARIO_ID, scenarioId).set(CASE_ID, caseId).set(OBSERVER, observer).set(PLACEMENT, placement)
                .set(PEER_RUNTIME, peerRuntime).set(REPETITION, repetition).set(OUTCOME, outcome)
                .set(DETECTED_BY, detectedBy).set(EVENT, event).set(EXCEPTION_CLASS, exceptionClass)
                .set(EXCEPTION_MESSAGE, exceptionMessage).set(LATENCY_NS, latencyNanos).set(T0_SOURCE, t0Source)
                .set(ASLEEP_AT_FAULT, asleepAtFault).set(IDLE_BEFORE_FAULT_NS, idleBeforeFaultNanos)
                .set(HANDOFF_IN_MEASURED_PATH, handOffInMeasuredPath)
                .set(EVENT_BEFORE_FIRST_CALL_NS, eventBeforeFirstCallNanos).set(OBSERVER_CPUS, observerCpus)
                .set(PEER_CPUS, peerCpus).set(PEER_BYTES_SENT, peerBytesSent).set(BYTES_DELIVERED, bytesDelivered)
                .set(BYTES_LOST, bytesLost).set(WRITES_ACCEPTED, writesAccepted).set(BYTES_ACCEPTED, bytesAccepted)
                .set(NEXT_READ, nextRead).set(NEXT_WRITE, nextWrite).set(PEER_AFTER, peerAfter)
                .set(AGREES_WITH_NOTE, agreesWithNote).set(FAILURE, failure).set(FAULT_CALL_NS, faultCallNanos)
                .set(OBSERVER_TCP_STATES, observerTcpStates).set(SIGPIPE, sigpipe).set(WIRE_FIRST_END, wire.firstEnd())
                .set(WIRE_END_BY, wire.endBy()).set(WIRE_END_AT_US, wire.endAtMicros())
                .set(WIRE_RST_BEFORE_DATA, wire.rstBeforeData()).set(WIRE_RETRANSMISSIONS, wire.retransmissions())
                .set(WIRE_PROBES, wire.probes()).set(WIRE_ORDER, wire.order()).set(WIRE_UNAVAILABLE, wire.unavailable());
        peerHost.fill(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS);
    }

    /**
     * @param r a row of an {@code observations-*.csv}
     * @return the repetition
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static ObservationRecord read(CsvRow r) throws ResultsFileException {
        return new ObservationRecord(r.text(SCENARIO_ID), r.text(CASE_ID), r.word(OBSERVER, Observer.class),
                r.word(PLACEMENT, Placement.class), r.text(PEER_RUNTIME), r.whole(REPETITION),
                r.word(OUTCOME, Outcome.class), r.csvWord(DETECTED_BY, DetectedBy.class), r.text(EVENT),
                r.text(EXCEPTION_CLASS), r.text(EXCEPTION_MESSAGE), r.whole(LATENCY_NS),
                r.csvWord(T0_SOURCE, T0Source.class), r.csvWord(ASLEEP_AT_FAULT, Asleep.class),
                r.whole(IDLE_BEFORE_FAULT_NS), r.yesNo(HANDOFF_IN_MEASURED_PATH), r.whole(EVENT_BEFORE_FIRST_CALL_NS),
                r.text(OBSERVER_CPUS), r.text(PEER_CPUS), r.whole(PEER_BYTES_SENT), r.whole(BYTES_DELIVERED),
                r.whole(BYTES_LOST), r.whole(WRITES_ACCEPTED), r.whole(BYTES_ACCEPTED), r.text(NEXT_READ),
                r.text(NEXT_WRITE), r.text(PEER_AFTER), r.yesNo(AGREES_WITH_NOTE), r.text(FAILURE),
                r.wholeOr(FAULT_CALL_NS, -1), r.textOr(OBSERVER_TCP_STATES, ""), sigpipe(r),
                new Wire(r.textOr(WIRE_FIRST_END, ""), r.textOr(WIRE_END_BY, ""), r.textOr(WIRE_END_AT_US, ""),
                        r.textOr(WIRE_RST_BEFORE_DATA, ""), r.textOr(WIRE_RETRANSMISSIONS, ""), r.textOr(WIRE_PROBES, ""),
                        r.textOr(WIRE_ORDER, ""), r.textOr(WIRE_UNAVAILABLE, "")),
                PeerHost.read(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS));
    }

    private static SigPipe sigpipe(CsvRow r) throws ResultsFileException {
        if (!r.has(SIGPIPE)) {
            return SigPipe.UNKNOWN;
        }
        try {
            return SigPipe.ofWordOrName(r.text(SIGPIPE).trim());
        } catch (IllegalArgumentException e) {
            throw r.problem(SIGPIPE.header(), e.getMessage());
        }
    }

    /**
     * Whether this repetition detected the end of the connection at a known time: its latency is a
     * detection latency. Timeouts (our deadline), NONE and harness failures are not detections.
     *
     * @return true for a detected outcome with a measured latency
     */
    public boolean isTimedDetection() {
        return latencyNanos > 0 && failure.isEmpty() && outcome.isDetection();
    }
}
