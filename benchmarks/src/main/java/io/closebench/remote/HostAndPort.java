package io.closebench.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT} ({@code [v6]:PORT} for an IPv6 literal), as {@code --peer} and {@code --listen} take it. */
public final class HostAndPort {

    private HostAndPort() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code s} */
    public static InetSocketAddress parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not HOST:PORT (e.g. 192.0.2.7:7000, [2001:db8::7]:7000)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + s + "': '" + s.substring(colon + 1) + "' is not a port (1-65535)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve '" + host + "': " + e.getMessage());
        }
    }
}
