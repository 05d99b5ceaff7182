package io.closebench.matrix;

import io.closebench.fault.PeerPlace;
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
    private final PeerPlace peer;

    private ObservationLog(CsvLog<ObservationColumn> log, PeerPlace peer) {
        this.log = log;
        this.peer = peer;
    }

    /** Creates {@code observations-<parameters>.csv} in {@code folder}, its peers on this host. */
    public static ObservationLog create(Path folder, String parameters) throws IOException {
        return create(folder, parameters, PeerPlace.here());
    }

    /** As {@link #create(Path, String)}, its peers where {@code peer} says. */
    public static ObservationLog create(Path folder, String parameters, PeerPlace peer) throws IOException {
        return new ObservationLog(CsvLog.create(folder.resolve(ResultFile.OBSERVATIONS.name(parameters)),
                ObservationColumn.class), peer);
    }

    public Path file() {
        return log.file();
    }

    /** Appends one repetition; {@code repetition} is its index within its scenario and observer. */
    public void append(Observation o, long repetition) throws IOException {
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
                .set(AGREES_WITH_NOTE, Conformance.agrees(o, o.scenario().noteFor(peer))).set(FAILURE, o.failure())
                .set(FAULT_CALL_NS, c.faultCallNanos()).set(OBSERVER_TCP_STATES, c.observerTcpStates())
                .set(SIGPIPE, o.detection().sigpipe()).set(PEER_HOST, peer.host()).set(PEER_OS, peer.osAndVersion())
                .set(PEER_JDK, peer.jdk()).set(RTT_NS, c.peerRttNanos())
                .set(T0_BOUND_NS, c.fault().known() ? c.fault().boundNanos() : -1).append();
    }

    public long rows() {
        return log.rows();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
