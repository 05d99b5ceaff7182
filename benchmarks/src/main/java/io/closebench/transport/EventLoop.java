package io.closebench.transport;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The readiness machinery an event-loop observer drives from its own thread: a JDK
 * {@code Selector} ({@link SelectorLoop}) or one of Netty's {@code IoHandler}s ({@link NettyLoop}).
 * Between tasks the observer thread services it, as an event loop services its other channels;
 * a new task wakes it, and that wake-up is part of what an event-loop program pays.
 */
public interface EventLoop extends AutoCloseable {

    /**
     * Services whatever is ready, waiting up to {@code timeoutMillis} for something: what an event
     * loop does between tasks. Returns early when {@link #wakeup()} was called.
     */
    void serviceIdle(long timeoutMillis) throws IOException;

    /**
     * Called once, on the thread that will drive the loop, before it first does: a loop that must
     * know its owner (Netty's) learns it here, and that it must not block while
     * {@code ownerHasWork} says the owner has a task waiting.
     */
    default void ownedBy(Thread owner, BooleanSupplier ownerHasWork) {
    }

    /** Makes a thread in {@link #serviceIdle} return, from any thread. */
    void wakeup();

    @Override
    void close();
}
