package io.closebench.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The packets around a dead peer's TCP segments that decide when its connections end: the ARP
 * requests a host sends while it resolves the peer's link-layer address, and the ICMP
 * destination-unreachable reports its kernel delivers to itself for each segment that waited in
 * vain (each quoting the segment's TCP header, which names its connection). IPv4 only: ARP is.
 *
 * @param arpRequests   ARP requests, in file order
 * @param unreachables  ICMP destination-unreachable messages quoting a TCP segment, in file order
 */
public record LinkEvents(List<ArpRequest> arpRequests, List<Unreachable> unreachables) {

    private static final int PROTOCOL_ICMP = 1;
    private static final int PROTOCOL_TCP = 6;
    private static final int ICMP_DEST_UNREACH = 3;

    public LinkEvents {
        arpRequests = List.copyOf(arpRequests);
        unreachables = List.copyOf(unreachables);
    }

    /**
     * One ARP request.
     *
     * @param epochNanos when it was captured
     * @param sender     the address of the host asking
     * @param target     the address it asks for
     */
    public record ArpRequest(long epochNanos, InetAddress sender, InetAddress target) {
    }

    /**
     * One ICMP destination unreachable, with the TCP segment it reports.
     *
     * @param epochNanos when it was captured
     * @param code       the ICMP code: 1 host unreachable, 3 port unreachable ...
     * @param segment    the reported segment's endpoints, as it was sent (source: the host that sent it)
     * @param sequence   the reported segment's sequence number
     * @param syn        the reported segment was a SYN; empty when the quote was too short to hold the flags
     */
    public record Unreachable(long epochNanos, int code, FourTuple segment, long sequence, Optional<Boolean> syn) {

        /** The ICMP code Linux uses when the neighbour's address could not be resolved. */
        public static final int HOST_UNREACHABLE = 1;

        /** True when it reports a segment of {@code connection}, sent by either side. */
        public boolean reports(FourTuple connection) {
            return segment.equals(connection)
                    || (segment.observer().equals(connection.peer()) && segment.peer().equals(connection.observer()));
        }
    }

    /** Decodes the ARP requests and ICMP unreachables of {@code file}; every other packet is passed over. */
    public static LinkEvents decode(PcapFile file) {
        LinkType link = file.linkType().orElseThrow(() -> new PcapFormatException(
                "link type " + file.linkTypeCode() + " is not decoded (only " + List.of(LinkType.values()) + ")"));
        List<ArpRequest> arp = new ArrayList<>();
        List<Unreachable> icmp = new ArrayList<>();
        for (PcapPacket packet : file.packets()) {
            Optional<LinkFrame> frame = LinkFrame.of(packet.data(), link);
            if (frame.isEmpty()) {
                continue;
            }
            byte[] d = packet.data();
            int at = frame.get().network();
            if (frame.get().ethertype() == LinkFrame.ETHERTYPE_ARP) {
                arpRequest(packet.epochNanos(), d, at).ifPresent(arp::add);
            } else if (frame.get().ethertype() == LinkFrame.ETHERTYPE_IPV4) {
                unreachable(packet.epochNanos(), d, at).ifPresent(icmp::add);
            }
        }
        return new LinkEvents(arp, icmp);
    }

    /** An Ethernet/IPv4 ARP request: operation 1, hardware length 6, protocol length 4. */
    private static Optional<ArpRequest> arpRequest(long at, byte[] d, int o) {
        if (d.length < o + 28 || TcpOptions.u16(d, o + 2) != LinkFrame.ETHERTYPE_IPV4 || (d[o + 4] & 0xff) != 6
                || (d[o + 5] & 0xff) != 4 || TcpOptions.u16(d, o + 6) != 1) {
            return Optional.empty();
        }
        return Optional.of(new ArpRequest(at, TcpSegments.address(d, o + 14, 4), TcpSegments.address(d, o + 24, 4)));
    }

    /** An ICMP destination unreachable whose quote holds at least a TCP segment's ports and sequence. */
    private static Optional<Unreachable> unreachable(long at, byte[] d, int o) {
        if (d.length < o + 20 || (d[o + 9] & 0xff) != PROTOCOL_ICMP) {
            return Optional.empty();
        }
        int icmp = o + (d[o] & 0x0f) * 4;
        if (d.length < icmp + 8 + 20 || (d[icmp] & 0xff) != ICMP_DEST_UNREACH) {
            return Optional.empty();
        }
        int quoted = icmp + 8;
        if ((d[quoted + 9] & 0xff) != PROTOCOL_TCP) {
            return Optional.empty();
        }
        int tcp = quoted + (d[quoted] & 0x0f) * 4;
        if (d.length < tcp + 8) {
            return Optional.empty();
        }
        Endpoint source = new Endpoint(TcpSegments.address(d, quoted + 12, 4), TcpOptions.u16(d, tcp));
        Endpoint destination = new Endpoint(TcpSegments.address(d, quoted + 16, 4), TcpOptions.u16(d, tcp + 2));
        Optional<Boolean> syn = d.length > tcp + 13 ? Optional.of((d[tcp + 13] & TcpFlags.SYN) != 0) : Optional.empty();
        return Optional.of(new Unreachable(at, d[icmp + 1] & 0xff, new FourTuple(source, destination),
                TcpOptions.u32(d, tcp + 4), syn));
    }
}
