package io.closebench.bench;

import io.closebench.run.CaseRunner;
import io.closebench.transport.SelectorLoop;
import io.closebench.transport.SocketApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Background connections that stream at a fixed rate while a case is measured, so that detection
 * competes as it does in a busy server: for the NIO observer they are serviced by the same selector
 * on the same thread that detects (an event loop); for the blocking observer each has its own
 * thread blocked in read (thread-per-connection), as a blocking server would.
 *
 * <p>Each connection receives {@value #MESSAGE_BYTES}-byte messages at {@value #MESSAGES_PER_SECOND}
 * per second from one pacing sender thread, on an absolute schedule (no drift). The sender never
 * blocks: a message that does not fit in the socket buffer is counted as dropped, so a slow consumer
 * shows in the counts rather than in a stalled sender. Bounded: it stops when the trial ends.
 */
final class BackgroundLoad implements AutoCloseable {

    static final int MESSAGE_BYTES = 256;
    static final int MESSAGES_PER_SECOND = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final List<SocketChannel> senders = new ArrayList<>();
    private final List<AutoCloseable> consumers = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Thread pacer;
    private volatile boolean running = true;

    private BackgroundLoad(int connections, CaseRunner runner) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections + 1);
            for (int i = 0; i < connections; i++) {
                SocketChannel sender = SocketChannel.open(listener.getLocalAddress());
                sender.configureBlocking(false);
                senders.add(sender);
                SocketChannel accepted = listener.accept();
                if (runner.api() == SocketApi.NIO) {
                    consumers.add(runner.onObserver(() -> registerConsumer(accepted, runner.selectorLoop())));
                } else {
                    consumers.add(threadPerConnection(accepted.socket()));
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        pacer = new Thread(this::pace, "closebench-load-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    /** Starts {@code connections} streaming connections consumed the way {@code runner}'s observer consumes. */
    static BackgroundLoad start(int connections, CaseRunner runner) throws IOException {
        return new BackgroundLoad(connections, runner);
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    long received() {
        return received.get();
    }

    private AutoCloseable registerConsumer(SocketChannel channel, SelectorLoop loop) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        SelectionKey key = channel.register(loop.selector(), SelectionKey.OP_READ, (SelectorLoop.ReadyHandler) k -> {
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n > 0) {
                    received.addAndGet(n);
                } else if (n < 0) {
                    k.cancel();
                }
            } catch (IOException e) {
                k.cancel();
            }
        });
        return () -> {
            key.cancel();
            channel.close();
        };
    }

    private AutoCloseable threadPerConnection(Socket socket) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                // the socket was closed at the end of the trial
            }
        }, "closebench-load-reader");
        t.setDaemon(true);
        t.start();
        return () -> {
            socket.close();
            t.join(TimeUnit.SECONDS.toMillis(5));
        };
    }

    private void pace() {
        ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
        // per tick, this many connections get a message, in turn: n * rate * tick
        double perTick = senders.size() * MESSAGES_PER_SECOND * (TICK_NANOS / 1e9);
        double owed = 0;
        int next = 0;
        long tick = System.nanoTime();
        while (running) {
            owed += perTick;
            while (owed >= 1 && running) {
                owed -= 1;
                SocketChannel s = senders.get(next);
                next = (next + 1) % senders.size();
                message.clear();
                try {
                    if (s.write(message) == MESSAGE_BYTES) {
                        sent.incrementAndGet();
                    } else {
                        dropped.incrementAndGet();
                    }
                } catch (IOException e) {
                    dropped.incrementAndGet();
                }
            }
            tick += TICK_NANOS;
            LockSupport.parkNanos(tick - System.nanoTime());
        }
    }

    @Override
    public void close() {
        running = false;
        if (pacer != null) {
            try {
                pacer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SocketChannel s : senders) {
            try {
                s.close();
            } catch (IOException ignored) {
                // teardown
            }
        }
        for (AutoCloseable c : consumers) {
            try {
                c.close();
            } catch (Exception ignored) {
                // teardown
            }
        }
    }
}
