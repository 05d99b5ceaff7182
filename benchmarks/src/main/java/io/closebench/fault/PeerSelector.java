package io.closebench.fault;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The in-process peer's own selector and the thread that waits on it, for the cases where the peer
 * is an event-loop server ({@link PeerChannel#registered()}): the peer's channel is registered
 * with an empty interest set, and the thread sleeps in {@code select()} with no timeout, so the
 * only thing that makes it select again is a {@link #wakeup()}. When {@code select()} returns, the
 * JDK has just flushed the cancelled keys, which is when a closed registered channel is really
 * closed: {@link #firstWokeAt()} is that instant.
 *
 * <p>The thread is started by the harness thread and inherits its CPUs (the peer's). It is asleep
 * in the kernel before {@link #register} returns, so that a close cannot slip in before the
 * selector waits, where the {@link AsleepProbe} can see it; where it cannot (a peer host without
 * {@code /proc}), a pause of a millisecond stands in.
 */
final class PeerSelector implements AutoCloseable {

    private static final long ASLEEP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Selector selector;
    private final LongSupplier clock;
    private final AsleepProbe probe;
    private final Thread thread;
    private volatile BooleanSupplier asleep;
    private volatile long firstWokeAt = Long.MIN_VALUE;
    private volatile boolean stopping;

    private PeerSelector(Selector selector, LongSupplier clock, AsleepProbe probe) {
        this.selector = selector;
        this.clock = clock;
        this.probe = probe;
        this.thread = new Thread(this::run, "closebench-peer-selector");
        this.thread.setDaemon(true);
    }

    /**
     * Makes {@code channel} non-blocking, registers it (interest: none) with a new selector and starts
     * the selector's thread; returns once that thread is seen asleep in {@code select()}.
     */
    static PeerSelector register(SocketChannel channel, LongSupplier clock, AsleepProbe probe) throws IOException {
        Selector selector = Selector.open();
        try {
            channel.configureBlocking(false);
            channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        PeerSelector s = new PeerSelector(selector, clock, probe);
        s.thread.start();
        s.awaitAsleep();
        return s;
    }

    private void run() {
        asleep = probe.watchCurrentThread();
        try {
            while (!stopping) {
                selector.select();
                if (firstWokeAt == Long.MIN_VALUE) {
                    firstWokeAt = clock.getAsLong();
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            // the selector was closed under it: the peer is being torn down
        }
    }

    private void awaitAsleep() {
        long until = System.nanoTime() + ASLEEP_WAIT_NANOS;
        while (System.nanoTime() - until < 0) {
            BooleanSupplier check = asleep;
            if (check != null && check.getAsBoolean()) {
                return;
            }
            if (check != null && probe == AsleepProbe.NONE) {
                break;
            }
            Thread.yield();
        }
        // not visible here (no /proc): a short pause instead, as ObserverThread does
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the selector select again: the JDK then flushes the cancelled keys. */
    void wakeup() {
        selector.wakeup();
    }

    /** When {@code select()} first returned, on the clock's scale; {@code Long.MIN_VALUE} while it has not. */
    long firstWokeAt() {
        return firstWokeAt;
    }

    /** Waits until the selector has returned from {@code select()}, or {@code deadline}; returns {@link #firstWokeAt()}. */
    long awaitWoken(long deadline) {
        while (firstWokeAt == Long.MIN_VALUE && deadline - clock.getAsLong() > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        return firstWokeAt;
    }

    /** Stops the thread (which flushes the keys on its way out) and closes the selector. */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // teardown
        }
    }
}
