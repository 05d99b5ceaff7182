package io.closebench.wire;

import io.closebench.fault.ChildLifetime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jdk.net.ExtendedSocketOptions;

/**
 * The server host of {@code PulledCableWireTest}, run in the server namespace: three connections
 * from the client, each left to find out about a pulled cable in its own way.
 * <ul>
 *   <li>A: sends 100 bytes after the pull, so the retransmission timer runs out
 *       ({@code tcp_retries2} as the test set it in this namespace).</li>
 *   <li>B: idle, keepalive switched on after the pull (1 s idle, 1 s interval, 3 probes).</li>
 *   <li>C: filled before the pull until the client's window shut (the client never reads), so
 *       zero-window probes run.</li>
 * </ul>
 * Arguments: bind address, port. Prints {@code LISTENING}, {@code READY portA portB portC} (the
 * client's ports) once C is full, then after {@code GO} on stdin one {@code ENDED X nanos message}
 * per connection as its blocking read fails, then {@code DONE}. Halts after 60 s.
 */
public final class PulledCableServerMain {

    private PulledCableServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildLifetime.haltAfter(60);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
            say("LISTENING");
            SocketChannel a = listener.accept();
            SocketChannel b = listener.accept();
            SocketChannel c = listener.accept();
            WireEndsMain.fillUntilBlocked(c);
            // the last sub-MSS window is filled by the probe timer's data within an RTO; let the window shut
            Thread.sleep(300);
            say("READY " + port(a) + " " + port(b) + " " + port(c));
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"GO".equals(stdin.readLine())) {
                Runtime.getRuntime().halt(4);
            }
            a.write(ByteBuffer.allocate(100));
            b.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 1);
            b.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 1);
            b.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
            b.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            c.configureBlocking(true);
            List<Thread> readers = List.of(reader("A", a), reader("B", b), reader("C", c));
            for (Thread t : readers) {
                t.join();
            }
            say("DONE");
        }
        Runtime.getRuntime().halt(0);
    }

    private static int port(SocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getRemoteAddress()).getPort();
    }

    private static Thread reader(String name, SocketChannel channel) {
        Thread t = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            String how;
            try {
                while (channel.read(buffer.clear()) >= 0) {
                    // nothing arrives over a pulled cable; a read only ends in the error
                }
                how = "EOF";
            } catch (IOException e) {
                how = e.getMessage();
            }
            say("ENDED " + name + " " + System.nanoTime() + " " + how);
        }, "read-" + name);
        t.start();
        return t;
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
