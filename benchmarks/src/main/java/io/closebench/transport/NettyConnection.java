package io.closebench.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@link Connection} contract over a Netty channel, for the three Netty observers: the
 * outcome is what the pipeline reports ({@link NettyInbox}), and every call runs on the observer
 * thread, which drives the channel's {@link NettyLoop} while it waits. Auto-read is off: a read is
 * one {@code channel.read()} and the events it brings, as in a Netty handler that asks for data; half
 * closure is allowed, so a peer's FIN is the {@code ChannelInputShutdownEvent} and the channel stays
 * writable, as with the JDK's sockets.
 *
 * <p>After the end was reported once, Netty tells nothing new: a further read reports the same end
 * (EOF while the channel is still open, half-closed) or, once Netty has closed the channel itself
 * (it does after an I/O error), a {@code ClosedChannelException}; a write on a closed channel fails
 * as Netty fails it. That differs from the JDK, which reports a reset again on every read.
 */
public final class NettyConnection implements Connection {

    private final Channel channel;
    private final NettyInbox inbox;
    private final NettyLoop loop;
    private final LongSupplier clock;
    private boolean readRequested;

    NettyConnection(Channel channel, NettyInbox inbox, NettyLoop loop, LongSupplier clock) {
        this.channel = channel;
        this.inbox = inbox;
        this.loop = loop;
        this.clock = clock;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * A Netty client channel on {@code loop} connected to {@code to}, auto-read off and half closure
     * allowed like the accepted ones. Call on the loop's owning thread.
     */
    public static NettyConnection connect(InetSocketAddress to, long deadline, NettyLoop loop, LongSupplier clock,
                                          SocketHome home) throws IOException {
        Client client = client(loop, clock, home, SocketSettings.NONE, Optional.empty(), Optional.empty());
        ChannelFuture connected = client.connect(to);
        if (!loop.runUntil(connected::isDone, deadline, clock)) {
            connected.channel().close();
            throw new java.net.SocketTimeoutException("Netty " + loop.transport() + " did not connect to " + to + " in time");
        }
        if (!connected.isSuccess()) {
            throw new IOException("Netty " + loop.transport() + " cannot connect to " + to, connected.cause());
        }
        return client.connection(connected.channel());
    }

    /**
     * A client channel about to connect on {@code loop}, as a Netty program makes one: its socket made
     * in {@code home}, auto-read off and half closure allowed like the accepted ones, the options set
     * and the local address bound before the connect, {@code CONNECT_TIMEOUT_MILLIS} where a timeout
     * is given (else Netty's own default). Call on the loop's owning thread.
     */
    public static Client client(NettyLoop loop, LongSupplier clock, SocketHome home, SocketSettings settings,
                                Optional<InetSocketAddress> from, Optional<java.time.Duration> timeout) throws IOException {
        NettyInbox inbox = new NettyInbox(clock);
        Channel channel = loop.transport().newChannel(home);
        loop.transport().apply(channel.config(), settings);
        Bootstrap b = new Bootstrap().group(loop.eventLoop())
                .channelFactory((io.netty.channel.ChannelFactory<Channel>) () -> channel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(inbox);
        from.ifPresent(b::localAddress);
        timeout.ifPresent(t -> b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, t.toMillis())));
        return new Client(b, inbox, loop, clock);
    }

    /** {@link #client}'s result: connect it, and make the connected channel a {@link NettyConnection}. */
    public static final class Client {
        private final Bootstrap bootstrap;
        private final NettyInbox inbox;
        private final NettyLoop loop;
        private final LongSupplier clock;

        private Client(Bootstrap bootstrap, NettyInbox inbox, NettyLoop loop, LongSupplier clock) {
            this.bootstrap = bootstrap;
            this.inbox = inbox;
            this.loop = loop;
            this.clock = clock;
        }

        public ChannelFuture connect(InetSocketAddress to) {
            return bootstrap.connect(to);
        }

        public NettyConnection connection(Channel connected) {
            return new NettyConnection(connected, inbox, loop, clock);
        }
    }

    /** For the models' background watch: bytes and the end go to {@code handler}, reading by itself. */
    public void watchBy(WatchHandler handler) {
        inbox.watchBy(handler);
        channel.config().setAutoRead(true);
        channel.read();
    }

