package io.closebench.cable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Child program for {@link DeadHostConnectReportsTest}, run inside the server's namespace: {@code n}
 * non-blocking connects to {@code address:port}, one after another from local ports
 * {@code firstPort}, {@code firstPort + 1}, ... (so that the order of their SYNs is the order of
 * the ports), then waits for each to end. Prints {@code CONNECTED port} or {@code FAILED port
 * message} per connect, then {@code DONE}, or {@code PENDING port} for each still open after
 * {@code seconds}.
 */
public final class DeadHostConnectsMain {

    private DeadHostConnectsMain() {
    }

    public static void main(String[] args) throws IOException {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int firstPort = Integer.parseInt(args[3]);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < n; i++) {
                SocketChannel c = SocketChannel.open();
                c.bind(new InetSocketAddress(firstPort + i));
                c.configureBlocking(false);
                if (c.connect(new InetSocketAddress(address, port))) {
                    System.out.println("CONNECTED " + (firstPort + i));
                    c.close();
                } else {
                    c.register(selector, SelectionKey.OP_CONNECT, firstPort + i);
                }
            }
            while (!selector.keys().isEmpty() && System.nanoTime() - until < 0) {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    try {
                        c.finishConnect();
                        System.out.println("CONNECTED " + k.attachment());
                    } catch (IOException e) {
                        System.out.println("FAILED " + k.attachment() + " " + e.getMessage());
                    }
                    k.cancel();
                    c.close();
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey k : selector.keys()) {
                System.out.println("PENDING " + k.attachment());
                k.channel().close();
            }
        }
        System.out.println("DONE");
    }
}
