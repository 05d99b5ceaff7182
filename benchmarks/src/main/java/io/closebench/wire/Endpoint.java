package io.closebench.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One end of a TCP connection as a segment names it: an IP address and a port.
 *
 * @param address IPv4 or IPv6 address
 * @param port    0-65535
 */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The endpoint of a socket address ({@code socket.getLocalSocketAddress()} and the like). */
    public static Endpoint of(InetSocketAddress address) {
        return new Endpoint(address.getAddress(), address.getPort());
    }

    @Override
    public String toString() {
        return (address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                + ":" + port;
    }
}
