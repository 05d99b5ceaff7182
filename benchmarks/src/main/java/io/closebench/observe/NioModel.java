package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.Listener;
import io.closebench.transport.SocketHome;
import io.closebench.transport.IoResult;
import io.closebench.transport.NioConnection;
import io.closebench.transport.NioListener;
import io.closebench.transport.SelectorLoop;
import io.closebench.transport.JdkSocketOptions;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import java.util.function.Consumer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The NIO model: non-blocking {@code SocketChannel}s on one {@code Selector}, all driven by one
 * event-loop thread. A call tries the operation first and waits in the selector only when it would
 * block; watched connections are serviced by the same loop whenever it selects, so detection
 * competes with them as in a real event loop.
 */
final class NioModel implements ObserverModel {

    private final Observer id;

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // giving up is all that is left to do
        }
    }

    NioModel(Observer id) {
        this.id = id;
    }

    @Override
    public Observer id() {
        return id;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock, SocketHome home) {
        SelectorLoop loop = new SelectorLoop(clock);
        return new Side(new ObserverThread(name, false, loop, cpus), loop, clock, home);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final SelectorLoop loop;
        private final LongSupplier clock;
        private final SocketHome home;
        /** One read buffer for every watched connection: the loop services them one at a time. */
        private final ByteBuffer watchBuffer = ByteBuffer.allocate(4096);

        Side(ObserverThread thread, SelectorLoop loop, LongSupplier clock, SocketHome home) {
            this.thread = thread;
            this.loop = loop;
            this.clock = clock;
            this.home = home;
        }

        @Override
        public Observer id() {
            return id;
        }

        @Override
        public ObserverThread thread() {
            return thread;
        }

        @Override
        public Listener listen(InetSocketAddress bindTo) throws IOException {
            return new NioListener(bindTo, loop, clock, home);
        }

        /** Non-blocking, as an NIO program connects: {@code OP_CONNECT} in this side's selector, by the deadline. */
        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            SocketChannel channel = channel(Dial.to(to));
            try {
                if (!channel.connect(to)) {
                    SelectionKey key = channel.register(loop.selector(), 0);
                    try {
                        while (!channel.finishConnect()) {
                            if (!loop.await(key, SelectionKey.OP_CONNECT, deadline)) {
                                throw new SocketTimeoutException("no connection to " + to + " by the deadline");
                            }
                        }
                    } finally {
                        key.cancel();
                        loop.flushCancelledKeys();
                    }
                }
                return new NioConnection(channel, loop, clock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public Dialing dial(Dial dial, DialHandler handler) throws IOException {
            SocketChannel channel = channel(dial);
            long startedAt = clock.getAsLong();
            handler.started(startedAt);
            try {
                if (channel.connect(dial.to())) {
                    handler.connected(new NioConnection(channel, loop, clock), clock.getAsLong());
                    return () -> closeQuietly(channel);
                }
            } catch (IOException e) {
                long t = clock.getAsLong();
                closeQuietly(channel);
                handler.failed(IoResult.failed(e, t));
                return () -> closeQuietly(channel);
            }
            PendingConnect pending = new PendingConnect(channel, handler);
            SelectionKey key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, pending);
            pending.key = key;
            dial.timeout().ifPresent(timeout -> thread.at(startedAt + timeout.toNanos(), () -> pending.expire(timeout)));
            return pending::giveUp;
        }

        /** A channel made in this side's home, its options set and bound where the dial says. */
        private SocketChannel channel(Dial dial) throws IOException {
            return home.make(() -> {
                SocketChannel c = SocketChannel.open();
                try {
                    JdkSocketOptions.apply(dial.settings(), c::setOption);
                    if (dial.from().isPresent()) {
                        c.bind(dial.from().get());
                    }
                    c.configureBlocking(false);
                    return c;
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            });
        }

        /** One non-blocking connect on the loop: its end comes by {@code OP_CONNECT} or by its timer, once. */
        private final class PendingConnect implements SelectorLoop.ReadyHandler {
            private final SocketChannel channel;
            private final DialHandler handler;
            private SelectionKey key;
            private boolean told;

            PendingConnect(SocketChannel channel, DialHandler handler) {
                this.channel = channel;
                this.handler = handler;
            }

            @Override
            public void onReady(SelectionKey k) {
                if (told || !k.isValid() || !k.isConnectable()) {
                    return;
                }
                try {
                    if (!channel.finishConnect()) {
                        return;
                    }
                    long t = clock.getAsLong();
                    told = true;
                    k.interestOps(0);
                    k.cancel();
                    handler.connected(new NioConnection(channel, loop, clock), t);
                } catch (IOException e) {
                    long t = clock.getAsLong();
                    told = true;
                    k.cancel();
                    closeQuietly(channel);
                    handler.failed(IoResult.failed(e, t));
                }
            }

            /** The program's own timer: the connect has not ended by then. */
            void expire(java.time.Duration timeout) {
                if (told) {
                    return;
                }
                long t = clock.getAsLong();
                told = true;
                key.cancel();
                closeQuietly(channel);
                handler.failed(IoResult.timedOut(new SocketTimeoutException("connect timed out after "
                        + timeout.toMillis() + " ms (the selector loop's own timer)"), t));
            }

            void giveUp() {
                thread.at(clock.getAsLong(), () -> {
                    told = true;
                    key.cancel();
                    closeQuietly(channel);
                });
            }
        }

        @Override
        public Watch watch(Connection connection, WatchHandler handler) throws IOException {
            return new NioWatch(((NioConnection) connection).channel(), handler);
        }

        @Override
        public void configure(Connection connection, SocketSettings settings) throws IOException {
            JdkSocketOptions.apply(settings, ((NioConnection) connection).channel()::setOption);
        }

        /**
         * One connection on the loop: read when readable, whatever arrives; writes non-blocking on
         * the loop thread, the rest queued until writable (the queue grows rather than drop
         * anything); timers on the observer thread, which is the loop's.
         */
        private final class NioWatch implements Watch, SelectorLoop.ReadyHandler {
            private final SocketChannel channel;
            private final WatchHandler handler;
            private final SelectionKey key;
            private ByteBuffer pending = ByteBuffer.allocate(4096);
            private long pendingSince;
            private boolean ended;

            NioWatch(SocketChannel channel, WatchHandler handler) throws IOException {
                this.channel = channel;
                this.handler = handler;
                this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
            }

            @Override
            public void onReady(SelectionKey k) {
                if (k.isValid() && k.isReadable()) {
                    readWhatIsThere();
                }
                if (k.isValid() && k.isWritable()) {
                    flush();
                }
            }

            private void readWhatIsThere() {
                try {
                    while (!ended) {
                        watchBuffer.clear();
                        int n = channel.read(watchBuffer);
                        long t = clock.getAsLong();
                        if (n < 0) {
                            end(Outcome.EOF, t, null);
                            return;
                        }
                        if (n == 0) {
                            return;
                        }
                        handler.bytes(watchBuffer.flip(), t);
                    }
                } catch (IOException e) {
                    end(ErrorClassifier.classify(e), clock.getAsLong(), e);
                }
            }

            private void end(Outcome outcome, long t, Throwable cause) {
                ended = true;
                // stop reading; the channel stays open, so a follow-up write and the kernel's view of it still work
                if (key.isValid()) {
                    key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                }
                handler.ended(outcome, t, cause);
            }

            @Override
            public void write(byte[] bytes, long deadline) {
                at(clock.getAsLong(), () -> {
                    if (bytes.length > pending.remaining()) {
                        ByteBuffer bigger = ByteBuffer.allocate(2 * pending.capacity() + bytes.length);
                        pending.flip();
                        bigger.put(pending);
                        pending = bigger;
                    }
                    if (pending.position() == 0) {
                        pendingSince = clock.getAsLong();
                    }
                    pending.put(bytes);
                    flush();
                });
            }

            private void flush() {
                pending.flip();
                IOException failed = null;
                try {
                    while (pending.hasRemaining()) {
                        long startedAt = pendingSince;
                        int n = channel.write(pending);
                        if (n == 0) {
                            break;
                        }
                        handler.written(n, startedAt);
                        pendingSince = clock.getAsLong();
                    }
                } catch (IOException e) {
                    failed = e;
                }
                if (failed != null) {
                    pending.clear();
                    handler.writeFailed(ErrorClassifier.classify(failed), clock.getAsLong(), failed);
                    return;
                }
                pending.compact();
                if (key.isValid()) {
                    key.interestOps(pending.position() > 0 ? key.interestOps() | SelectionKey.OP_WRITE
                            : key.interestOps() & ~SelectionKey.OP_WRITE);
                }
            }

            @Override
            public void at(long atNanos, Runnable task) {
                thread.at(atNanos, task);
            }

            @Override
            public void tryWriteNow(byte[] bytes, Consumer<String> result) {
                thread.at(clock.getAsLong(), () -> {
                    try {
                        int n = channel.write(ByteBuffer.wrap(bytes));
                        result.accept(n == bytes.length ? IoResult.ok(n, clock.getAsLong()).describe()
                                : n + " B accepted of " + bytes.length + " (send buffer full)");
                    } catch (IOException e) {
                        result.accept(IoResult.failed(e, clock.getAsLong()).describe());
                    }
                });
            }

            @Override
            public void close() {
                key.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // teardown
                }
            }
        }

        @Override
        public void flushClosed() throws IOException {
            loop.flushCancelledKeys();
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