    /**
     * Reads what the pipeline delivered. What arrived while the program was doing something else
     * (the loop serviced the channel between calls) is returned at once, stamped with the time this
     * call returns: the program asks now. What arrives while this call waits is stamped with the
     * moment the handler was called. {@link #endEventAt()} keeps when the pipeline told of the end.
     */
    @Override
    public IoResult read(ByteBuffer dst, long deadline) {
        long called = clock.getAsLong();
        while (true) {
            if (inbox.readable() > 0) {
                int n = inbox.drainInto(dst);
                readRequested = false;
                long at = inbox.lastDataAt();
                return IoResult.ok(n, at - called < 0 ? clock.getAsLong() : at);
            }
            IoResult end = inbox.collectEnd();
            if (end != null) {
                return end.returnedAt() - called < 0
                        ? new IoResult(end.outcome(), 0, end.exceptionClass(), end.message(),
                        end.event() + " (told before this call)", clock.getAsLong())
                        : end;
            }
            IoResult earlier = inbox.collectedEnd();
            if (earlier != null) {
                return channel.isActive()
                        ? IoResult.eof(clock.getAsLong()).toldBy("no new event: input shut down after " + earlier.event())
                        : IoResult.failed(new ClosedChannelException(), clock.getAsLong())
                        .toldBy("no new event: Netty closed the channel after " + earlier.event());
            }
            if (!readRequested) {
                channel.read();
                readRequested = true;
            }
            if (!loop.runUntil(inbox::hasNews, deadline, clock)) {
                IoResult timedOut = IoResult.timeout(clock.getAsLong());
                // after t1: a timeout of io_uring's that is its lost RST says so (IoUringReadState)
                return ioUringReadState().filter(IoUringReadState::isLostReset)
                        .map(lost -> timedOut.toldBy(IoUringReadState.LOST_RESET)).orElse(timedOut);
            }
        }
    }

    /**
     * On the io_uring transport, what the channel has armed for reading and what the kernel holds
     * for its socket now; empty on the other transports, or where this Netty's internals are not
     * the ones {@link IoUringReadState} reads. Call on the loop's owning thread.
     */
    public Optional<IoUringReadState> ioUringReadState() {
        if (loop.transport() != NettyTransport.IO_URING) {
            return Optional.empty();
        }
        int unread;
        String state;
        try {
            unread = channel.isOpen() ? unreadInKernel() : -1;
        } catch (IOException e) {
            unread = -1;
        }
        try {
            // TCP_INFO on the descriptor: one system call (the /proc tables can hold tens of thousands of sockets)
            state = channel instanceof io.netty.channel.uring.IoUringSocketChannel uring && channel.isOpen()
                    ? KernelTcpState.name(uring.tcpInfo().state()) : "?";
        } catch (RuntimeException e) {
            state = "?";
        }
        return IoUringReadState.of(channel, unread, state);
    }

    @Override
    public IoResult write(ByteBuffer src, long deadline) {
        int n = src.remaining();
        // a copy (the caller reuses src), in the channel's own allocator's direct memory as a Netty handler
        // writes: a heap copy would be copied again into direct memory, and a large one (X5's 32 MiB)
        // would cost the heap a humongous allocation per write
        ByteBuf copy = channel.alloc().directBuffer(n, n);
        copy.writeBytes(src.duplicate());
        long[] completedAt = {-1};
        ChannelFuture f = channel.writeAndFlush(copy);
        f.addListener(done -> completedAt[0] = clock.getAsLong());
        if (!loop.runUntil(f::isDone, deadline, clock)) {
            return IoResult.timeout(clock.getAsLong()).toldBy("write still pending in Netty's outbound buffer");
        }
        if (f.isSuccess()) {
            src.position(src.position() + n);
            return IoResult.ok(n, completedAt[0]);
        }
        return IoResult.failed(f.cause(), completedAt[0]).toldBy("write future failed");
    }

    /**
     * Applies keepalive and {@code TCP_USER_TIMEOUT} through the transport's own options: epoll and
     * io_uring set both natively; the NIO transport goes through the JDK's options, which have no
     * {@code TCP_USER_TIMEOUT}.
     */
    public void configure(SocketSettings settings) {
        loop.transport().apply(channel.config(), settings);
    }

    @Override
    public long endEventAt() {
        return inbox.endAt();
    }

    @Override
    public int available() throws IOException {
        // once Netty has closed the channel (it does after an I/O error) only what its pipeline read is left
        return inbox.readable() + (channel.isOpen() ? unreadInKernel() : 0);
    }

    private int unreadInKernel() throws IOException {
        if (channel instanceof UnixChannel unix) {
            // epoll and io_uring channels: FIONREAD on the raw descriptor
            return NativeSockets.unread(unix.fd().intValue());
        }
        return javaChannel(channel).socket().getInputStream().available();
    }

    /** Netty's NIO channel keeps its JDK channel behind a protected accessor. */
    private static SocketChannel javaChannel(Channel channel) throws IOException {
        try {
            Method m = io.netty.channel.nio.AbstractNioChannel.class.getDeclaredMethod("javaChannel");
            m.setAccessible(true);
            return (SocketChannel) m.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot reach the JDK channel of " + channel, e);
        }
    }

    @Override
    public int remotePort() {
        return ((java.net.InetSocketAddress) channel.remoteAddress()).getPort();
    }

    @Override
    public InetSocketAddress localAddress() {
        return channel.localAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    /**
     * Closes the channel. On the observer thread the close runs at once and the loop finishes it;
     * from another thread (a local close while the observer is blocked in a call) Netty hands it to
     * the loop, as it does for any program's close.
     */
    @Override
    public void close() {
        inbox.closingHere();
        ChannelFuture f = channel.close();
        if (channel.eventLoop().inEventLoop()) {
            loop.runUntil(f::isDone, clock.getAsLong() + 1_000_000_000L, clock);
            inbox.releaseAll();
        }
    }
}
