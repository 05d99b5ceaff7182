package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcpdump as this package drives it, on this namespace's loopback filtered to a test's own ports:
 * capturing when start() returns, everything written when stop() returns, a file tcpdump's own
 * reader agrees with packet for packet, timestamps that convert onto {@code System.nanoTime()}, and
 * every way it can fall short reported as a reason.
 */
@Timeout(120)
class PacketCaptureTest {

    private static final Pattern TCPDUMP_LINE = Pattern.compile(
            "^(\\d+)\\.(\\d{9}) IP (\\S+)\\.(\\d+) > (\\S+)\\.(\\d+): Flags \\[([^\\]]*)\\].* length (\\d+)");

    @TempDir
    Path folder;

    @BeforeEach
    void requireCapture() {
        CaptureSupport.assumeCapture();
    }

    @Test
    void theFirstSegmentSentAfterStartReturnsIsInTheFileEveryTime() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket listener = listener()) {
                Path file = folder.resolve("first-" + i + ".pcap");
                CaptureResult result;
                try (PacketCapture capture = PacketCapture.start(CaptureSpec.loopback(file,
                        BpfFilter.tcpPorts(listener.getLocalPort())))) {
                    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                         Socket server = listener.accept()) {
                        assertThat(server.isConnected()).isTrue();
                    }
                    result = capture.stop();
                }
                assertThat(result.problems()).as("round %d", i).isEmpty();
                TcpSegment first = result.read().segments().segments().get(0);
                assertThat(first.flags().syn()).as("round %d: the connect's SYN is the first packet", i).isTrue();
                assertThat(first.flags().ack()).isFalse();
            }
        }
    }

    @Test
    void theFileOpensWithTcpdumpsOwnReaderWhichAgreesPacketForPacket() throws Exception {
        Path file = folder.resolve("agree.pcap");
        CaptureResult result;
        try (ServerSocket listener = listener(); PacketCapture capture = PacketCapture.start(CaptureSpec.loopback(file,
                BpfFilter.tcpPorts(listener.getLocalPort())))) {
            exchange(listener, 3, 1000);
            result = capture.stop();
        }
        assertThat(result.problems()).isEmpty();
        List<TcpSegment> java = result.read().segments().segments();
        assertThat(java).hasSizeGreaterThanOrEqualTo(10);

        CommandResult read = BoundedCommand.run(Duration.ofSeconds(20), List.of(Tcpdump.binary().orElseThrow().toString(),
                "-r", file.toString(), "-n", "-S", "-tt", "--time-stamp-precision=nano"));
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stderr()).contains("link-type EN10MB");
        List<String> lines = read.stdout().lines().toList();
        assertThat(lines).as("tcpdump -r counts the same packets").hasSize(java.size());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TCPDUMP_LINE.matcher(lines.get(i));
            assertThat(m.find()).as("line %d: %s", i, lines.get(i)).isTrue();
            TcpSegment s = java.get(i);
            assertThat(Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)))
                    .as("timestamp of packet %d", i).isEqualTo(s.epochNanos());
            assertThat(Integer.parseInt(m.group(4))).isEqualTo(s.source().port());
            assertThat(Integer.parseInt(m.group(6))).isEqualTo(s.destination().port());
            assertThat("[" + m.group(7) + "]").as("flags of packet %d", i).isEqualTo(s.flags().toString());
            assertThat(Integer.parseInt(m.group(8))).as("length of packet %d", i).isEqualTo(s.payloadLength());
        }
    }

    @Test
    void aSegmentIsStampedInsideTheCallThatSentItOnceConvertedToNanoTime() throws Exception {
        Path file = folder.resolve("clock.pcap");
        long before;
        long after;
        CaptureResult result;
        try (ServerSocket listener = listener(); PacketCapture capture = PacketCapture.start(CaptureSpec.loopback(file,
                BpfFilter.tcpPorts(listener.getLocalPort())))) {
            try (Socket client = new Socket(); Socket server = accept(listener, client)) {
                OutputStream out = client.getOutputStream();
                before = System.nanoTime();
                out.write(new byte[77]);
                after = System.nanoTime();
                server.getInputStream().readNBytes(77);
            }
            result = capture.stop();
        }
        TcpSegment data = result.read().segments().segments().stream().filter(s -> s.payloadLength() == 77)
                .findFirst().orElseThrow();
        long stamped = result.clock().toNanoTime(data.epochNanos());
        long bound = result.clock().errorBoundNanos() + 1;
        assertThat(stamped).as("loopback stamps inside write(): %d ns after the call began, which took %d ns",
                stamped - before, after - before).isBetween(before - bound, after + bound);
    }

    @Test
    void reachingThePacketLimitIsReportedNotSilentlyCut() throws Exception {
        Path file = folder.resolve("limit.pcap");
        CaptureResult result;
        try (ServerSocket listener = listener(); PacketCapture capture = PacketCapture.start(CaptureSpec.loopback(file,
                BpfFilter.tcpPorts(listener.getLocalPort())).withMaxPackets(4))) {
            exchange(listener, 3, 10);
            result = capture.stop();
        }
        assertThat(result.hitPacketLimit()).isTrue();
        assertThat(result.packetsInFile()).isEqualTo(4);
        assertThat(Files.size(file)).isLessThanOrEqualTo(result.spec().maxFileBytes());
        assertThat(result.problemSummary()).contains("packet limit (4) was reached");
        WireRecord record = result.read();
        ConnectionFacts facts = record.facts(new FourTuple(record.segments().segments().get(0).source(),
                record.segments().segments().get(0).destination()), System.nanoTime(), BytesWritten.unknown());
        assertThat(WireColumns.of(facts)).isInstanceOf(WireColumns.Unavailable.class);
    }

    @Test
    void aDeviceThatDoesNotExistIsRefusedWithTcpdumpsReasonAndNothingLeftRunning() {
        Path file = folder.resolve("none.pcap");
        assertThatThrownBy(() -> PacketCapture.start(new CaptureSpec(file, Optional.empty(), "cbnosuchdev",
                BpfFilter.allTcp(), 128, 10))).isInstanceOf(CaptureFailedException.class)
                .hasMessageContaining("cbnosuchdev").hasMessageContaining("No such device");
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("tcpdump"))
                .filter(ProcessHandle::isAlive).toList()).as("tcpdump processes left").isEmpty();
    }

    @Test
    void anUnprivilegedUserIsToldItMayNotCapture() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root to switch user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all"));
        argv.addAll(CaptureSupport.javaMain(CaptureProbeMain.class));
        List<String> out = CaptureSupport.runToEnd(argv, 60);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).startsWith("packet capture unavailable: ").containsIgnoringCase("permission");
    }

    @Test
    void theAvailabilityProbeNamesTheTool() {
        CaptureAvailability probe = CaptureAvailability.probe();
        assertThat(probe.available()).as(probe.reason()).isTrue();
        assertThat(probe.tool()).startsWith("tcpdump version ").contains("libpcap version");
        assertThat(probe.toString()).startsWith("packet capture available");
    }

    private static ServerSocket listener() throws Exception {
        return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    private static Socket accept(ServerSocket listener, Socket client) throws Exception {
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
        return listener.accept();
    }

    /** {@code rounds} request/response pairs of {@code size} bytes, then both close. */
    private static void exchange(ServerSocket listener, int rounds, int size) throws Exception {
        try (Socket client = new Socket(); Socket server = accept(listener, client)) {
            InputStream serverIn = server.getInputStream();
            InputStream clientIn = client.getInputStream();
            for (int r = 0; r < rounds; r++) {
                client.getOutputStream().write(new byte[size]);
                serverIn.readNBytes(size);
                server.getOutputStream().write(new byte[size]);
                clientIn.readNBytes(size);
            }
        }
    }
}
