package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.RealtimeToMonotonic;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a stopped capture is judged from tcpdump's counts and the file: every way it can have missed
 * a packet becomes a stated problem, and a clean one has none.
 */
@Timeout(10)
class CaptureResultTest {

    private static final RealtimeToMonotonic.Offset CLOCK = new RealtimeToMonotonic.Offset(0, 50);

    @TempDir
    Path folder;

    private CaptureSpec fileWith(int packets, String device) throws Exception {
        InetAddress a = InetAddress.getLoopbackAddress();
        SyntheticPcap pcap = new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 1, 128);
        for (int i = 0; i < packets; i++) {
            pcap.add(1_000 + i, SyntheticPcap.ethernet(SyntheticPcap.ip(a, 1, a, 2, TcpFlags.ACK, i, 0, 9, 0,
                    new byte[0]), false));
        }
        Path file = folder.resolve(device + packets + ".pcap");
        Files.write(file, pcap.bytes());
        return new CaptureSpec(file, Optional.empty(), device, BpfFilter.allTcp(), 128, 1_000);
    }

    private static Optional<PacketCapture.Statistics> stats(long captured, long received, long dropped) {
        return Optional.of(new PacketCapture.Statistics(captured, received, dropped));
    }

    private static CaptureResult assess(CaptureSpec spec, Optional<PacketCapture.Statistics> start,
                                        Optional<PacketCapture.Statistics> end, boolean killed) {
        return CaptureResult.assess(spec, start, end, killed, true, CLOCK, Duration.ZERO, Duration.ZERO, "");
    }

    @Test
    void onLoopbackEveryPacketEntersTheRingTwiceAndPacketsCountedBeforeTheFilterAreDiscounted() throws Exception {
        CaptureSpec lo = fileWith(8, "lo");
        assertThat(assess(lo, stats(0, 3, 0), stats(8, 19, 0), false).problems()).isEmpty();
        assertThat(assess(lo, stats(0, 3, 0), stats(8, 23, 0), false).problemSummary())
                .contains("entered the capture ring but were not written (4 ring entries, two per loopback packet)");
    }

    @Test
    void onOtherDevicesEachPacketEntersTheRingOnce() throws Exception {
        CaptureSpec veth = fileWith(8, "cbwire0");
        assertThat(assess(veth, stats(0, 0, 0), stats(8, 8, 0), false).complete()).isTrue();
        assertThat(assess(veth, stats(0, 0, 0), stats(8, 9, 0), false).problemSummary())
                .contains("not written (1 ring entries)");
        assertThat(assess(fileWith(8, "any"), stats(0, 0, 0), stats(8, 12, 0), false).problemSummary())
                .contains("'any' device");
    }

    @Test
    void dropsAMismatchedFileAKillAndMissingStatisticsAreEachAProblem() throws Exception {
        CaptureSpec lo = fileWith(8, "lo");
        assertThat(assess(lo, stats(0, 0, 0), stats(8, 18, 2), false).problemSummary())
                .contains("the kernel dropped 2 packets");
        assertThat(assess(lo, stats(0, 0, 0), stats(9, 18, 0), false).problemSummary())
                .contains("tcpdump captured 9 packets, the file holds 8");
        assertThat(assess(lo, stats(0, 0, 0), Optional.empty(), true).problems()).hasSize(2)
                .anyMatch(p -> p.contains("killed")).anyMatch(p -> p.contains("no statistics at its end"));
        assertThat(assess(lo, Optional.empty(), stats(8, 16, 0), false).problemSummary())
                .contains("no statistics at the start");
    }

    @Test
    void aFileCutInsideARecordIsAProblem() throws Exception {
        CaptureSpec lo = fileWith(2, "lo");
        byte[] bytes = Files.readAllBytes(lo.file());
        Files.write(lo.file(), Arrays.copyOf(bytes, bytes.length - 5));
        assertThat(assess(lo, stats(0, 0, 0), stats(1, 2, 0), false).problemSummary())
                .contains("cut record");
    }

    @Test
    void tcpdumpsStatisticsAreReadFromItsOwnWords() {
        String end = "tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 128 bytes\n"
                + "tcpdump: 0 packets captured, 2 packets received by filter, 0 packets dropped by kernel\n"
                + "1 packet captured\n18 packets received by filter\n0 packets dropped by kernel\n";
        assertThat(PacketCapture.finalStatistics(end)).contains(new PacketCapture.Statistics(1, 18, 0));
        assertThat(PacketCapture.finalStatistics("tcpdump: listening on lo\n")).isEmpty();
        assertThat(PacketCapture.requestedStatistics(
                "tcpdump: 0 packets captured, 2 packets received by filter, 0 packets dropped by kernel, "
                        + "1 packet dropped by interface")).contains(new PacketCapture.Statistics(0, 2, 0));
    }

    @Test
    void tcpdumpIsFoundOnThePathOrNotAtAll() throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path fake = Files.createFile(bin.resolve("tcpdump"));
        assertThat(Tcpdump.find(bin.toString(), java.util.List.of())).isEmpty();
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThat(Tcpdump.find(folder + ":" + bin, java.util.List.of())).contains(fake);
        assertThat(Tcpdump.find("", java.util.List.of(folder.resolve("nowhere")))).isEmpty();
    }
}
