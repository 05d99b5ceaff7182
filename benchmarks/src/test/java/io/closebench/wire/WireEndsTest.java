package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.netns.HostPair;
import io.closebench.wire.WireEndsMain.End;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a peer can end a connection, captured on the loopback of a network namespace made for
 * the test alone, so that the namespace's TCP counters count exactly this connection: the wire
 * facts must say what the kernel says it sent. Per end: who sent the first FIN or RST, that it was
 * stamped inside the peer's {@code close()} call, the number of segments and RSTs against
 * {@code OutSegs} and {@code OutRsts}, and the abort counter that names the reason.
 */
@Timeout(120)
class WireEndsTest {

    @TempDir
    Path folder;

    @BeforeEach
    void requireCaptureAndNamespaces() {
        CaptureSupport.assumeCaptureInNamespaces();
    }

    @Test
    void aPlainCloseSendsAFinAndNoRst() throws Exception {
        Run run = Run.of(End.FIN, folder);

        assertThat(run.facts.firstEnd()).isEqualTo(WireEnd.FIN);
        assertThat(run.facts.firstEndEvent().orElseThrow().sender()).isEqualTo(Party.PEER);
        run.assertEndStampedInsideTheClose();
        assertThat(run.facts.firstRst()).isEmpty();
        assertThat(run.facts.firstFinFrom(Party.OBSERVER)).as("the observer closed after its EOF").isPresent();
        assertThat(run.outcome).isEqualTo("0 EOF");
        run.assertSegmentsAndRstsAsCounted();
        assertThat(run.counted(TcpCounter.ABORT_ON_CLOSE) + run.counted(TcpCounter.ABORT_ON_DATA)).isZero();
        assertThat(WireColumns.of(run.facts).cells().subList(0, 1)).containsExactly("FIN");
    }

    @Test
    void soLingerZeroSendsAnRstAndNoFin() throws Exception {
        Run run = Run.of(End.LINGER_ZERO, folder);

        assertThat(run.facts.firstEnd()).isEqualTo(WireEnd.RST);
        assertThat(run.facts.firstEndEvent().orElseThrow().sender()).isEqualTo(Party.PEER);
        run.assertEndStampedInsideTheClose();
        assertThat(run.facts.firstFin()).as("no FIN from either side").isEmpty();
        assertThat(run.outcome).isEqualTo("0 Connection reset");
        run.assertSegmentsAndRstsAsCounted();
        assertThat(run.counted(TcpCounter.OUT_RSTS)).isEqualTo(1);
        assertThat(run.counted(TcpCounter.ABORT_ON_DATA)).as("Linux counts a linger-0 close here").isEqualTo(1);
        assertThat(run.rstCarriesAck()).isTrue();
        assertThat(run.counted(TcpCounter.ABORT_ON_CLOSE)).isZero();
        assertThat(run.facts.rstAgainstData().orElseThrow().leftBeforeQueuedData())
                .as("its 100 bytes had crossed and been read").contains(false);
    }

    @Test
    void closingWithUnreadDataSendsAnRstAndNoFin() throws Exception {
        Run run = Run.of(End.UNREAD, folder);

        assertThat(run.facts.firstEnd()).isEqualTo(WireEnd.RST);
        assertThat(run.facts.firstEndEvent().orElseThrow().sender()).isEqualTo(Party.PEER);
        run.assertEndStampedInsideTheClose();
        assertThat(run.facts.firstFin()).isEmpty();
        assertThat(run.outcome).isEqualTo("0 Connection reset");
        run.assertSegmentsAndRstsAsCounted();
        assertThat(run.counted(TcpCounter.OUT_RSTS)).isEqualTo(1);
        assertThat(run.counted(TcpCounter.ABORT_ON_CLOSE)).as("tcp_close: data was unread").isEqualTo(1);
        assertThat(run.rstCarriesAck()).isTrue();
        assertThat(run.counted(TcpCounter.ABORT_ON_DATA)).isZero();
        assertThat(run.facts.rstAgainstData().orElseThrow().leftBeforeQueuedData()).as("the peer wrote nothing")
                .contains(false);
    }

