package io.closebench.matrix;

import io.closebench.results.PeerColumns;
import io.closebench.fault.PeerPlace;
import io.closebench.rig.Observation;
import io.closebench.schema.CsvLog;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.row.ObservationRecord;
import java.io.IOException;
import java.nio.file.Path;
import io.closebench.wire.WireColumns;
import java.util.List;

/**
 * Every single observation of the matrix, appended to {@code observations-*.csv} as the schema's
 * {@link ObservationRecord} and flushed the moment its repetition ends: a run cut short keeps all it
 * measured, and memory does not grow with the number of repetitions.
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

    /** Appends one repetition, not captured; {@code repetition} is its index within its scenario and observer. */
    public void append(Observation o, long repetition) throws IOException {
        append(o, repetition, new WireColumns.Unavailable("not captured"));
    }

    /** Appends one repetition and what its connection showed on the wire. */
    public void append(Observation o, long repetition, WireColumns wire) throws IOException {
        record(o, repetition, wire, peer).appendTo(log);
    }

    /**
     * @param o one repetition
     * @param repetition its index within its scenario and observer
     * @param wire what its connection showed on the wire, or why nothing
     * @param peer where its peer ran: the note's column for that OS judges it
     * @return its row
     */
    public static ObservationRecord record(Observation o, long repetition, WireColumns wire, PeerPlace peer) {
        Observation.Delivery d = o.delivery();
        Observation.Clocking c = o.clocking();
        List<String> cells = wire.cells();
        ObservationRecord.Wire w = new ObservationRecord.Wire(cells.get(0), wire instanceof WireColumns.Observed ob
                ? ob.endSender().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse("") : "", cells.get(1),
                cells.get(2), cells.get(3), cells.get(4), cells.get(5),
                wire instanceof WireColumns.Unavailable u ? u.reason() : "");
        return new ObservationRecord(o.scenario().id(), o.scenario().caseId().name(), o.observer(), o.placement(),
                o.scenario().runtime().label(), repetition, o.outcome(), o.detection().detectedBy(),
                o.detection().event(), o.detection().exceptionClass(), o.detection().exceptionMessage(),
                o.latencyNanos(), c.fault().source(), c.fault().asleep(), c.fault().idleNanos(),
                c.handOffInMeasuredPath(), c.eventBeforeCallNanos(), o.threads().observerCpus(),
                o.threads().peerCpus(), d.peerBytesSent(), d.bytesDelivered(), d.bytesLost(), d.writesAccepted(),
                d.bytesAccepted(), d.nextRead(), d.nextWrite(), d.peerAfter(), Conformance.agrees(o, o.scenario().noteFor(peer)),
                o.failure(), c.faultCallNanos(), c.observerTcpStates(), o.detection().sigpipe(), w,
                PeerColumns.of(peer, c.peerRttNanos(), c.fault().known() ? c.fault().boundNanos() : -1));
    }

    public long rows() {
        return log.rows();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
