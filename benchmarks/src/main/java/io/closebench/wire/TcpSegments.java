package io.closebench.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TCP segments of a pcap file, decoded link layer, IPv4 or IPv6, then TCP, and a count of every
 * packet that did not yield one, so that nothing is dropped unseen: packets that are not TCP
 * (ARP, ICMP, UDP, IPv4 fragments after the first, IPv6 with extension headers), and packets whose
 * headers the snap length cut.
 *
 * @param segments  decoded segments, in file order
 * @param notTcp    packets that carry no TCP header
 * @param headersCut packets that are TCP but were captured too short to hold the whole TCP header
 */
public record TcpSegments(List<TcpSegment> segments, int notTcp, int headersCut) {

    private static final int PROTOCOL_TCP = 6;

    public TcpSegments {
        segments = List.copyOf(segments);
    }

    /**
     * Decodes every packet of the file.
     *
     * @throws PcapFormatException when the file's link type is not one of {@link LinkType}
     */
    public static TcpSegments decode(PcapFile file) {
        LinkType link = file.linkType().orElseThrow(() -> new PcapFormatException(
                "link type " + file.linkTypeCode() + " is not decoded (only " + List.of(LinkType.values()) + ")"));
        List<TcpSegment> segments = new ArrayList<>();
        int notTcp = 0;
        int cut = 0;
        for (int i = 0; i < file.packets().size(); i++) {
            PcapPacket packet = file.packets().get(i);
            Decoded decoded = decodeOne(i, packet, link);
            switch (decoded.kind) {
                case SEGMENT -> segments.add(decoded.segment);
                case NOT_TCP -> notTcp++;
                case CUT -> cut++;
                default -> throw new IllegalStateException(decoded.kind.name());
            }
        }
        return new TcpSegments(segments, notTcp, cut);
    }

    private enum Kind { SEGMENT, NOT_TCP, CUT }

    private record Decoded(Kind kind, TcpSegment segment) {
        static final Decoded NOT_TCP = new Decoded(Kind.NOT_TCP, null);
        static final Decoded CUT = new Decoded(Kind.CUT, null);
    }

    private static Decoded decodeOne(int index, PcapPacket packet, LinkType link) {
        Optional<LinkFrame> frame = LinkFrame.of(packet.data(), link);
        if (frame.isEmpty()) {
            return Decoded.CUT;
        }
        int network = frame.get().network();
        // bytes the packet had beyond the link header, from its original length
        int ipBytesOnWire = packet.originalLength() - network;
        if (frame.get().ethertype() == LinkFrame.ETHERTYPE_IPV4) {
            return ipv4(index, packet, network, ipBytesOnWire);
        }
        if (frame.get().ethertype() == LinkFrame.ETHERTYPE_IPV6) {
            return ipv6(index, packet, network);
        }
        return Decoded.NOT_TCP;
    }

    private static Decoded ipv4(int index, PcapPacket packet, int at, int ipBytesOnWire) {
        byte[] d = packet.data();
        if (d.length < at + 20) {
            return Decoded.CUT;
        }
        int headerLength = (d[at] & 0x0f) * 4;
        int protocol = d[at + 9] & 0xff;
        int fragment = TcpOptions.u16(d, at + 6) & 0x1fff;
        if (protocol != PROTOCOL_TCP || fragment != 0) {
            return Decoded.NOT_TCP;
        }
        int totalLength = TcpOptions.u16(d, at + 2);
        // 0 in a GSO packet larger than 64 KiB (IPv4 BIG TCP): the length is the packet's own
        int ipLength = totalLength == 0 ? ipBytesOnWire : totalLength;
        InetAddress source = address(d, at + 12, 4);
        InetAddress destination = address(d, at + 16, 4);
        return tcp(index, packet, at + headerLength, ipLength - headerLength, source, destination);
    }

    private static Decoded ipv6(int index, PcapPacket packet, int at) {
        byte[] d = packet.data();
        if (d.length < at + 40) {
            return Decoded.CUT;
        }
        if ((d[at + 6] & 0xff) != PROTOCOL_TCP) {
            return Decoded.NOT_TCP;
        }
        int payloadLength = TcpOptions.u16(d, at + 4);
        InetAddress source = address(d, at + 8, 16);
        InetAddress destination = address(d, at + 24, 16);
        return tcp(index, packet, at + 40, payloadLength, source, destination);
    }

    private static Decoded tcp(int index, PcapPacket packet, int at, int tcpLength, InetAddress source,
                               InetAddress destination) {
        byte[] d = packet.data();
        if (d.length < at + 20) {
            return Decoded.CUT;
        }
        int headerLength = ((d[at + 12] & 0xff) >> 4) * 4;
        if (d.length < at + headerLength) {
            return Decoded.CUT;
        }
        TcpSegment segment = new TcpSegment(index, packet.epochNanos(),
                new Endpoint(source, TcpOptions.u16(d, at)), new Endpoint(destination, TcpOptions.u16(d, at + 2)),
                new TcpFlags(d[at + 13] & 0xff), TcpOptions.u32(d, at + 4), TcpOptions.u32(d, at + 8),
                TcpOptions.u16(d, at + 14), Math.max(0, tcpLength - headerLength),
                TcpOptions.parse(d, at + 20, at + headerLength));
        return new Decoded(Kind.SEGMENT, segment);
    }

    static InetAddress address(byte[] d, int at, int length) {
        byte[] raw = new byte[length];
        System.arraycopy(d, at, raw, 0, length);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a " + length + "-byte address is always valid", e);
        }
    }
}