    @Test
    void dataForAClosedConnectionIsAnsweredWithAnRstAfterTheFin() throws Exception {
        Run run = Run.of(End.WRITE_AFTER_CLOSE, folder);

        assertThat(run.facts.firstEnd()).as("the close itself sends a FIN").isEqualTo(WireEnd.FIN);
        assertThat(run.facts.firstEndEvent().orElseThrow().sender()).isEqualTo(Party.PEER);
        run.assertEndStampedInsideTheClose();
        WireEvent rst = run.facts.firstRst().orElseThrow();
        assertThat(rst.sender()).as("the peer's kernel answers the observer's data").isEqualTo(Party.PEER);
        assertThat(rst.at()).isGreaterThan(run.facts.firstFin().orElseThrow().at());
        assertThat(run.facts.bytesAfterFault(Party.OBSERVER)).as("the observer's write crossed").isEqualTo(100);
        assertThat(run.facts.firstFinFrom(Party.OBSERVER)).as("the RST closed the observer before its close")
                .isEmpty();
        run.assertSegmentsAndRstsAsCounted();
        assertThat(run.counted(TcpCounter.OUT_RSTS)).isEqualTo(1);
        assertThat(run.counted(TcpCounter.ABORT_ON_DATA)).as("new data after this side's close").isEqualTo(1);
        assertThat(run.rstCarriesAck()).as("a reply RST takes its sequence number from the data's ACK").isFalse();
    }

    @Test
    void anRstWithDataStillQueuedLeavesBeforeThatDataAsTheKernelCountedIt() throws Exception {
        Run run = Run.of(End.QUEUED, folder);

        assertThat(run.facts.firstEnd()).isEqualTo(WireEnd.RST);
        assertThat(run.facts.firstEndEvent().orElseThrow().sender()).isEqualTo(Party.PEER);
        run.assertEndStampedInsideTheClose();
        RstAgainstData rst = run.facts.rstAgainstData().orElseThrow();
        long kernelUnacknowledged = Long.parseLong(CaptureSupport.field(run.lines, "UNACKED")[0]);
        assertThat(kernelUnacknowledged).as("the window had closed on queued data").isPositive();
        assertThat(rst.unacknowledged()).as("everything sent had been acknowledged").isZero();
        assertThat(rst.unsent()).as("written minus sent on the wire equals the kernel's send queue")
                .hasValue(kernelUnacknowledged);
        assertThat(rst.leftBeforeQueuedData()).contains(true);
        assertThat(WireColumns.of(run.facts).cells().get(2)).isEqualTo("true");
        assertThat(run.outcome).as("what had crossed was read before the reset: the RST did not overtake it")
                .isEqualTo(rst.sentBefore() + " Connection reset");
        run.assertSegmentsAndRstsAsCounted();
        assertThat(run.counted(TcpCounter.OUT_RSTS)).isEqualTo(1);
        assertThat(run.counted(TcpCounter.ABORT_ON_CLOSE)).as("unread data decides the counter").isEqualTo(1);
        assertThat(run.rstCarriesAck()).isTrue();
    }

    /** One end, run and captured in a fresh namespace, with the counters around it. */
    private static final class Run {
        final List<String> lines;
        final ConnectionFacts facts;
        final KernelCounters counted;
        final CaptureResult capture;
        final WireRecord record;
        final long t0;
        final long t1;
        final String outcome;

        private Run(List<String> lines, ConnectionFacts facts, KernelCounters counted, CaptureResult capture,
                    WireRecord record) {
            this.lines = lines;
            this.facts = facts;
            this.counted = counted;
            this.capture = capture;
            this.record = record;
            this.t0 = Long.parseLong(CaptureSupport.field(lines, "T0")[0]);
            this.t1 = Long.parseLong(CaptureSupport.field(lines, "T1")[0]);
            this.outcome = String.join(" ", CaptureSupport.field(lines, "READ"));
        }

