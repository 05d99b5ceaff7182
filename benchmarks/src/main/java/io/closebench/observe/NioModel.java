package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.Listener;
import io.closebench.transport.NioConnection;
import io.closebench.transport.NioListener;
import io.closebench.transport.SelectorLoop;
import io.closebench.transport.IoResult;
import io.closebench.transport.JdkSocketOptions;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import java.util.function.Consumer;
import java.io.IOException;
import java.net.InetSocketAddress;
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
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock) {
        SelectorLoop loop = new SelectorLoop(clock);
        return new Side(new ObserverThread(name, false, loop, cpus), loop, clock);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final SelectorLoop loop;
        private final LongSupplier clock;
        /** One read buffer for every watched connection: the loop services them one at a time. */
        private final ByteBuffer watchBuffer = ByteBuffer.allocate(4096);

        Side(ObserverThread thread, SelectorLoop loop, LongSupplier clock) {
            this.thread = thread;
            this.loop = loop;
            this.clock = clock;
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
            return new NioListener(bindTo, loop, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            // a blocking connect on loopback completes at once; only the established channel is observed
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.getAsLong())));
                return new NioConnection(channel, loop, clock);
            } catch (IOException e) {
                channel.close();
                throw e;
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
