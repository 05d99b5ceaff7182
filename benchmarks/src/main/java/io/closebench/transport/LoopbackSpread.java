package io.closebench.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several loopback addresses to listen on, so that connection churn does not run out of
 * 4-tuples. At thousands of repetitions per second the side that closes first leaves its
 * connections in TIME_WAIT for 60 s; towards a single listener that pins the ephemeral port range
 * (about 28,000 ports). Linux routes all of 127.0.0.0/8 to the loopback device, and
 * {@code connect()} picks source ports per destination, so N listening addresses give N times the
 * room. This does not depend on {@code net.ipv4.tcp_tw_reuse} (2, "loopback only", on current
 * kernels; 0 on some older ones). IPv6 has a single loopback address: no spread there.
 */
public final class LoopbackSpread {

    private LoopbackSpread() {
    }

    /** {@code count} consecutive addresses from {@code first} (127.0.0.1, 127.0.0.2, ...). */
    public static List<InetAddress> from(InetAddress first, int count) {
        if (!(first instanceof Inet4Address) || count <= 1) {
            return List.of(first);
        }
        byte[] b = first.getAddress();
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] a = b.clone();
            a[3] = (byte) ((b[3] & 0xff) + i);
            if ((a[3] & 0xff) == 0 || (a[3] & 0xff) == 255) {
                break;
            }
            try {
                addresses.add(InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(addresses);
    }
}
