package io.closebench.bench;

import io.closebench.observe.ObserverSide;
import io.closebench.placement.CpuPlan;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.WatchHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Background connections that stream at a fixed rate while a case is measured, so that detection
 * competes as it does in a busy server. The server's side of each is a connection of the observer's
 * own model, watched the way that model watches ({@link ObserverSide#watch}): a thread per
 * connection blocked in read for the blocking models (platform or virtual), the observer's own
 * event loop for NIO and Netty, the same loop that detects.
 *
 * <p>Each connection receives {@value #MESSAGE_BYTES}-byte messages at {@value #MESSAGES_PER_SECOND}
 * per second from one pacing sender thread (the clients: placed with the load generator), on an
 * absolute schedule (no drift). The sender never blocks: a message that does not fit in the socket
 * buffer is counted as dropped, so a slow consumer shows in the counts rather than in a stalled
 * sender. Bounded: it stops when the trial ends.
 */
public final class BackgroundLoad implements AutoCloseable {

    static final int MESSAGE_BYTES = 256;
    static final int MESSAGES_PER_SECOND = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<SocketChannel> senders = new ArrayList<>();
    private final List<AutoCloseable> consumers = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Thread pacer;
    private volatile boolean running = true;

    private BackgroundLoad(int connections, ObserverSide side, Optional<CpuSet> generatorCpus) throws IOException {
        WatchHandler counting = new WatchHandler() {
            @Override
            public void bytes(ByteBuffer data, long t) {
                received.addAndGet(data.remaining());
            }

            @Override
            public void ended(Outcome outcome, long t1, Throwable cause) {
                // the trial is ending: the senders are closing
            }
        };
        Listener listener = onSide(side, () -> side.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel sender = SocketChannel.open(listener.address());
                sender.configureBlocking(false);
                senders.add(sender);
                long deadline = System.nanoTime() + SETUP_NANOS;
                Connection accepted = onSide(side, () -> listener.accept(deadline));
                consumers.add(onSide(side, () -> side.watch(accepted, counting)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            onSide(side, () -> {
                listener.close();
                return null;
            });
        }
        pacer = new Thread(() -> {
            CpuPlan.pinCurrent(generatorCpus);
            pace();
        }, "closebench-load-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    /**
     * Starts {@code connections} streaming connections consumed the way {@code side}'s model
     * consumes, the sender on {@code generatorCpus}.
     */
    public static BackgroundLoad start(int connections, ObserverSide side, Optional<CpuSet> generatorCpus)
            throws IOException {
        return new BackgroundLoad(connections, side, generatorCpus);
    }

    private static <T> T onSide(ObserverSide side, java.util.concurrent.Callable<T> task) throws IOException {
        return side.thread().call(java.time.Duration.ofNanos(SETUP_NANOS), task);
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long received() {
        return received.get();
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