        static Run of(End end, Path folder) throws Exception {
            try (HostPair pair = HostPair.create()) {
                String ns = pair.serverNamespace();
                KernelCounters before = KernelCounters.read(Optional.of(ns));
                Path file = Files.createFile(folder.resolve(end + ".pcap"));
                CaptureResult capture;
                List<String> lines;
                try (PacketCapture running = PacketCapture.start(CaptureSpec.inNamespace(ns, "lo", file,
                        BpfFilter.allTcp()))) {
                    lines = CaptureSupport.runToEnd(pair.commandIn(ns,
                            CaptureSupport.javaMain(WireEndsMain.class, end.name()).toArray(String[]::new)), 60);
                    capture = running.stop();
                }
                KernelCounters counted = KernelCounters.read(Optional.of(ns)).since(before);
                assertThat(lines).contains("DONE");
                assertThat(capture.problems()).as("capture of %s", end).isEmpty();
                WireRecord record = capture.read();
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                FourTuple connection = new FourTuple(
                        new Endpoint(loopback, Integer.parseInt(CaptureSupport.field(lines, "OBSERVER")[1])),
                        new Endpoint(loopback, Integer.parseInt(CaptureSupport.field(lines, "PEER")[1])));
                String[] written = CaptureSupport.field(lines, "WRITTEN")[0].concat(" ")
                        .concat(CaptureSupport.field(lines, "WRITTEN")[1]).split(" ");
                ConnectionFacts facts = record.facts(connection, Long.parseLong(CaptureSupport.field(lines, "T0")[0]),
                        BytesWritten.of(Long.parseLong(written[1]), Long.parseLong(written[0])));
                return new Run(lines, facts, counted, capture, record);
            }
        }

        long counted(TcpCounter counter) {
            return counted.get(counter);
        }

        long rstsOnWire() {
            return record.segments().segments().stream().filter(s -> s.flags().rst()).count();
        }

        /** The first end passed the tap after t0 and before the close returned (loopback stamps inside the call). */
        void assertEndStampedInsideTheClose() {
            SinceFault at = facts.firstEndEvent().orElseThrow().at();
            assertThat(at.nanos() + at.boundNanos()).as("not before t0: %s", at).isGreaterThanOrEqualTo(0);
            assertThat(at.nanos() - at.boundNanos()).as("not after close() returned (%d ns after t0): %s",
                    t1 - t0, at).isLessThanOrEqualTo(t1 - t0);
        }

        /**
         * Every TCP segment of the namespace was captured once: as many as OutSegs (which leaves
         * retransmissions out) plus RetransSegs, at least as many retransmissions as RetransSegs (see
         * {@link TcpCounter#RETRANS_SEGS}), the RSTs as OutRsts.
         */
        void assertSegmentsAndRstsAsCounted() {
            assertThat(record.segments().notTcp()).isZero();
            assertThat(facts.timeline()).as("the namespace had no other connection")
                    .hasSize(record.segments().segments().size());
            assertThat((long) record.segments().segments().size()).as("segments on the wire vs OutSegs + RetransSegs")
                    .isEqualTo(counted(TcpCounter.OUT_SEGS) + counted(TcpCounter.RETRANS_SEGS));
            assertThat((long) facts.retransmissions().size()).as("retransmissions on the wire vs RetransSegs")
                    .isGreaterThanOrEqualTo(counted(TcpCounter.RETRANS_SEGS));
            assertThat(rstsOnWire()).as("RSTs on the wire vs OutRsts").isEqualTo(counted(TcpCounter.OUT_RSTS));
        }

        /** The first RST's ACK bit: set by an abortive close, clear on a reply to a segment without a socket to take it. */
        boolean rstCarriesAck() {
            return facts.firstRst().orElseThrow().segment().flags().ack();
        }
    }
}
