package io.closebench.schema.row;

import io.closebench.schema.CableColumn;
import io.closebench.schema.CsvLog;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.ResultsFileException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import static io.closebench.schema.CableColumn.*;

/**
 * One connection of S1, the pulled cable, a row of {@code cable-*.csv}: the fault, the detection
 * mechanism and observer, what happened and when, and what the mechanism's own rule predicts. Every
 * column of {@link CableColumn}, in its order; {@code results/README.md} says what each means. Times
 * are nanoseconds of one monotonic clock, -1 where not applicable. Files written before their
 * {@code placement} column lack it (read as empty); files written before {@code icmp_rate_limited}
 * read it as -1 ({@code LaterColumns}).
 *
 * <p>The words of {@code fault} (a, b, c, c', d, e, f, g, g'), {@code mechanism} and
 * {@code theory_reference} are the harness's own, kept as written. {@code ratio} is written with
 * four decimals, and a record holds it as written, so that what a console shows from the records it
 * wrote and what a report shows from the file are the same figures.
 *
 * @param trial the trial (one pair of hosts, one fault)
 * @param fault a, b, c, c', d, e, f, g or g'
 * @param faultDescription the fault in words
 * @param mechanism e.g. "keepalive", "tcp_retries2=3", "heartbeat 250 ms"
 * @param settings the mechanism's settings in words
 * @param observer the I/O model of the server's connections
 * @param placement where the server's threads ran; empty where the file does not say
 * @param connection its index within its group
 * @param outcome e.g. CONNECTION_TIMED_OUT, TIMEOUT (a local timer or the trial's bound)
 * @param detectedBy what told: READ, WRITE, READ_DEADLINE, HEARTBEAT, BOUND (nothing by the bound), ...
 * @param exceptionClass verbatim, or empty
 * @param exceptionMessage verbatim, or empty
 * @param detectionNanos t1 - t0, t0 being right before the fault; for BOUND, how long it waited
 * @param sinceLastPeerSegmentNanos t1 - the last segment the server's kernel received from the client
 * @param sinceLastReadNanos t1 - the last byte the server read
 * @param sincePlugNanos t1 - the plug
 * @param theoryKind FINITE, NEVER or NOT_PREDICTED
 * @param theoryReference the instant the rule counts from (LAST_PEER_SEGMENT, FIRST_UNACKED_SEND, ...)
 * @param theoryNanos the predicted time after the reference; -1 unless FINITE
 * @param sinceReferenceNanos t1 - the reference instant, -1 when unknown
 * @param ratio {@code sinceReferenceNanos / theoryNanos}; NaN when the theory is not finite or the
 *     connection reached the bound
 * @param theory why the settings predict that, with the numbers
 * @param nextWrite what one 1-byte write right after the outcome returned
 * @param tcpStateAtEnd the server kernel's state for the connection at the trial's end (ESTAB, ..., gone)
 * @param boundNanos the trial's bound after t0
 * @param tcpRetries2 {@code tcp_retries2} in the server's namespace
 * @param linkDownAfterNanos when the server's end first showed carrier 0, after t0
 * @param ipReturnedAfterNanos when {@code ip link set down} returned, after t0
 * @param plugAfterNanos when the plug began, after t0
 * @param arpStartAfterNanos when the server's kernel started resolving the client's address, after t0
 * @param bytesWritten bytes the server's kernel accepted on the connection
 * @param pongs heartbeat answers received
 * @param failure why the harness could not run it as designed, empty when it could
 * @param icmpRateLimited ICMP messages the server's kernel dropped to its rate limits during the trial;
 *     -1 where not counted
 * @param wire what the connection left on the server's cable and what its kernel did ({@link Wire#NONE}
 *     in a file from before those columns)
 * @param peerHost where the client host ran, the round trip to it and the bound of the trial's t0 where
 *     the client's host took it on its own clock ({@code peer_host}, {@code peer_os}, {@code peer_jdk},
 *     {@code rtt_ns}, {@code t0_bound_ns}); {@link PeerHost#UNKNOWN} in a file from before them
 */
