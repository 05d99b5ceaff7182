package io.closebench.matrix;

import io.closebench.rig.Observation;
import io.closebench.schema.CsvLog;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.row.ObservationRecord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Every single observation of the matrix, appended to {@code observations-*.csv} as the schema's
 * {@link ObservationRecord} and flushed the moment its repetition ends: a run cut short keeps all it
 * measured, and memory does not grow with the number of repetitions.
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

    /** Appends one repetition; {@code repetition} is its index within its scenario and observer. */
    public void append(Observation o, long repetition) throws IOException {
        record(o, repetition).appendTo(log);
    }

    /**
     * @param o one repetition
     * @param repetition its index within its scenario and observer
     * @return its row
     */
    public static ObservationRecord record(Observation o, long repetition) {
        Observation.Delivery d = o.delivery();
        Observation.Clocking c = o.clocking();
        return new ObservationRecord(o.scenario().id(), o.scenario().caseId().name(), o.observer(), o.placement(),
                o.scenario().runtime().label(), repetition, o.outcome(), o.detection().detectedBy(),
                o.detection().event(), o.detection().exceptionClass(), o.detection().exceptionMessage(),
                o.latencyNanos(), c.fault().source(), c.fault().asleep(), c.fault().idleNanos(),
                c.handOffInMeasuredPath(), c.eventBeforeCallNanos(), o.threads().observerCpus(),
                o.threads().peerCpus(), d.peerBytesSent(), d.bytesDelivered(), d.bytesLost(), d.writesAccepted(),
                d.bytesAccepted(), d.nextRead(), d.nextWrite(), d.peerAfter(), Conformance.agrees(o, o.scenario().note()),
                o.failure(), c.faultCallNanos(), c.observerTcpStates(), o.detection().sigpipe());
    }

    public long rows() {
        return log.rows();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
