package io.closebench.s1;

import io.closebench.results.PeerColumns;
import io.closebench.cable.Theory;
import io.closebench.fault.PeerPlace;
import io.closebench.schema.CableColumn;
import io.closebench.schema.CsvLog;
import io.closebench.schema.Placement;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.row.CableRecord;
import io.closebench.wire.SegmentRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every cable sample, one row per connection as the schema's {@link CableRecord}, nothing filtered,
 * appended as each trial ends ({@link #append}): a run stopped in the middle keeps the trials it
 * finished. Times are nanoseconds, -1 where not applicable.
 */
public final class CableCsv implements AutoCloseable {

    private final CsvLog<CableColumn> log;
    private final Placement placement;
    private final PeerPlace peer;

    private CableCsv(CsvLog<CableColumn> log, Placement placement, PeerPlace peer) {
        this.log = log;
        this.placement = placement;
        this.peer = peer;
    }

    /**
     * Creates {@code file}; every row says the trials ran under {@code placement}, a {@link Placement}
     * name, the client host on this one.
     */
    public static CableCsv create(Path file, String placement) throws IOException {
        return create(file, placement, PeerPlace.here());
    }

    /** As {@link #create(Path, String)}, the client host where {@code peer} says. */
    public static CableCsv create(Path file, String placement, PeerPlace peer) throws IOException {
        return new CableCsv(CsvLog.create(file, CableColumn.class), Placement.valueOf(placement), peer);
    }

    /** Appends one trial's samples and flushes them. */
    public synchronized void append(List<CableSample> samples) throws IOException {
        for (CableSample s : samples) {
            record(s, placement, peer).appendTo(log);
        }
    }

    /**
     * @param s one connection's sample
     * @param placement where the trial's programs ran
     * @param peer where the client host ran
     * @return its row
     */
    public static CableRecord record(CableSample s, Placement placement, PeerPlace peer) {
        Theory th = s.theory();
        TheoryKind kind = th.isNever() ? TheoryKind.NEVER : th.isFinite() ? TheoryKind.FINITE : TheoryKind.NOT_PREDICTED;
        return new CableRecord(s.trial(), s.fault().letter(), s.fault().description(), s.mechanism().label(),
                s.mechanism().settings(), s.observer(), Optional.of(placement), s.connection(), s.outcome(),
                s.detectedBy(), s.exceptionClass(), s.exceptionMessage(), s.detectionNanos(),
                s.sinceLastPeerSegmentNanos(), s.sinceLastReadNanos(), s.sincePlugNanos(), kind, th.reference().name(),
                th.isFinite() ? th.boundNanos() : -1, s.sinceReferenceNanos(), s.ratio(), th.why(), s.nextWrite(),
                s.tcpStateAtEnd(), s.boundNanos(), s.retries2(), s.linkDownAfterNanos(), s.ipReturnedAfterNanos(),
                s.plugAfterNanos(), s.arpStartAfterNanos(), s.bytesWritten(), s.pongs(), s.failure(), s.icmpRateLimited(),
                wire(s.wire()), PeerColumns.of(peer, s.rttNanos(), s.t0BoundNanos()));
    }

    /** The connection's wire facts in counts, -1 where there are none. */
    private static CableRecord.Wire wire(CableWireFacts w) {
        boolean captured = w.captured();
        boolean traced = captured && w.kernelUnavailable().isEmpty();
        return new CableRecord.Wire(captured ? w.serverSent().stream().filter(e -> e.role() != SegmentRole.ACK).count() : -1,
                captured ? w.arpRequests().size() : -1, captured ? w.reports().size() : -1, w.unavailable(),
                traced ? w.attempts().size() : -1, traced ? w.attempts().stream().filter(a -> a.err() == -16).count() : -1,
                traced ? w.kernelEnd().orElse(-1) : -1, captured ? w.kernelUnavailable() : "");
    }

    /**
     * @param samples connections' samples
     * @param placement where their trials' programs ran
     * @return their rows, in the same order, as the console shows them (the client host on this one:
     *     no view shows where it ran)
     */
    public static List<CableRecord> records(List<CableSample> samples, Placement placement) {
        PeerPlace here = PeerPlace.here();
        return samples.stream().map(s -> record(s, placement, here)).toList();
    }

    public Path file() {
        return log.file();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
