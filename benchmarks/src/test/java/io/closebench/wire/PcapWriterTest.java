package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pcap writer: what it writes reads back as written, by this reader and by tcpdump's; its bound holds. */
@Timeout(30)
class PcapWriterTest {

    private static final long T = 1_764_063_754_123_456_789L;

    @TempDir
    Path dir;

    @Test
    void whatItWritesReadsBackPacketForPacketWithNanosecondTimes() throws Exception {
        PcapFile source = twoPackets();
        Path file = dir.resolve("out.pcap");
        try (PcapWriter w = new PcapWriter(file, source.linkTypeCode(), source.snapLength(), 1 << 20)) {
            for (PcapPacket p : source.packets()) {
                assertThat(w.write(p)).isTrue();
            }
            assertThat(w.packets()).isEqualTo(2);
            assertThat(w.cut()).isFalse();
        }
        PcapFile back = PcapFile.read(file);
        assertThat(back.nanosecondTimestamps()).isTrue();
        assertThat(back.linkTypeCode()).isEqualTo(source.linkTypeCode());
        assertThat(back.snapLength()).isEqualTo(source.snapLength());
        assertThat(back.partialTailBytes()).isZero();
        assertThat(back.packets()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(back.packets().get(i).epochNanos()).isEqualTo(source.packets().get(i).epochNanos());
            assertThat(back.packets().get(i).originalLength()).isEqualTo(source.packets().get(i).originalLength());
            assertThat(back.packets().get(i).data()).isEqualTo(source.packets().get(i).data());
        }
    }

    @Test
    void tcpdumpsOwnReaderOpensWhatItWrites() throws Exception {
        Assumptions.assumeTrue(Tcpdump.binary().isPresent(), "tcpdump is not installed");
        PcapFile source = twoPackets();
        Path file = dir.resolve("out.pcap");
        try (PcapWriter w = new PcapWriter(file, source.linkTypeCode(), source.snapLength(), 1 << 20)) {
            for (PcapPacket p : source.packets()) {
                w.write(p);
            }
        }
        CommandResult read = BoundedCommand.run(Duration.ofSeconds(10), List.of("tcpdump", "-n", "-r", file.toString()));
        assertThat(read.succeeded()).as(read.stderr()).isTrue();
        assertThat(read.stdout().lines()).hasSize(2);
        assertThat(read.stdout()).contains("127.0.0.1.40000 > 127.0.0.2.5555: Flags [S]");
    }

    @Test
    void aPacketThatWouldCrossTheBoundIsLeftOutAndTheFileSaysItWasCut() throws Exception {
        PcapFile source = twoPackets();
        Path file = dir.resolve("out.pcap");
        long firstOnly = 24 + 16 + source.packets().get(0).data().length;
        try (PcapWriter w = new PcapWriter(file, source.linkTypeCode(), source.snapLength(), firstOnly)) {
            assertThat(w.write(source.packets().get(0))).isTrue();
            assertThat(w.write(source.packets().get(1))).isFalse();
            assertThat(w.cut()).isTrue();
        }
        assertThat(Files.size(file)).isEqualTo(firstOnly);
        assertThat(PcapFile.read(file).packets()).hasSize(1);
    }

    @Test
    void aWriterGivenNoPacketLeavesNoFile() throws Exception {
        Path file = dir.resolve("none.pcap");
        try (PcapWriter w = new PcapWriter(file, 1, 128, 1 << 20)) {
            assertThat(w.wroteAny()).isFalse();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aPacketLongerThanTheDeclaredSnapLengthIsRefused() {
        PcapWriter w = new PcapWriter(dir.resolve("x.pcap"), 1, 16, 1 << 20);
        assertThatThrownBy(() -> w.write(new PcapPacket(T, 40, new byte[40])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snap length 16");
    }

    private static PcapFile twoPackets() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.1");
        InetAddress b = InetAddress.getByName("127.0.0.2");
        byte[] syn = SyntheticPcap.ip(a, 40_000, b, 5555, TcpFlags.SYN, 7, 0, 65_495, 0, SyntheticPcap.synOptions(77));
        byte[] data = SyntheticPcap.ip(b, 5555, a, 40_000, TcpFlags.PSH | TcpFlags.ACK, 1, 8, 512, 1000, new byte[0]);
        return PcapFile.parse(new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 1, 128)
                .add(T, SyntheticPcap.ethernet(syn, false)).add(T + 5, SyntheticPcap.ethernet(data, true)).bytes(), "t");
    }
}