public record CableRecord(int trial, String fault, String faultDescription, String mechanism, String settings,
        Observer observer, Optional<Placement> placement, int connection, Outcome outcome, DetectedBy detectedBy,
        String exceptionClass, String exceptionMessage, long detectionNanos, long sinceLastPeerSegmentNanos,
        long sinceLastReadNanos, long sincePlugNanos, TheoryKind theoryKind, String theoryReference, long theoryNanos,
        long sinceReferenceNanos, double ratio, String theory, String nextWrite, String tcpStateAtEnd,
        long boundNanos, int tcpRetries2, long linkDownAfterNanos, long ipReturnedAfterNanos, long plugAfterNanos,
        long arpStartAfterNanos, long bytesWritten, long pongs, String failure, long icmpRateLimited, Wire wire,
        PeerHost peerHost) implements SchemaRecord<CableColumn> {

    /** A record without wire facts or the peer's host, as a file written before their columns reads. */
    public CableRecord(int trial, String fault, String faultDescription, String mechanism, String settings,
                       Observer observer, Optional<Placement> placement, int connection, Outcome outcome,
                       DetectedBy detectedBy, String exceptionClass, String exceptionMessage, long detectionNanos,
                       long sinceLastPeerSegmentNanos, long sinceLastReadNanos, long sincePlugNanos, TheoryKind theoryKind,
                       String theoryReference, long theoryNanos, long sinceReferenceNanos, double ratio, String theory,
                       String nextWrite, String tcpStateAtEnd, long boundNanos, int tcpRetries2, long linkDownAfterNanos,
                       long ipReturnedAfterNanos, long plugAfterNanos, long arpStartAfterNanos, long bytesWritten,
                       long pongs, String failure, long icmpRateLimited) {
        this(trial, fault, faultDescription, mechanism, settings, observer, placement, connection, outcome, detectedBy,
                exceptionClass, exceptionMessage, detectionNanos, sinceLastPeerSegmentNanos, sinceLastReadNanos,
                sincePlugNanos, theoryKind, theoryReference, theoryNanos, sinceReferenceNanos, ratio, theory, nextWrite,
                tcpStateAtEnd, boundNanos, tcpRetries2, linkDownAfterNanos, ipReturnedAfterNanos, plugAfterNanos,
                arpStartAfterNanos, bytesWritten, pongs, failure, icmpRateLimited, Wire.NONE, PeerHost.UNKNOWN);
    }

    /**
     * What the connection left on the server's cable and what the server's kernel did with it, after
     * t0 (S1 captured: {@code docs/wire-columns.md}); counts are -1 and times -1 where unknown.
     *
     * @param segments          the server's TCP segments on the cable
     * @param arpRequests       the trial's ARP requests for the client's address
     * @param reports           host-unreachable reports of its segments the kernel delivered to itself
     * @param unavailable       why there are no wire facts; empty where there are
     * @param kernelAttempts    retransmissions its kernel attempted
     * @param kernelAttemptsHeld of those, held back because the previous copy still waited for ARP
     * @param kernelEndNanos    when its kernel ended it (into CLOSE), after t0
     * @param kernelUnavailable why there is no kernel account; empty where there is
     */
    public record Wire(long segments, long arpRequests, long reports, String unavailable, long kernelAttempts,
            long kernelAttemptsHeld, long kernelEndNanos, String kernelUnavailable) {

        /** No wire facts, as a file written before the columns reads. */
        public static final Wire NONE = new Wire(-1, -1, -1, "", -1, -1, -1, "");
    }

    /** How {@code cable-*.csv} is read; {@code placement} where the file has it. */
    public static final RowFormat<CableRecord> FORMAT = RowFormat.of(CableColumn.class, CableRecord::read, PLACEMENT);

    /** The ratio is held as the file writes it, to four decimals. */
    public CableRecord {
        ratio = Double.isFinite(ratio) ? new BigDecimal(ratioCell(ratio)).doubleValue() : ratio;
    }

    private static String ratioCell(double ratio) {
        return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.4f", ratio);
    }

    @Override
    public void fill(CsvLog<CableColumn>.Row r) {
        r.set(TRIAL, trial).set(FAULT, fault).set(FAULT_DESCRIPTION, faultDescription).set(MECHANISM, mechanism)
                .set(SETTINGS, settings).set(OBSERVER, observer).set(PLACEMENT, placement.map(Enum::name).orElse(""))
                .set(CONNECTION, connection).set(OUTCOME, outcome).set(DETECTED_BY, detectedBy)
                .set(EXCEPTION_CLASS, exceptionClass).set(EXCEPTION_MESSAGE, exceptionMessage)
                .set(DETECTION_NS, detectionNanos).set(SINCE_LAST_PEER_SEGMENT_NS, sinceLastPeerSegmentNanos)
                .set(SINCE_LAST_READ_NS, sinceLastReadNanos).set(SINCE_PLUG_NS, sincePlugNanos)
                .set(THEORY_KIND, theoryKind).set(THEORY_REFERENCE, theoryReference).set(THEORY_NS, theoryNanos)
                .set(SINCE_REFERENCE_NS, sinceReferenceNanos).set(RATIO, ratioCell(ratio)).set(THEORY, theory)
                .set(NEXT_WRITE, nextWrite).set(TCP_STATE_AT_END, tcpStateAtEnd).set(BOUND_NS, boundNanos)
                .set(TCP_RETRIES2, tcpRetries2).set(LINK_DOWN_AFTER_NS, linkDownAfterNanos)
                .set(IP_RETURNED_AFTER_NS, ipReturnedAfterNanos).set(PLUG_AFTER_NS, plugAfterNanos)
                .set(ARP_START_AFTER_NS, arpStartAfterNanos).set(BYTES_WRITTEN, bytesWritten).set(PONGS, pongs)
                .set(FAILURE, failure).set(ICMP_RATE_LIMITED, icmpRateLimited).set(WIRE_SEGMENTS, wire.segments())
                .set(WIRE_ARP_REQUESTS, wire.arpRequests()).set(WIRE_REPORTS, wire.reports())
                .set(WIRE_UNAVAILABLE, wire.unavailable()).set(KERNEL_ATTEMPTS, wire.kernelAttempts())
                .set(KERNEL_ATTEMPTS_HELD, wire.kernelAttemptsHeld()).set(KERNEL_END_NS, wire.kernelEndNanos())
                .set(KERNEL_UNAVAILABLE, wire.kernelUnavailable());
        peerHost.fill(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS);
    }

    /**
     * @param r a row of a {@code cable-*.csv}
     * @return the connection
     * @throws ResultsFileException naming file, row and column on a cell that is not what it should be
     */
    public static CableRecord read(CsvRow r) throws ResultsFileException {
        return new CableRecord(r.count(TRIAL), r.text(FAULT), r.text(FAULT_DESCRIPTION), r.text(MECHANISM),
                r.text(SETTINGS), r.word(OBSERVER, Observer.class),
                r.has(PLACEMENT) ? Optional.of(r.word(PLACEMENT, Placement.class)) : Optional.empty(),
                r.count(CONNECTION), r.word(OUTCOME, Outcome.class), r.csvWord(DETECTED_BY, DetectedBy.class),
                r.text(EXCEPTION_CLASS), r.text(EXCEPTION_MESSAGE), r.whole(DETECTION_NS),
                r.whole(SINCE_LAST_PEER_SEGMENT_NS), r.whole(SINCE_LAST_READ_NS), r.whole(SINCE_PLUG_NS),
                r.word(THEORY_KIND, TheoryKind.class), r.text(THEORY_REFERENCE), r.whole(THEORY_NS),
                r.whole(SINCE_REFERENCE_NS), r.decimalOrNaN(RATIO), r.text(THEORY), r.text(NEXT_WRITE),
                r.text(TCP_STATE_AT_END), r.whole(BOUND_NS), r.integer(TCP_RETRIES2),
                r.whole(LINK_DOWN_AFTER_NS), r.whole(IP_RETURNED_AFTER_NS), r.whole(PLUG_AFTER_NS),
                r.whole(ARP_START_AFTER_NS), r.whole(BYTES_WRITTEN), r.whole(PONGS), r.text(FAILURE),
                r.wholeOr(ICMP_RATE_LIMITED, -1), new Wire(r.wholeOr(WIRE_SEGMENTS, -1), r.wholeOr(WIRE_ARP_REQUESTS, -1),
                        r.wholeOr(WIRE_REPORTS, -1), r.textOr(WIRE_UNAVAILABLE, ""), r.wholeOr(KERNEL_ATTEMPTS, -1),
                        r.wholeOr(KERNEL_ATTEMPTS_HELD, -1), r.wholeOr(KERNEL_END_NS, -1),
                        r.textOr(KERNEL_UNAVAILABLE, "")),
                PeerHost.read(r, PEER_HOST, PEER_OS, PEER_JDK, RTT_NS, T0_BOUND_NS));
    }

    /** @return whether nothing was detected by the trial's bound */
    public boolean reachedBound() {
        return detectedBy == DetectedBy.BOUND;
    }

    /** @return whether the mechanism's rule gives a finite time */
    public boolean hasFiniteTheory() {
        return theoryKind == TheoryKind.FINITE && theoryNanos > 0;
    }
}
