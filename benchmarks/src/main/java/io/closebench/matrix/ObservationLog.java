package io.closebench.matrix;

import io.closebench.wire.WireColumns;
import io.closebench.rig.Observation;
import io.closebench.schema.CsvLog;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Path;

import static io.closebench.schema.ObservationColumn.*;

/**
 * Every single observation of the matrix, appended to {@code observations-*.csv} and flushed the
 * moment its repetition ends: a run cut short keeps all it measured, and memory does not grow with
 * the number of repetitions.
 */
public final class ObservationLog implements AutoCloseable {

    private final CsvLog<ObservationColumn> log;

    private ObservationLog(CsvLog<ObservationColumn> log) {
        this.log = log;
    }

    /** Creates {@code observations-<parameters>.csv} in {@code folder}. */
    public static ObservationLog create(Path folder, String parameters) throws IOException {
        return new ObservationLog(CsvLog.create(folder.resolve(ResultFile.OBSERVATIONS.name(parameters)),
                ObservationColumn.class));
    }

    public Path file() {
        return log.file();
    }

    /** Appends one repetition, not captured; {@code repetition} is its index within its scenario and observer. */
    public void append(Observation o, long repetition) throws IOException {
        append(o, repetition, new WireColumns.Unavailable("not captured"));
    }

    /** Appends one repetition and what its connection showed on the wire. */
    public void append(Observation o, long repetition, WireColumns wire) throws IOException {
        Observation.Delivery d = o.delivery();
        Observation.Clocking c = o.clocking();
        log.row().set(SCENARIO_ID, o.scenario().id()).set(CASE_ID, o.scenario().caseId()).set(OBSERVER, o.observer())
                .set(PLACEMENT, o.placement()).set(PEER_RUNTIME, o.scenario().runtime().label())
                .set(REPETITION, repetition).set(OUTCOME, o.outcome()).set(DETECTED_BY, o.detection().detectedBy())
                .set(EVENT, o.detection().event()).set(EXCEPTION_CLASS, o.detection().exceptionClass())
                .set(EXCEPTION_MESSAGE, o.detection().exceptionMessage()).set(LATENCY_NS, o.latencyNanos())
                .set(T0_SOURCE, c.fault().source()).set(ASLEEP_AT_FAULT, c.fault().asleep())
                .set(IDLE_BEFORE_FAULT_NS, c.fault().idleNanos())
                .set(HANDOFF_IN_MEASURED_PATH, c.handOffInMeasuredPath())
                .set(EVENT_BEFORE_FIRST_CALL_NS, c.eventBeforeCallNanos()).set(OBSERVER_CPUS, o.threads().observerCpus())
                .set(PEER_CPUS, o.threads().peerCpus()).set(PEER_BYTES_SENT, d.peerBytesSent())
                .set(BYTES_DELIVERED, d.bytesDelivered()).set(BYTES_LOST, d.bytesLost())
                .set(WRITES_ACCEPTED, d.writesAccepted()).set(BYTES_ACCEPTED, d.bytesAccepted())
                .set(NEXT_READ, d.nextRead()).set(NEXT_WRITE, d.nextWrite()).set(PEER_AFTER, d.peerAfter())
                .set(AGREES_WITH_NOTE, Conformance.agrees(o, o.scenario().note())).set(FAILURE, o.failure())
                .set(FAULT_CALL_NS, c.faultCallNanos()).set(OBSERVER_TCP_STATES, c.observerTcpStates())
                .set(SIGPIPE, o.detection().sigpipe()).set(WIRE_FIRST_END, wire.cells().get(0))
                .set(WIRE_END_BY, wire instanceof WireColumns.Observed w
                        ? w.endSender().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse("") : "")
                .set(WIRE_END_AT_US, wire.cells().get(1)).set(WIRE_RST_BEFORE_DATA, wire.cells().get(2))
                .set(WIRE_RETRANSMISSIONS, wire.cells().get(3)).set(WIRE_PROBES, wire.cells().get(4))
                .set(WIRE_ORDER, wire.cells().get(5))
                .set(WIRE_UNAVAILABLE, wire instanceof WireColumns.Unavailable u ? u.reason() : "").append();
    }

    public long rows() {
        return log.rows();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
