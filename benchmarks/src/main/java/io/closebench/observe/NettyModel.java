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
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.closebench.transport.SocketHome;
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

    /** {@code ChannelOption.CONNECT_TIMEOUT_MILLIS}'s default in Netty 4.2 ({@code DefaultChannelConfig}). */
    private static final java.time.Duration NETTY_CONNECT_TIMEOUT = java.time.Duration.ofMillis(30_000);

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

    /** Netty's {@code CONNECT_TIMEOUT_MILLIS} default, which ends a connect the JDK would leave to the kernel. */
    @Override
    public Optional<java.time.Duration> defaultConnectTimeout() {
        return Optional.of(NETTY_CONNECT_TIMEOUT);
    }

    @Override
    public ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock, SocketHome home) {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(id + " cannot run here: " + why);
        });
        NettyLoop loop = new NettyLoop(transport);
        return new Side(new ObserverThread(name, false, loop, cpus), loop, clock, home);
    }

    private final class Side implements ObserverSide {
        private final ObserverThread thread;
        private final NettyLoop loop;
        private final LongSupplier clock;
        private final SocketHome home;

        Side(ObserverThread thread, NettyLoop loop, LongSupplier clock, SocketHome home) {
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
            return new NettyListener(bindTo, loop, clock, home);
        }

        @Override
        public Connection connect(InetSocketAddress to, long deadline) throws IOException {
            return NettyConnection.connect(to, deadline, loop, clock, home);
        }

        /** A {@code Bootstrap} on this side's loop; its future's listener tells, on the loop. */
        @Override
        public Dialing dial(Dial dial, DialHandler handler) throws IOException {
            NettyConnection.Client client = NettyConnection.client(loop, clock, home, dial.settings(), dial.from(),
                    dial.timeout());
            long startedAt = clock.getAsLong();
            handler.started(startedAt);
            ChannelFuture f = client.connect(dial.to());
            f.addListener(done -> {
                long t = clock.getAsLong();
                if (done.isSuccess()) {
                    handler.connected(client.connection(f.channel()), t);
                } else if (done.cause() instanceof ConnectTimeoutException) {
                    handler.failed(IoResult.timedOut(done.cause(), t));
                } else {
                    handler.failed(IoResult.failed(done.cause(), t));
                }
            });
            return () -> f.channel().close();
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
