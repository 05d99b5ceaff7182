package io.closebench.wire;

import io.closebench.fault.ChildLifetime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The client host of {@code PulledCableWireTest}: opens three connections to the server, one after
 * the other, prints {@code CONNECTED}, and never reads or writes again. Halts after 60 s.
 */
public final class PulledCableClientMain {

    private PulledCableClientMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildLifetime.haltAfter(60);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        List<SocketChannel> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(SocketChannel.open(server));
        }
        System.out.println("CONNECTED");
        System.out.flush();
        Thread.sleep(60_000);
        held.clear();
    }
}
