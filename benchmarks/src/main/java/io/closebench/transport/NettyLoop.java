package io.closebench.transport;

import io.netty.channel.IoEventLoop;
import io.netty.channel.ManualIoEventLoop;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One Netty event loop, driven by the observer's own thread instead of a thread of Netty's: a
 * {@link ManualIoEventLoop} over the transport's own {@code IoHandler}, so the same epoll,
 * io_uring or selector code and the same pipeline run as in a Netty server, and yet the harness
 * hands nothing to another thread between t0 and t1. The observer thread calls
 * {@link #serviceIdle} between tasks, and {@link #runUntil} while a call of its waits.
 *
 * <p>The loop does not block while the observer thread has a task waiting: its
 * {@code canBlock()} asks the observer's queue, with the same wake-up protocol Netty uses for its
 * own task queue.
 */
public final class NettyLoop implements EventLoop {

    /** A loop whose wait for I/O gives way to the owner's queued work. */
    private static final class Loop extends ManualIoEventLoop {
        volatile BooleanSupplier ownerHasWork = () -> false;

        Loop(NettyTransport transport) {
            super(null, null, transport.handlerFactory());
        }

        @Override
        protected boolean canBlock() {
            return !ownerHasWork.getAsBoolean();
        }
    }

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final NettyTransport transport;
    private final Loop loop;

    public NettyLoop(NettyTransport transport) {
        this.transport = transport;
        this.loop = new Loop(transport);
    }

    @Override
    public void ownedBy(Thread owner, BooleanSupplier ownerHasWork) {
        loop.setOwningThread(owner);
        loop.ownerHasWork = ownerHasWork;
    }

    public NettyTransport transport() {
        return transport;
    }

    /** The loop, for bootstraps and channel registration. */
    public IoEventLoop eventLoop() {
        return loop;
    }

    @Override
    public void serviceIdle(long timeoutMillis) {
        loop.run(TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis)));
    }

    /**
     * Runs the loop (I/O and its tasks) until {@code done} or {@code deadline}; returns whether done.
     * Must be called on the owning thread.
     */
    public boolean runUntil(BooleanSupplier done, long deadline, LongSupplier clock) {
        loop.runNow();
        while (!done.getAsBoolean()) {
            long left = deadline - clock.getAsLong();
            if (left <= 0) {
                return false;
            }
            // run(0) would mean "until something happens, however long": always a positive wait
            loop.run(Math.max(1, Math.min(left, SLICE_NANOS)));
        }
        return true;
    }

    @Override
    public void wakeup() {
        loop.wakeup();
    }

    /**
     * Shuts the loop down and runs it until its channels are closed and its handler destroyed;
     * bounded. Must be called on the owning thread (the observer thread closes its loop on its way out).
     */
    @Override
    public void close() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!loop.isTerminated() && System.nanoTime() - until < 0) {
            loop.run(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
