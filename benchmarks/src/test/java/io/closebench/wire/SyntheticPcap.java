package io.closebench.wire;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds pcap files byte by byte, the way the format specifies them, so the reader can be tested
 * against inputs whose every field is known: a global header and records of Ethernet, Linux cooked
 * (v1, v2) or raw-IP packets carrying IPv4 or IPv6 and TCP.
 */
final class SyntheticPcap {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    private final int snapLength;

    SyntheticPcap(ByteOrder order, boolean nanos, int linkType, int snapLength) {
        this.order = order;
        this.nanos = nanos;
        this.linkType = linkType;
        this.snapLength = snapLength;
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snapLength).putInt(linkType);
        out.writeBytes(header.array());
    }

    /** Adds a record for {@code packet} (the full packet; it is cut to the snap length here). */
    SyntheticPcap add(long epochNanos, byte[] packet) {
        int kept = Math.min(packet.length, snapLength);
        ByteBuffer record = ByteBuffer.allocate(16).order(order);
        record.putInt((int) (epochNanos / 1_000_000_000L))
                .putInt((int) (nanos ? epochNanos % 1_000_000_000L : epochNanos % 1_000_000_000L / 1_000))
                .putInt(kept).putInt(packet.length);
        out.writeBytes(record.array());
        out.write(packet, 0, kept);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A TCP segment in its IP packet, without a link header. */
    static byte[] ip(InetAddress src, int srcPort, InetAddress dst, int dstPort, int flags, long seq, long ack,
                     int window, int payload, byte[] options) {
        int tcpHeader = 20 + options.length;
        ByteBuffer tcp = ByteBuffer.allocate(tcpHeader + payload);
        tcp.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) ((tcpHeader / 4) << 4)).put((byte) flags).putShort((short) window).putShort((short) 0)
                .putShort((short) 0).put(options);
        byte[] segment = tcp.array();
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        if (s.length == 4) {
            ByteBuffer ip = ByteBuffer.allocate(20 + segment.length);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + segment.length)).putShort((short) 1)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(s).put(d).put(segment);
            return ip.array();
        }
        ByteBuffer ip = ByteBuffer.allocate(40 + segment.length);
        ip.putInt(0x60000000).putShort((short) segment.length).put((byte) 6).put((byte) 64).put(s).put(d).put(segment);
        return ip.array();
    }

    /** The IP packet behind an Ethernet header. */
    static byte[] ethernet(byte[] ipPacket, boolean vlan) {
        int type = (ipPacket[0] >> 4) == 4 ? 0x0800 : 0x86dd;
        ByteBuffer frame = ByteBuffer.allocate(14 + (vlan ? 4 : 0) + ipPacket.length);
        frame.put(new byte[] {2, 0, 0, 0, 0, 1}).put(new byte[] {2, 0, 0, 0, 0, 2});
        if (vlan) {
            frame.putShort((short) 0x8100).putShort((short) 7);
        }
        frame.putShort((short) type).put(ipPacket);
        return frame.array();
    }

    /** The IP packet behind a Linux cooked v1 header. */
    static byte[] sll(byte[] ipPacket) {
        int type = (ipPacket[0] >> 4) == 4 ? 0x0800 : 0x86dd;
        ByteBuffer frame = ByteBuffer.allocate(16 + ipPacket.length);
        frame.putShort((short) 4).putShort((short) 772).putShort((short) 6).put(new byte[8]).putShort((short) type)
                .put(ipPacket);
        return frame.array();
    }

    /** The IP packet behind a Linux cooked v2 header. */
    static byte[] sll2(byte[] ipPacket) {
        int type = (ipPacket[0] >> 4) == 4 ? 0x0800 : 0x86dd;
        ByteBuffer frame = ByteBuffer.allocate(20 + ipPacket.length);
        frame.putShort((short) type).putShort((short) 0).putInt(1).putShort((short) 772).put((byte) 4).put((byte) 6)
                .put(new byte[8]).put(ipPacket);
        return frame.array();
    }

    /** MSS 65495, SACK permitted, timestamps, window scale 7: what Linux puts on a SYN. */
    static byte[] synOptions(long tsval) {
        return ByteBuffer.allocate(20).put(new byte[] {2, 4, (byte) 0xff, (byte) 0xd7, 4, 2, 8, 10})
                .putInt((int) tsval).putInt(0).put(new byte[] {1, 3, 3, 7}).array();
    }
}
