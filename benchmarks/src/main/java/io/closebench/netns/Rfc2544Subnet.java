package io.closebench.netns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A point-to-point /30 carved out of 198.18.0.0/15, the block RFC 2544 (and RFC 6890) reserves
 * for network benchmarking: it is never routed on the internet and is not one of the private
 * ranges (10/8, 172.16/12, 192.168/16) that the host, a VPN or a container runtime may already
 * use, so addresses inside the test namespaces cannot shadow anything real.
 *
 * <p>Pair {@code n} gets the n-th /30 (wrapping after the 32768 that fit in the /15); the
 * server end is the first host address, the client end the second. The namespaces are isolated
 * from each other anyway, so distinct subnets per pair are not needed for correctness; they make
 * captures and {@code ss} output from different pairs impossible to confuse.
 *
 * @param serverAddress first usable address of the /30, configured on the server's veth end
 * @param clientAddress second usable address of the /30, configured on the client's veth end
 */
public record Rfc2544Subnet(Inet4Address serverAddress, Inet4Address clientAddress) {

    /** Prefix length of every subnet handed out: two hosts, network and broadcast address. */
    public static final int PREFIX_LENGTH = 30;

    private static final int BLOCK_BASE = (198 << 24) | (18 << 16);
    private static final int SUBNETS_IN_BLOCK = 1 << (32 - 15 - 2);

    /** The /30 for pair number {@code pairNumber} (any non-negative int). */
    public static Rfc2544Subnet forPair(int pairNumber) {
        if (pairNumber < 0) {
            throw new IllegalArgumentException("pair number must be >= 0: " + pairNumber);
        }
        int network = BLOCK_BASE + (pairNumber % SUBNETS_IN_BLOCK) * 4;
        return new Rfc2544Subnet(address(network + 1), address(network + 2));
    }

    /** The network itself, {@code a.b.c.d/30}, as the kernel shows its connected route. */
    public String networkCidr() {
        byte[] b = serverAddress.getAddress();
        int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8)
                | (b[3] & 0xff);
        return address(value - 1).getHostAddress() + "/" + PREFIX_LENGTH;
    }

    /** {@code a.b.c.d/30} for the server end, as {@code ip addr add} wants it. */
    public String serverCidr() {
        return serverAddress.getHostAddress() + "/" + PREFIX_LENGTH;
    }

    /** {@code a.b.c.d/30} for the client end, as {@code ip addr add} wants it. */
    public String clientCidr() {
        return clientAddress.getHostAddress() + "/" + PREFIX_LENGTH;
    }

    private static Inet4Address address(int value) {
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                (byte) value};
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }
}
