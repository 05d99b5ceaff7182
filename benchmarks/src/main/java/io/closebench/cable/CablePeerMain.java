package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildLifetime;
import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The client host: a child JVM started inside the client's network namespace. It opens the
 * requested connections to the server, then answers every ping byte ({@code P}) with a pong
 * ({@code p}) and discards everything else, on one selector. It is the process the faults kill or
 * freeze. Reports {@code CONNECTED port localPort} per connection and {@code ALL_CONNECTED}; halts
 * when stdin closes or after its time cap. {@code TCP_NODELAY} is on so that a pong is never held
 * back by Nagle's algorithm: the heartbeat measures the peer, not the client's batching.
 *
 * <p>On {@code FAULT} (its stdin) it stops reading every connection and answering pings, and
 * lives on: the application is stuck, its kernel is not (fault f).
 *
 * <p>Arguments: {@code serverAddress capSeconds peerCpus [rcvbuf=BYTES] [listen=[ADDR:]PORT] port:count...};
 * {@code peerCpus} is a CPU list or "unpinned"; {@code rcvbuf} sets {@code SO_RCVBUF} on every
 * connection before it connects; {@code listen} opens a service port, the one the server connects
 * to again in the reconnect faults.
 */
public final class CablePeerMain {

    private static volatile boolean stopReading;
    /** Held for the program's life: the service port stays open until the host dies. */
    private static ServerSocketChannel service;

    private CablePeerMain() {
    }

    public static void main(String[] args) throws IOException {
        ChildReporter out = new ChildReporter();
        ChildLifetime.haltAfter(Long.parseLong(args[1]));
        if (!args[2].equals("unpinned")) {
            Affinity.pinCurrentThread(CpuSet.parse(args[2]));
        }
        Selector selector = Selector.open();
        ChildLifetime.followStdin(line -> {
            if (line.startsWith(Word.FAULT.name())) {
                stopReading = true;
                selector.wakeup();
            }
        });
        int receiveBuffer = 0;
        try {
            for (int i = 3; i < args.length; i++) {
                if (args[i].startsWith("rcvbuf=")) {
                    receiveBuffer = Integer.parseInt(args[i].substring("rcvbuf=".length()));
                    continue;
                }
                if (args[i].startsWith("listen=")) {
                    // PORT (every address of the namespace's host) or ADDR:PORT (a peer agent's own address only)
                    String where = args[i].substring("listen=".length());
                    int colon = where.lastIndexOf(':');
                    service = ServerSocketChannel.open();
                    service.bind(colon < 0 ? new InetSocketAddress(Integer.parseInt(where))
                            : new InetSocketAddress(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1))));
                    continue;
                }
                String[] pc = args[i].split(":");
                int port = Integer.parseInt(pc[0]);
                for (int n = Integer.parseInt(pc[1]); n > 0; n--) {
                    SocketChannel ch = SocketChannel.open();
                    if (receiveBuffer > 0) {
                        ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
                    }
                    ch.socket().connect(new InetSocketAddress(args[0], port), 5000);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, new int[1]);
                    out.line(ChildMessage.of(Word.CONNECTED, port, ch.socket().getLocalPort()));
                }
            }
        } catch (IOException | RuntimeException e) {
            out.line(ChildMessage.of(Word.FAILED, e));
            Runtime.getRuntime().halt(2);
        }
        out.line(ChildMessage.of(Word.ALL_CONNECTED));
        ByteBuffer in = ByteBuffer.allocate(8192);
        ByteBuffer pongs = ByteBuffer.allocate(8192);
        while (true) {
            selector.select();
            if (stopReading) {
                for (SelectionKey key : selector.keys()) {
                    key.interestOps(0);
                }
                selector.selectedKeys().clear();
                continue;
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                answer(key, in, pongs);
            }
        }
    }

    /** Reads what arrived and writes one pong per ping; owed pongs wait for OP_WRITE. */
    private static void answer(SelectionKey key, ByteBuffer in, ByteBuffer pongs) {
        SocketChannel ch = (SocketChannel) key.channel();
        int[] owed = (int[]) key.attachment();
        try {
            if (key.isReadable()) {
                in.clear();
                int n = ch.read(in);
                if (n < 0) {
                    key.cancel();
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (in.get(i) == ObservedConnection.PING) {
                        owed[0]++;
                    }
                }
            }
            while (owed[0] > 0) {
                pongs.clear();
                int k = Math.min(owed[0], pongs.capacity());
                for (int i = 0; i < k; i++) {
                    pongs.put(ObservedConnection.PONG);
                }
                pongs.flip();
                int written = ch.write(pongs);
                owed[0] -= written;
                if (written < k) {
                    break;
                }
            }
            key.interestOps(owed[0] > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException e) {
            key.cancel();
        }
    }
}
