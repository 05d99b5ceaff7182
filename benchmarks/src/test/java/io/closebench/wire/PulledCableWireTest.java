package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.netns.HostPair;
import io.closebench.netns.RunningProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * S1 on the wire: a server host, a client host, a veth between them, the client's end pulled. What
 * the server's kernel sends afterwards never arrives and, on the veth itself, is not even captured
 * (see {@link MirrorTap}); mirrored before the queueing discipline it is, and the wire facts must
 * agree with the server namespace's own counters: at least RetransSegs retransmissions (see
 * {@link TcpCounter#RETRANS_SEGS} for the ones it leaves out), keepalive
 * probes with TCPKeepAlive, zero-window probes with TCPWinProbe, RSTs with OutRsts, every segment
 * the server sent with OutSegs + RetransSegs. The timeline of each connection, with its detection
 * (t1), goes to the test's output.
 */
@Timeout(120)
class PulledCableWireTest {

    private static final int PORT = 7100;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path folder;

    @BeforeEach
    void requireCaptureAndNamespaces() {
        CaptureSupport.assumeCaptureInNamespaces();
    }

    @Test
    void retransmissionsKeepaliveAndWindowProbesAfterThePullAreCapturedAsTheServersKernelCountedThem()
            throws Exception {
        Map<Held, ConnectionFacts> facts = new EnumMap<>(Held.class);
        Map<Held, Long> detected = new EnumMap<>(Held.class);
        KernelCounters counted;
        CaptureResult capture;
        List<TcpSegment> serverSent;
        long t0;
        try (HostPair pair = HostPair.create()) {
            String srv = pair.serverNamespace();
            pair.pinClientAddressAtServer();
            pair.setSysctl(srv, "net.ipv4.tcp_retries2", "3");
            try (MirrorTap tap = MirrorTap.create(srv, pair.serverDevice())) {
                KernelCounters before = KernelCounters.read(Optional.of(srv));
                try (PacketCapture running = PacketCapture.start(tap.spec(folder.resolve("s1.pcap"),
                        BpfFilter.tcpPorts(PORT)));
                     RunningProgram server = RunningProgram.start(pair.processIn(srv, CaptureSupport.javaMain(
                             PulledCableServerMain.class, pair.serverAddress().getHostAddress(), String.valueOf(PORT))
                             .toArray(String[]::new)))) {
                    server.nextLineStartingWith("LISTENING", WAIT);
                    try (RunningProgram client = RunningProgram.start(pair.processIn(pair.clientNamespace(),
                            CaptureSupport.javaMain(PulledCableClientMain.class, pair.serverAddress().getHostAddress(),
                                    String.valueOf(PORT)).toArray(String[]::new)))) {
                        client.nextLineStartingWith("CONNECTED", WAIT);
                        String[] ready = server.nextLineStartingWith("READY", WAIT).split(" ");
                        t0 = System.nanoTime();
                        pair.pullCable();
                        server.send("GO");
                        for (int i = 0; i < Held.values().length; i++) {
                            String[] ended = server.nextLineStartingWith("ENDED", WAIT).split(" ", 4);
                            detected.put(Held.valueOf(ended[1]), Long.parseLong(ended[2]));
                        }
                        capture = running.stop();
                        counted = KernelCounters.read(Optional.of(srv)).since(before);
                        assertThat(capture.problems()).isEmpty();
                        WireRecord record = capture.read();
                        for (Held held : Held.values()) {
                            FourTuple connection = new FourTuple(new Endpoint(pair.serverAddress(), PORT),
                                    new Endpoint(pair.clientAddress(), Integer.parseInt(ready[1 + held.ordinal()])));
                            facts.put(held, record.facts(connection, t0, BytesWritten.unknown()));
                        }
                        serverSent = record.segments().segments().stream()
                                .filter(s -> s.source().address().equals(pair.serverAddress())).toList();
                    }
                }
            }
        }
        for (Held held : Held.values()) {
            print(held, facts.get(held), detected.get(held) - t0);
        }

        ConnectionFacts a = facts.get(Held.A);
        assertThat(a.retransmissionsAfterFault()).as("A's 100 bytes, sent again and again").isNotEmpty();
        assertThat(a.retransmissionsAfterFault()).allMatch(e -> e.sender() == Party.OBSERVER);
        assertThat(a.firstRst()).as("a retransmission timeout ends without an RST").isEmpty();
        ConnectionFacts b = facts.get(Held.B);
        assertThat(b.probesAfterFault()).extracting(TimelineEntry::role).as("three unanswered keepalive probes")
                .containsExactly(SegmentRole.KEEPALIVE_PROBE, SegmentRole.KEEPALIVE_PROBE, SegmentRole.KEEPALIVE_PROBE);
        WireEvent keepaliveEnd = b.firstRst().orElseThrow(() -> new AssertionError("keepalive's end sends an RST"));
        assertThat(keepaliveEnd.sender()).isEqualTo(Party.OBSERVER);
        assertThat(keepaliveEnd.at().nanos() - keepaliveEnd.at().boundNanos())
                .as("the RST leaves before the read reports the timeout").isLessThanOrEqualTo(detected.get(Held.B) - t0);
        ConnectionFacts c = facts.get(Held.C);
        assertThat(c.probesAfterFault()).as("zero-window probes after the pull").isNotEmpty()
                .allMatch(e -> e.role() == SegmentRole.ZERO_WINDOW_PROBE && e.sender() == Party.OBSERVER);

        List<TimelineEntry> all = new ArrayList<>();
        facts.values().forEach(f -> all.addAll(f.timeline()));
        List<TimelineEntry> fromServer = all.stream().filter(e -> e.sender() == Party.OBSERVER).toList();
        assertThat(fromServer).as("the three connections are all the server sent").hasSize(serverSent.size());
        assertThat(inMssUnits(fromServer, all)).as("server segments, in MSS-sized units, vs OutSegs + RetransSegs")
                .isEqualTo(counted.get(TcpCounter.OUT_SEGS) + counted.get(TcpCounter.RETRANS_SEGS));
        long retransmissions = fromServer.stream().filter(e -> e.role() == SegmentRole.RETRANSMISSION).count();
        System.out.println("S1 server: " + retransmissions + " retransmissions on the wire; RetransSegs "
                + counted.get(TcpCounter.RETRANS_SEGS) + ", TCPLossProbes " + counted.get(TcpCounter.LOSS_PROBES)
                + ", TCPTimeouts " + counted.get(TcpCounter.TIMEOUTS));
        assertThat(retransmissions).as("every retransmission RetransSegs counts is on the wire (see TcpCounter)")
                .isGreaterThanOrEqualTo(counted.get(TcpCounter.RETRANS_SEGS));
        assertThat(fromServer.stream().filter(e -> e.role() == SegmentRole.KEEPALIVE_PROBE).count())
                .as("keepalive probes vs TCPKeepAlive").isEqualTo(counted.get(TcpCounter.KEEPALIVE));
        assertThat(fromServer.stream().filter(e -> e.role() == SegmentRole.ZERO_WINDOW_PROBE).count())
                .as("zero-window probes vs TCPWinProbe").isEqualTo(counted.get(TcpCounter.WIN_PROBE));
        assertThat(fromServer.stream().filter(e -> e.role() == SegmentRole.RST).count())
                .as("RSTs vs OutRsts").isEqualTo(counted.get(TcpCounter.OUT_RSTS));
    }

    /**
     * The segments as the kernel counts them: the veth takes segmentation offload, so one captured
     * packet of n bytes is {@code ceil(n / MSS)} segments to the counters ({@code tcp_skb_pcount});
     * MSS here is the client's MSS option less the 12 bytes of the timestamps option.
     */
    private static long inMssUnits(List<TimelineEntry> entries, List<TimelineEntry> all) {
        int mss = all.stream().filter(e -> e.sender() == Party.PEER && e.segment().flags().syn())
                .findFirst().orElseThrow().segment().options().mss().orElseThrow() - 12;
        return entries.stream().mapToLong(e -> Math.max(1, (e.segment().payloadLength() + mss - 1) / mss)).sum();
    }

    /** The three connections, by what ends them. */
    private enum Held {
        A, B, C
    }

    /** The server's segments after the pull, each with its time since t0 and its role, and t1. */
    private static void print(Held held, ConnectionFacts facts, long t1SinceFault) {
        System.out.println("S1 connection " + held + " (" + facts.connection() + "), t1 at "
                + String.format("%+.3f ms", t1SinceFault / 1e6));
        for (TimelineEntry e : facts.sentAfterFault(Party.OBSERVER)) {
            System.out.println(String.format("  %+12.3f ms  %-18s %s", e.at().nanos() / 1e6, e.role(), e.segment()));
        }
    }
}
