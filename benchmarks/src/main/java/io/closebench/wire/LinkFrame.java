package io.closebench.wire;

import java.util.Optional;

/**
 * Where a captured packet's network layer starts and what it is, past the link header of its
 * {@link LinkType} (802.1Q tags skipped): the one place that reads link headers, for TCP segments
 * and for the ARP and ICMP packets around them.
 *
 * @param network   the offset of the network header in the captured bytes
 * @param ethertype what follows: {@link #ETHERTYPE_IPV4}, {@link #ETHERTYPE_IPV6}, {@link #ETHERTYPE_ARP} or another
 */
record LinkFrame(int network, int ethertype) {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;

    /** The frame of {@code d}, or empty when the snap length cut the link header itself. */
    static Optional<LinkFrame> of(byte[] d, LinkType link) {
        switch (link) {
            case ETHERNET -> {
                if (d.length < 14) {
                    return Optional.empty();
                }
                int network = 14;
                int ethertype = TcpOptions.u16(d, 12);
                while ((ethertype == ETHERTYPE_VLAN || ethertype == ETHERTYPE_QINQ) && d.length >= network + 4) {
                    ethertype = TcpOptions.u16(d, network + 2);
                    network += 4;
                }
                return Optional.of(new LinkFrame(network, ethertype));
            }
            case LINUX_SLL -> {
                return d.length < 16 ? Optional.empty() : Optional.of(new LinkFrame(16, TcpOptions.u16(d, 14)));
            }
            case LINUX_SLL2 -> {
                return d.length < 20 ? Optional.empty() : Optional.of(new LinkFrame(20, TcpOptions.u16(d, 0)));
            }
            case RAW -> {
                if (d.length < 1) {
                    return Optional.empty();
                }
                int version = (d[0] & 0xff) >> 4;
                return Optional.of(new LinkFrame(0, version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : -1));
            }
            default -> throw new IllegalStateException(link.name());
        }
    }
}
