package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.RealtimeToMonotonic;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-connection rules on segment sequences whose meaning is known: ends, retransmissions,
 * probes, an RST against queued data, a reused 4-tuple, and the columns they make.
 */
@Timeout(10)
class ConnectionFactsTest {

    private static final Endpoint OBSERVER = new Endpoint(InetAddress.getLoopbackAddress(), 40_000);
    private static final Endpoint PEER = new Endpoint(InetAddress.getLoopbackAddress(), 5555);
    private static final FourTuple CONNECTION = new FourTuple(OBSERVER, PEER);
    /** realtime = monotonic + 1 s, known to 100 ns */
    private static final RealtimeToMonotonic.Offset CLOCK = new RealtimeToMonotonic.Offset(1_000_000_000L, 100);
    private static final long T0 = 5_000_000L;
    private static final long O_ISN = 4_294_967_000L;
    private static final long P_ISN = 1_000L;
    private static final int ACK = TcpFlags.ACK;

    private final List<TcpSegment> segments = new ArrayList<>();

    /** Adds a segment stamped {@code micros} after t0 (negative: before). */
    private void add(long micros, boolean fromPeer, int flags, long seq, long ack, int window, int length) {
        long epoch = CLOCK.toEpochNanos(T0) + micros * 1_000;
        segments.add(new TcpSegment(segments.size(), epoch, fromPeer ? PEER : OBSERVER, fromPeer ? OBSERVER : PEER,
                new TcpFlags(flags), seq & 0xffffffffL, ack & 0xffffffffL, window, length, TcpOptions.NONE));
    }

    private void handshake() {
        add(-100, false, TcpFlags.SYN, O_ISN, 0, 65_535, 0);
        add(-99, true, TcpFlags.SYN | ACK, P_ISN, O_ISN + 1, 65_535, 0);
        add(-98, false, ACK, O_ISN + 1, P_ISN + 1, 512, 0);
    }

    private ConnectionFacts facts(BytesWritten written) {
        WireRecord record = new WireRecord(new TcpSegments(segments, 0, 0), CLOCK, 1, List.of());
        return record.facts(CONNECTION, T0, written);
    }

