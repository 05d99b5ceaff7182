package io.closebench.s1;

import io.closebench.cable.Theory;
import io.closebench.fault.PeerPlace;

import io.closebench.schema.CableColumn;
import io.closebench.schema.CsvLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.closebench.schema.CableColumn.*;

/**
 * Every cable sample, one row per connection, nothing filtered, appended as each trial ends
 * ({@link #append}): a run stopped in the middle keeps the trials it finished. Columns are the
 * schema's {@link CableColumn}; times are nanoseconds, -1 where not applicable.
 */
public final class CableCsv implements AutoCloseable {

    private final CsvLog<CableColumn> log;
    private final String placement;
    private final PeerPlace peer;

    private CableCsv(CsvLog<CableColumn> log, String placement, PeerPlace peer) {
        this.log = log;
        this.placement = placement;
        this.peer = peer;
    }

    /** Creates {@code file}; every row says the trials ran under {@code placement}, the client host on this one. */
    public static CableCsv create(Path file, String placement) throws IOException {
        return create(file, placement, PeerPlace.here());
    }

    /** As {@link #create(Path, String)}, the client host where {@code peer} says. */
    public static CableCsv create(Path file, String placement, PeerPlace peer) throws IOException {
        return new CableCsv(CsvLog.create(file, CableColumn.class), placement, peer);
    }

    /** Appends one trial's samples and flushes them. */
    public synchronized void append(List<CableSample> samples) throws IOException {
        for (CableSample s : samples) {
            Theory th = s.theory();
            String kind = th.isNever() ? "NEVER" : th.isFinite() ? "FINITE" : "NOT_PREDICTED";
            log.row().set(TRIAL, s.trial()).set(FAULT, s.fault().letter()).set(FAULT_DESCRIPTION, s.fault().description())
                    .set(MECHANISM, s.mechanism().label()).set(SETTINGS, s.mechanism().settings()).set(OBSERVER, s.observer())
                    .set(PLACEMENT, placement).set(CONNECTION, s.connection()).set(OUTCOME, s.outcome())
                    .set(DETECTED_BY, s.detectedBy()).set(EXCEPTION_CLASS, s.exceptionClass())
                    .set(EXCEPTION_MESSAGE, s.exceptionMessage()).set(DETECTION_NS, s.detectionNanos())
                    .set(SINCE_LAST_PEER_SEGMENT_NS, s.sinceLastPeerSegmentNanos())
                    .set(SINCE_LAST_READ_NS, s.sinceLastReadNanos()).set(SINCE_PLUG_NS, s.sincePlugNanos())
                    .set(THEORY_KIND, kind).set(THEORY_REFERENCE, th.reference())
                    .set(THEORY_NS, th.isFinite() ? th.boundNanos() : -1).set(SINCE_REFERENCE_NS, s.sinceReferenceNanos())
                    .set(RATIO, Double.isNaN(s.ratio()) ? "" : String.format("%.4f", s.ratio())).set(THEORY, th.why())
                    .set(NEXT_WRITE, s.nextWrite()).set(TCP_STATE_AT_END, s.tcpStateAtEnd()).set(BOUND_NS, s.boundNanos())
                    .set(TCP_RETRIES2, s.retries2()).set(LINK_DOWN_AFTER_NS, s.linkDownAfterNanos())
                    .set(IP_RETURNED_AFTER_NS, s.ipReturnedAfterNanos()).set(PLUG_AFTER_NS, s.plugAfterNanos())
                    .set(ARP_START_AFTER_NS, s.arpStartAfterNanos())
                    .set(BYTES_WRITTEN, s.bytesWritten()).set(PONGS, s.pongs()).set(FAILURE, s.failure())
                    .set(ICMP_RATE_LIMITED, s.icmpRateLimited()).set(PEER_HOST, peer.host())
                    .set(PEER_OS, peer.osAndVersion()).set(PEER_JDK, peer.jdk()).set(RTT_NS, s.rttNanos())
                    .set(T0_BOUND_NS, s.t0BoundNanos()).append();
        }
    }

    public Path file() {
        return log.file();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
