package io.closebench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pcap reader against files built field by field: both magics, both byte orders, every link type. */
@Timeout(10)
class PcapReadingTest {

    private static final long T = 1_764_063_754_123_456_789L;

    @Test
    void aNanosecondLittleEndianEthernetFileYieldsEverySegmentFieldAsWritten() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.1");
        InetAddress b = InetAddress.getByName("127.0.0.2");
        byte[] syn = SyntheticPcap.ip(a, 40_000, b, 5555, TcpFlags.SYN, 0xfffffff0L, 0, 65_495, 0,
                SyntheticPcap.synOptions(77));
        byte[] data = SyntheticPcap.ip(b, 5555, a, 40_000, TcpFlags.PSH | TcpFlags.ACK, 1, 0xfffffff1L, 512, 1000,
                new byte[0]);
        PcapFile file = PcapFile.parse(new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 1, 128)
                .add(T, SyntheticPcap.ethernet(syn, false)).add(T + 5, SyntheticPcap.ethernet(data, true)).bytes(), "t");

        assertThat(file.nanosecondTimestamps()).isTrue();
        assertThat(file.linkType()).contains(LinkType.ETHERNET);
        assertThat(file.packets()).hasSize(2);
        assertThat(file.packets().get(1).truncated()).as("1000 bytes of payload cut at 128").isTrue();
        TcpSegments decoded = TcpSegments.decode(file);
        assertThat(decoded.notTcp()).isZero();
        assertThat(decoded.headersCut()).isZero();
        TcpSegment first = decoded.segments().get(0);
        assertThat(first.epochNanos()).isEqualTo(T);
        assertThat(first.source()).isEqualTo(new Endpoint(a, 40_000));
        assertThat(first.destination()).isEqualTo(new Endpoint(b, 5555));
        assertThat(first.flags().syn()).isTrue();
        assertThat(first.flags().ack()).isFalse();
        assertThat(first.sequence()).isEqualTo(0xfffffff0L);
        assertThat(first.window()).isEqualTo(65_495);
        assertThat(first.sequenceLength()).isEqualTo(1);
        assertThat(first.options().mss()).hasValue(65_495);
        assertThat(first.options().windowScale()).hasValue(7);
        assertThat(first.options().sackPermitted()).isTrue();
        assertThat(first.options().timestampValue()).hasValue(77);
        TcpSegment second = decoded.segments().get(1);
        assertThat(second.epochNanos()).isEqualTo(T + 5);
        assertThat(second.acknowledgement()).isEqualTo(0xfffffff1L);
        assertThat(second.payloadLength()).as("from the IP length, not the bytes kept").isEqualTo(1000);
        assertThat(second.flags().toString()).isEqualTo("[P.]");
        assertThat(second.index()).isEqualTo(1);
    }

    @Test
    void aMicrosecondBigEndianFileKeepsMicrosecondsAndSaysSo() {
        InetAddress a = InetAddress.getLoopbackAddress();
        byte[] rst = SyntheticPcap.ip(a, 1, a, 2, TcpFlags.RST, 5, 0, 0, 0, new byte[0]);
        PcapFile file = PcapFile.parse(new SyntheticPcap(ByteOrder.BIG_ENDIAN, false, 101, 65_535).add(T, rst).bytes(),
                "t");
        assertThat(file.nanosecondTimestamps()).isFalse();
        assertThat(file.timestampResolutionNanos()).isEqualTo(1_000);
        TcpSegment segment = TcpSegments.decode(file).segments().get(0);
        assertThat(segment.epochNanos()).isEqualTo(T / 1_000 * 1_000);
        assertThat(segment.flags().rst()).isTrue();
    }

    @Test
    void linuxCookedHeadersAndIpv6DecodeToTheSameSegment() throws Exception {
        InetAddress a = InetAddress.getByName("::1");
        InetAddress b = InetAddress.getByName("fd00::2");
        byte[] fin = SyntheticPcap.ip(a, 7, b, 8, TcpFlags.FIN | TcpFlags.ACK, 100, 200, 64, 0, new byte[0]);
        for (int link : new int[] {1, 113, 276, 101}) {
            byte[] packet = switch (link) {
                case 1 -> SyntheticPcap.ethernet(fin, false);
                case 113 -> SyntheticPcap.sll(fin);
                case 276 -> SyntheticPcap.sll2(fin);
                default -> fin;
            };
            PcapFile file = PcapFile.parse(new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, link, 128).add(T, packet)
                    .bytes(), "t");
            TcpSegment s = TcpSegments.decode(file).segments().get(0);
            assertThat(s.source()).as("link type %d", link).isEqualTo(new Endpoint(a, 7));
            assertThat(s.destination()).isEqualTo(new Endpoint(b, 8));
            assertThat(s.flags().fin()).isTrue();
            assertThat(s.sequence()).isEqualTo(100);
            assertThat(s.acknowledgement()).isEqualTo(200);
            assertThat(s.payloadLength()).isZero();
        }
    }

    @Test
    void packetsThatAreNotTcpOrWereCutInTheirHeadersAreCountedNotDropped() {
        InetAddress a = InetAddress.getLoopbackAddress();
        byte[] tcp = SyntheticPcap.ip(a, 1, a, 2, TcpFlags.ACK, 5, 6, 7, 0, SyntheticPcap.synOptions(1));
        byte[] udp = tcp.clone();
        udp[9] = 17;
        PcapFile file = PcapFile.parse(new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 1, 40)
                .add(T, SyntheticPcap.ethernet(udp, false)).add(T, SyntheticPcap.ethernet(tcp, false)).bytes(), "t");
        TcpSegments decoded = TcpSegments.decode(file);
        assertThat(decoded.segments()).isEmpty();
        assertThat(decoded.notTcp()).isEqualTo(1);
        assertThat(decoded.headersCut()).as("a 40-byte snap length cuts a 40-byte TCP header").isEqualTo(1);
    }

    @Test
    void aFileCutInsideARecordKeepsTheCompleteRecordsAndCountsTheRest() {
        InetAddress a = InetAddress.getLoopbackAddress();
        byte[] bytes = new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 101, 128)
                .add(T, SyntheticPcap.ip(a, 1, a, 2, TcpFlags.ACK, 5, 6, 7, 0, new byte[0]))
                .add(T, SyntheticPcap.ip(a, 1, a, 2, TcpFlags.ACK, 5, 6, 7, 0, new byte[0])).bytes();
        PcapFile file = PcapFile.parse(Arrays.copyOf(bytes, bytes.length - 3), "t");
        assertThat(file.packets()).hasSize(1);
        assertThat(file.partialTailBytes()).isEqualTo(16 + 40 - 3);
    }

    @Test
    void pcapngAndForeignFilesAreRefusedWithTheReason() {
        byte[] pcapng = new byte[32];
        pcapng[0] = 0x0a;
        pcapng[1] = 0x0d;
        pcapng[2] = 0x0d;
        pcapng[3] = 0x0a;
        assertThatThrownBy(() -> PcapFile.parse(pcapng, "x.pcapng")).isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("pcapng");
        assertThatThrownBy(() -> PcapFile.parse(new byte[30], "zero")).hasMessageContaining("not a pcap file");
        assertThatThrownBy(() -> PcapFile.parse(new byte[3], "short")).hasMessageContaining("shorter");
        PcapFile unknownLink = PcapFile.parse(new SyntheticPcap(ByteOrder.LITTLE_ENDIAN, true, 147, 128).bytes(), "u");
        assertThatThrownBy(() -> TcpSegments.decode(unknownLink)).hasMessageContaining("link type 147");
    }
}