    @Test
    void aPeersFinAfterTheFaultIsTheFirstEndWithItsTimeAndBound() {
        handshake();
        add(-50, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(-49, false, ACK, O_ISN + 1, P_ISN + 101, 512, 0);
        add(30, true, TcpFlags.FIN | ACK, P_ISN + 101, O_ISN + 1, 512, 0);
        add(31, false, ACK, O_ISN + 1, P_ISN + 102, 512, 0);
        add(80, false, TcpFlags.FIN | ACK, O_ISN + 1, P_ISN + 102, 512, 0);
        add(81, true, ACK, P_ISN + 102, O_ISN + 2, 512, 0);

        ConnectionFacts facts = facts(BytesWritten.unknown());

        assertThat(facts.handshakeSeen()).isTrue();
        assertThat(facts.firstEnd()).isEqualTo(WireEnd.FIN);
        WireEvent end = facts.firstEndEvent().orElseThrow();
        assertThat(end.sender()).isEqualTo(Party.PEER);
        assertThat(end.at().nanos()).isEqualTo(30_000);
        assertThat(end.at().boundNanos()).as("offset bound plus 1 ns resolution").isEqualTo(101);
        assertThat(facts.firstFinFrom(Party.OBSERVER).orElseThrow().at().nanos()).isEqualTo(80_000);
        assertThat(facts.firstRst()).isEmpty();
        assertThat(facts.bytesAfterFault(Party.PEER)).as("the 100 bytes crossed before t0").isZero();
        assertThat(facts.retransmissions()).isEmpty();
        assertThat(facts.probes()).isEmpty();
        assertThat(facts.timeline()).extracting(TimelineEntry::role).containsExactly(SegmentRole.SYN,
                SegmentRole.SYN_ACK, SegmentRole.ACK, SegmentRole.DATA, SegmentRole.ACK, SegmentRole.FIN,
                SegmentRole.ACK, SegmentRole.FIN, SegmentRole.ACK);
        assertThat(WireColumns.of(facts).cells()).containsExactly("FIN", "30.000", "", "0", "0", "peer FIN, observer FIN");
    }

    @Test
    void theSameSequenceSpaceSentAgainIsARetransmissionAndOnlyItsNewPartCountsAsNewBytes() {
        handshake();
        add(10, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(210, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(610, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 150);
        add(620, true, TcpFlags.FIN | ACK, P_ISN + 151, O_ISN + 1, 512, 0);
        add(1_420, true, TcpFlags.FIN | ACK, P_ISN + 151, O_ISN + 1, 512, 0);

        ConnectionFacts facts = facts(BytesWritten.unknown());

        assertThat(facts.timeline().subList(3, 8)).extracting(TimelineEntry::role).containsExactly(SegmentRole.DATA,
                SegmentRole.RETRANSMISSION, SegmentRole.RETRANSMISSION, SegmentRole.FIN, SegmentRole.RETRANSMISSION);
        assertThat(facts.retransmissionsAfterFault()).extracting(e -> e.at().nanos())
                .containsExactly(210_000L, 610_000L, 1_420_000L);
        assertThat(facts.bytesAfterFault(Party.PEER)).as("100 new, then 50 new in the longer resend").isEqualTo(150);
        assertThat(facts.firstFin().orElseThrow().at().nanos()).isEqualTo(620_000);
        assertThat(WireColumns.of(facts).cells()).containsExactly("FIN", "620.000", "", "3", "0",
                "peer data, peer retransmission, peer FIN, peer retransmission");
    }

    @Test
    void aSegmentOneBelowWhatTheOtherSideAcknowledgedIsAKeepaliveOrAZeroWindowProbe() {
        handshake();
        add(-10, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(-9, false, ACK, O_ISN + 1, P_ISN + 101, 512, 0);
        add(1_000, true, ACK, P_ISN + 100, O_ISN + 1, 512, 0);
        add(2_000, true, ACK, P_ISN + 100, O_ISN + 1, 512, 0);
        add(2_001, false, ACK, O_ISN + 1, P_ISN + 101, 0, 0);
        add(2_500, true, ACK, P_ISN + 100, O_ISN + 1, 512, 0);
        add(2_600, false, ACK, O_ISN, P_ISN + 101, 0, 1);

        ConnectionFacts facts = facts(BytesWritten.unknown());

        assertThat(facts.probes()).extracting(TimelineEntry::role).containsExactly(SegmentRole.KEEPALIVE_PROBE,
                SegmentRole.KEEPALIVE_PROBE, SegmentRole.ZERO_WINDOW_PROBE, SegmentRole.KEEPALIVE_PROBE);
        assertThat(facts.probes().get(3).sender()).as("a one-byte probe, Windows style").isEqualTo(Party.OBSERVER);
        assertThat(facts.retransmissions()).as("a probe is not a retransmission").isEmpty();
        assertThat(facts.firstEnd()).isEqualTo(WireEnd.NONE);
        assertThat(WireColumns.of(facts).cells()).containsExactly("none", "", "", "0", "4",
                "peer keepalive probe, peer window probe, observer keepalive probe");
    }

    @Test
    void anRstIsBeforeQueuedDataExactlyWhenItsSenderWroteMoreThanHadCrossed() {
        handshake();
        add(-20, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(-19, false, ACK, O_ISN + 1, P_ISN + 61, 0, 0);
        add(5, true, TcpFlags.RST | ACK, P_ISN + 101, O_ISN + 1, 0, 0);

        RstAgainstData queued = facts(BytesWritten.byPeer(1_000)).rstAgainstData().orElseThrow();
        assertThat(queued.sender()).isEqualTo(Party.PEER);
        assertThat(queued.sentBefore()).isEqualTo(100);
        assertThat(queued.ackedBefore()).isEqualTo(60);
        assertThat(queued.unacknowledged()).isEqualTo(40);
        assertThat(queued.unsent()).hasValue(900);
        assertThat(queued.leftBeforeQueuedData()).contains(true);
        assertThat(WireColumns.of(facts(BytesWritten.byPeer(1_000))).cells())
                .containsExactly("RST", "5.000", "true", "0", "0", "peer RST");

        assertThat(facts(BytesWritten.byPeer(100)).rstAgainstData().orElseThrow().leftBeforeQueuedData())
                .contains(false);
        assertThat(facts(BytesWritten.unknown()).rstAgainstData().orElseThrow().leftBeforeQueuedData()).isEmpty();
        assertThat(WireColumns.of(facts(BytesWritten.unknown())).cells()).containsExactly("RST", "5.000", "", "0", "0", "peer RST");
    }

    @Test
    void aReusedFourTupleIsAnalysedForTheConnectionThatWasOpenAtTheFault() {
        handshake();
        add(-90, true, TcpFlags.RST | ACK, P_ISN + 1, O_ISN + 1, 0, 0);
        long secondIsn = O_ISN + 100_000;
        add(-60, false, TcpFlags.SYN, secondIsn, 0, 65_535, 0);
        add(-59, true, TcpFlags.SYN | ACK, 77, secondIsn + 1, 65_535, 0);
        add(-58, false, ACK, secondIsn + 1, 78, 512, 0);
        add(12, true, TcpFlags.FIN | ACK, 78, secondIsn + 1, 512, 0);

        ConnectionFacts facts = facts(BytesWritten.unknown());

        assertThat(facts.timeline()).hasSize(4);
        assertThat(facts.firstEnd()).as("not the earlier connection's RST").isEqualTo(WireEnd.FIN);
    }

    @Test
    void withoutTheHandshakeByteAccountingIsNotClaimed() {
        add(-20, true, TcpFlags.PSH | ACK, P_ISN + 1, O_ISN + 1, 512, 100);
        add(5, true, TcpFlags.RST | ACK, P_ISN + 101, O_ISN + 1, 0, 0);

        ConnectionFacts facts = facts(BytesWritten.byPeer(1_000));

        assertThat(facts.handshakeSeen()).isFalse();
        assertThat(facts.rstAgainstData()).isEmpty();
        assertThat(facts.firstEnd()).isEqualTo(WireEnd.RST);
    }

    @Test
    void aConnectionMissingFromTheCaptureOrAnIncompleteCaptureGivesNoColumnsButAReason() {
        ConnectionFacts absent = facts(BytesWritten.unknown());
        assertThat(absent.found()).isFalse();
        WireColumns none = WireColumns.of(absent);
        assertThat(none).isInstanceOf(WireColumns.Unavailable.class);
        assertThat(((WireColumns.Unavailable) none).reason()).contains("no segment of");
        assertThat(none.cells()).containsExactly("", "", "", "", "", "");

        handshake();
        WireRecord incomplete = new WireRecord(new TcpSegments(segments, 0, 0), CLOCK, 1,
                List.of("the kernel dropped 3 packets (capture ring full)"));
        WireColumns doubtful = WireColumns.of(incomplete.facts(CONNECTION, T0, BytesWritten.unknown()));
        assertThat(((WireColumns.Unavailable) doubtful).reason()).contains("capture incomplete", "dropped 3");
    }

    @Test
    void clientsOfAListenerAreListedInTheOrderTheyConnected() {
        handshake();
        Endpoint other = new Endpoint(InetAddress.getLoopbackAddress(), 40_001);
        segments.add(new TcpSegment(9, 0, other, PEER, new TcpFlags(TcpFlags.SYN), 1, 0, 1, 0, TcpOptions.NONE));
        WireRecord record = new WireRecord(new TcpSegments(segments, 0, 0), CLOCK, 1, List.of());
        assertThat(record.clientsOf(PEER)).containsExactly(OBSERVER, other);
    }
}
