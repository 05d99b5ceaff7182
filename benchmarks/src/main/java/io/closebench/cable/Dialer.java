package io.closebench.cable;

import io.closebench.observe.VirtualThreads;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.JdkSocketOptions;
import io.closebench.transport.NettyTransport;
import io.closebench.transport.SocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Opens a connection the way a program of each observer model does, with the mechanism's options
 * set before the connect, and tells once how it ended (fault g: a connect to a dead host). The
 * blocking models block a thread of their kind in {@code Socket.connect(address, timeout)}; NIO
 * connects non-blocking and waits for {@code OP_CONNECT} in its selector, its connect timeout its
 * own timer; Netty connects through a {@link Bootstrap} on an event loop of its transport, with
 * {@code CONNECT_TIMEOUT_MILLIS} (Netty's default, 30 s, when the mechanism sets none).
 *
 * <p>The instant handed to {@link Attempt#started} is taken right before the connect call; the
 * end, right after the call or event that told. The dialer's threads (the connecting threads, the
 * selector's, Netty's event loop) start from the server host's pinned threads and so run where its
 * observers do: Linux gives a new thread its creator's CPU affinity.
 */
abstract class Dialer implements AutoCloseable {

    /** Netty's own default for {@code CONNECT_TIMEOUT_MILLIS}. */
    static final long NETTY_DEFAULT_CONNECT_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(30_000);

    /** What one connect reports; from the dialer's thread. */
    interface Attempt {
        /** Right before the connect call. */
        void started(long at);

        /** Once: how it ended ({@link Outcome#NONE} by CONNECTED if the peer answered after all). */
        void ended(Decision decision);
    }

    /** What stops an attempt still under way (the trial's bound). */
    interface Cancel {
        void cancel();
    }

    /** The connect timeout a program of {@code observer}'s library has without being told one. */
    static long libraryTimeoutNanos(Observer observer) {
        return nettyTransport(observer) == null ? Theory.NEVER : NETTY_DEFAULT_CONNECT_TIMEOUT_NANOS;
    }

    static Dialer of(Observer observer, String name) {
        NettyTransport netty = nettyTransport(observer);
        if (netty != null) {
            return new NettyDialer(netty);
        }
        return switch (observer) {
            case BLOCKING -> new BlockingDialer(false, name);
            case VIRTUAL -> new BlockingDialer(true, name);
            case NIO -> new NioDialer(name);
            default -> throw new IllegalArgumentException(observer + " does not connect single connections");
        };
    }

    private static NettyTransport nettyTransport(Observer observer) {
        return switch (observer) {
            case NETTY_NIO -> NettyTransport.NIO;
            case NETTY_EPOLL -> NettyTransport.EPOLL;
            case NETTY_IOURING -> NettyTransport.IO_URING;
            default -> null;
        };
    }

    /**
     * Starts a connect from {@code local} to {@code to}.
     *
     * @param timeoutMillis the application's connect timeout, 0 for none (the library's default)
     */
    abstract Cancel dial(InetSocketAddress local, InetSocketAddress to, SocketSettings settings, long timeoutMillis,
                         Attempt attempt) throws IOException;

    @Override
    public abstract void close();

    private static Decision connected(long t, long startedAt) {
        return new Decision(Outcome.NONE, "CONNECTED", t, "", "", startedAt);
    }

    /** The application's (or library's) own connect timer ran out: the exception's words, verbatim. */
    private static Decision timedOut(Throwable cause, long t, long startedAt) {
        return new Decision(Outcome.TIMEOUT, "CONNECT_TIMEOUT", t, cause.getClass().getSimpleName(),
                String.valueOf(cause.getMessage()), startedAt);
    }

    /** Thread per connect, blocked in {@code Socket.connect}: a platform thread, or a virtual one. */
    private static final class BlockingDialer extends Dialer {
        private final boolean virtual;
        private final String name;
        private int count;

        BlockingDialer(boolean virtual, String name) {
            this.virtual = virtual;
            this.name = name;
        }

        @Override
        Cancel dial(InetSocketAddress local, InetSocketAddress to, SocketSettings settings, long timeoutMillis,
                    Attempt attempt) throws IOException {
            Socket socket = new Socket();
            JdkSocketOptions.apply(settings, socket::setOption);
            socket.bind(local);
            Runnable body = () -> {
                long startedAt = System.nanoTime();
                attempt.started(startedAt);
                try {
                    socket.connect(to, (int) timeoutMillis);
                    attempt.ended(connected(System.nanoTime(), startedAt));
                } catch (SocketTimeoutException e) {
                    attempt.ended(timedOut(e, System.nanoTime(), startedAt));
                } catch (IOException e) {
                    attempt.ended(Decision.failed(e, System.nanoTime(), "CONNECT", startedAt));
                }
            };
            String threadName = name + "-connect-" + count++;
            Thread t = virtual ? VirtualThreads.unstarted(threadName, body) : new Thread(body, threadName);
            t.setDaemon(true);
            t.start();
            return () -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            };
        }

        @Override
        public void close() {
            // the threads end with their connects
        }
    }

    /** One selector thread: non-blocking connects, {@code OP_CONNECT}, the timeouts its own timer. */
    private static final class NioDialer extends Dialer {
        private final Selector selector;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final Thread loop;
        private volatile boolean closed;

        /** One connect in flight, attached to its key. */
        private record Pending(SocketChannel channel, long startedAt, long deadline, Attempt attempt) {
        }

        NioDialer(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a selector", e);
            }
            loop = new Thread(this::run, name + "-connect-selector");
            loop.setDaemon(true);
            loop.start();
        }

        @Override
        Cancel dial(InetSocketAddress local, InetSocketAddress to, SocketSettings settings, long timeoutMillis,
                    Attempt attempt) throws IOException {
            SocketChannel channel = SocketChannel.open();
            JdkSocketOptions.apply(settings, channel::setOption);
            channel.configureBlocking(false);
            channel.bind(local);
            submit(() -> {
                long startedAt = System.nanoTime();
                attempt.started(startedAt);
                try {
                    if (channel.connect(to)) {
                        attempt.ended(connected(System.nanoTime(), startedAt));
                        return;
                    }
                    long deadline = timeoutMillis > 0 ? startedAt + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
                    channel.register(selector, SelectionKey.OP_CONNECT, new Pending(channel, startedAt, deadline, attempt));
                } catch (IOException e) {
                    attempt.ended(Decision.failed(e, System.nanoTime(), "CONNECT", startedAt));
                }
            });
            return () -> submit(() -> closeQuietly(channel));
        }

        private void submit(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        private void run() {
            try {
                while (!closed) {
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    long now = System.nanoTime();
                    long next = Long.MAX_VALUE;
                    for (SelectionKey key : selector.keys()) {
                        if (key.isValid() && key.attachment() instanceof Pending p) {
                            if (now - p.deadline() >= 0) {
                                key.cancel();
                                closeQuietly(p.channel());
                                p.attempt().ended(timedOut(new SocketTimeoutException("connect timed out after "
                                        + TimeUnit.NANOSECONDS.toMillis(p.deadline() - p.startedAt()) + " ms (the selector's "
                                        + "own timer)"), System.nanoTime(), p.startedAt()));
                            } else {
                                next = Math.min(next, p.deadline());
                            }
                        }
                    }
                    long waitMillis = next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now + 999_999));
                    selector.select(waitMillis);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Pending p = (Pending) key.attachment();
                        key.cancel();
                        try {
                            p.channel().finishConnect();
                            p.attempt().ended(connected(System.nanoTime(), p.startedAt()));
                        } catch (IOException e) {
                            p.attempt().ended(Decision.failed(e, System.nanoTime(), "CONNECT", p.startedAt()));
                            closeQuietly(p.channel());
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("the NIO connect loop failed: " + e);
            }
        }

        @Override
        public void close() {
            closed = true;
            selector.wakeup();
        }

        private static void closeQuietly(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    /** A Netty bootstrap on one event loop of the transport; the outcome is the connect future's. */
    private static final class NettyDialer extends Dialer {
        private final NettyTransport transport;
        private final EventLoopGroup group;

        NettyDialer(NettyTransport transport) {
            this.transport = transport;
            this.group = new MultiThreadIoEventLoopGroup(1, transport.handlerFactory());
        }

        @Override
        Cancel dial(InetSocketAddress local, InetSocketAddress to, SocketSettings settings, long timeoutMillis,
                    Attempt attempt) {
            Bootstrap b = new Bootstrap().group(group).channel(transport.channelClass())
                    .handler(new ChannelInboundHandlerAdapter()).localAddress(local);
            if (timeoutMillis > 0) {
                b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis);
            }
            settings.userTimeoutMillis().ifPresent(ms -> {
                switch (transport) {
                    case EPOLL -> b.option(io.netty.channel.epoll.EpollChannelOption.TCP_USER_TIMEOUT, ms);
                    case IO_URING -> b.option(io.netty.channel.uring.IoUringChannelOption.TCP_USER_TIMEOUT, ms);
                    case NIO -> throw new IllegalArgumentException("Netty's NIO transport has no TCP_USER_TIMEOUT");
                }
            });
            long startedAt = System.nanoTime();
            attempt.started(startedAt);
            ChannelFuture f = b.connect(to);
            f.addListener(done -> {
                long t = System.nanoTime();
                if (done.isSuccess()) {
                    attempt.ended(connected(t, startedAt));
                } else if (done.cause() instanceof ConnectTimeoutException) {
                    attempt.ended(timedOut(done.cause(), t, startedAt));
                } else {
                    attempt.ended(Decision.failed(done.cause(), t, "CONNECT", startedAt));
                }
            });
            Channel channel = f.channel();
            return channel::close;
        }

        @Override
        public void close() {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
