package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.NettyConnection;
import io.closebench.transport.NettyListener;
import io.closebench.transport.NettyLoop;
import io.closebench.transport.NettyTransport;
import io.closebench.transport.ErrorClassifier;
import io.closebench.transport.IoResult;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The Netty models: Netty 4.2's pipeline on one of its transports ({@link NettyTransport}), one
 * event loop driven by the observer thread ({@link NettyLoop}). The outcome is what the pipeline
 * reports, verbatim. A watched connection reads by itself (auto-read on) on the same loop.
 */
final class NettyModel implements ObserverModel {

    private final Observer id;
    private final NettyTransport transport;

    NettyModel(Observer id, NettyTransport transport) {
        this.id = id;
        this.transport = transport;
    }

    @Override
    public Observer id() {
        return id;
    }

    @Override
    public Optional<String> unavailableReason() {
        return transport.unavailableReason();
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(id + " cannot run here: " + why);
        });
        NettyLoop loop = new NettyLoop(transport);
        return new Side(new ObserverThread(name, false, loop, cpus), loop, clock);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final NettyLoop loop;
        private final LongSupplier clock;

        Side(ObserverThread thread, NettyLoop loop, LongSupplier clock) {
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
            return new NettyListener(bindTo, loop, clock);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            return NettyConnection.connect(to, deadline, loop, clock);
        }

        @Override
        public Watch watch(Connection connection, WatchHandler handler) {
            NettyConnection c = (NettyConnection) connection;
            c.watchBy(handler);
            return new NettyWatch(c, handler);
        }

        @Override
        public void configure(Connection connection, SocketSettings settings) {
            ((NettyConnection) connection).configure(settings);
        }

        /** One channel on the loop: it reads by itself; writes are Netty's; timers on the loop's own thread. */
        private final class NettyWatch implements Watch {
            private final NettyConnection connection;
            private final WatchHandler handler;

            NettyWatch(NettyConnection connection, WatchHandler handler) {
                this.connection = connection;
                this.handler = handler;
            }

            @Override
            public void write(byte[] bytes, long deadline) {
                at(clock.getAsLong(), () -> {
                    long startedAt = clock.getAsLong();
                    connection.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> {
                        if (f.isSuccess()) {
                            handler.written(bytes.length, startedAt);
                        } else {
                            handler.writeFailed(ErrorClassifier.classify(f.cause()), clock.getAsLong(), f.cause());
                        }
                    });
                });
            }

            @Override
            public void at(long atNanos, Runnable task) {
                thread.at(atNanos, task);
            }

            @Override
            public void tryWriteNow(byte[] bytes, Consumer<String> result) {
                at(clock.getAsLong(), () -> {
                    if (!connection.channel().isActive()) {
                        result.accept("not written: Netty had already closed the channel");
                        return;
                    }
                    connection.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> result.accept(
                            f.isSuccess() ? IoResult.ok(bytes.length, clock.getAsLong()).describe()
                                    : IoResult.failed(f.cause(), clock.getAsLong()).describe()));
                });
            }

            @Override
            public void close() {
                connection.close();
            }
        }

        @Override
        public void close() {
            thread.close();
        }
    }
}
