package io.closebench.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One {@link Selector} and the loop that waits on it. A connection waiting for readiness runs the
 * loop until its own key is ready; keys of other channels registered on the same selector (the
 * background load connections) are serviced on the way through their {@link ReadyHandler}
 * attachment. That is how an NIO program really detects a connection's end: in a loop shared with
 * all its other connections, not alone.
 *
 * <p>Not thread-safe: one thread at a time (the executor hand-off orders successive users).
 */
public final class SelectorLoop implements EventLoop {

    /** What a non-observed channel sharing the selector does when it is ready. */
    public interface ReadyHandler {
        void onReady(SelectionKey key);
    }

    private final Selector selector;
    private final LongSupplier clock;

    public SelectorLoop(LongSupplier clock) {
        this.clock = clock;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Selector selector() {
        return selector;
    }

    /**
     * Waits until {@code key} is ready for any of {@code ops} or until {@code deadline}; services
     * other ready keys meanwhile. Returns false when the deadline passed first. A key cancelled
     * meanwhile (another thread closed its channel) ends the wait as soon as the selector notices,
     * returning true: the caller's next call on the channel then reports it closed. The selector
     * does not notice by itself: closing a registered channel does not wake a thread in
     * {@code select()} (X4); it notices when something else wakes it.
     */
    public boolean await(SelectionKey key, int ops, long deadline) throws IOException {
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException closedMeanwhile) {
            return true;
        }
        try {
            while (true) {
                long remaining = deadline - clock.getAsLong();
                if (remaining <= 0) {
                    return false;
                }
                // select takes whole milliseconds and 0 means "forever": round up, at least 1
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
                boolean mine = false;
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey ready = it.next();
                    it.remove();
                    if (ready == key) {
                        mine = true;
                    } else if (ready.isValid() && ready.attachment() instanceof ReadyHandler handler) {
                        handler.onReady(ready);
                    }
                }
                if (mine) {
                    return true;
                }
                if (!key.isValid()) {
                    // closed meanwhile; but a select that returned only because its time ran out is the deadline
                    return deadline - clock.getAsLong() > 0;
                }
            }
        } finally {
            // interest only while someone waits: a channel at EOF or in error stays ready (level-triggered),
            // and left registered for it would make every idle select return at once, a busy loop
            try {
                key.interestOps(0);
            } catch (CancelledKeyException closedMeanwhile) {
                // another thread closed the channel: nothing to clear
            }
        }
    }

    /**
     * Services the other channels until woken up or {@code timeoutMillis} passed: what an event
     * loop does between tasks. Returns at once if {@link #wakeup()} was called since the last select.
     */
    @Override
    public void serviceIdle(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey ready = it.next();
            it.remove();
            if (ready.isValid() && ready.attachment() instanceof ReadyHandler handler) {
                handler.onReady(ready);
            }
        }
    }

    /**
     * Deregisters cancelled keys now. A registered channel's close() only takes effect (the fd is
     * released) when its selector next selects; this makes that happen at once.
     */
    public void flushCancelledKeys() throws IOException {
        selector.selectNow();
        selector.selectedKeys().clear();
    }

    /** Makes a thread in {@link #serviceIdle} return, so that it can take a new task. */
    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing useful to do at teardown
        }
    }
}
