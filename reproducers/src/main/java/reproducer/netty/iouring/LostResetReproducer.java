package reproducer.netty.iouring;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.Errors;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Netty server channel with auto-read off reads on demand, one {@code channel.read()} at a time, as
 * a handler that asks for data when it wants more. Its peer sends some bytes and then resets the
 * connection ({@code SO_LINGER 0}, then {@code close()}: an RST). Does the reader learn of the reset?
 *
 * <p>Two ways to make the peer's bytes and its RST arrive:
 * <ul>
 *   <li>{@link #resetWhileTheLoopIsHeld}: while the event loop is busy (a task of the group's loop
 *       thread waits on a latch; a {@link ManualIoEventLoop} is simply not run), so that both are in
 *       the kernel before Netty looks: the same sequence every time;</li>
 *   <li>{@link #resetWhileStreaming}: a peer thread writes and resets while the loop runs freely: a
 *       race, whose outcome varies from one repetition to the next.</li>
 * </ul>
 *
 * <p>Each runs on Netty's own event loop thread ({@link Driver#EVENT_LOOP_GROUP}) or on a
 * {@link ManualIoEventLoop} that the calling thread runs itself ({@link Driver#MANUAL_LOOP}), and on
 * the io_uring transport or, as a control, on the NIO transport. Netty and the JDK only; Linux only
 * (it reads {@code /proc/net/tcp*} to know that the kernel has processed the RST).
 *
 * <p>Construct, use and close an instance on one thread: with {@link Driver#MANUAL_LOOP} that thread
 * owns the loop.
 */
public final class LostResetReproducer implements AutoCloseable {

    /** What runs the channel's event loop. */
    public enum Driver {
        /** Netty's own thread: a {@link MultiThreadIoEventLoopGroup} of one loop. */
        EVENT_LOOP_GROUP,
        /** The calling thread, which runs a {@link ManualIoEventLoop} while it waits. */
        MANUAL_LOOP
    }

    /** Netty's socket transport under test. */
    public enum Transport {
        IO_URING(IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class),
        NIO(NioIoHandler.newFactory(), NioServerSocketChannel.class);

        private final IoHandlerFactory handlers;
        private final Class<? extends ServerChannel> serverChannel;

        Transport(IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel) {
            this.handlers = handlers;
            this.serverChannel = serverChannel;
        }
    }

    /** What the reader learned. */
    public enum Outcome {
        /** {@code exceptionCaught} with "Connection reset by peer". */
        RESET_REPORTED,
        /**
         * Nothing by the deadline, the channel still active; then a 1-byte write failed with
         * ECONNRESET: the reset was pending in the socket all along, and no read had consumed it.
         */
        RESET_LOST,
        /** Anything else; {@link Result#detail()} says what. */
        OTHER
    }

    /** One repetition: its outcome, the bytes the reader got, and what happened in words. */
    public static final class Result {
        private final Outcome outcome;
        private final long bytesRead;
        private final String detail;

        Result(Outcome outcome, long bytesRead, String detail) {
            this.outcome = outcome;
            this.bytesRead = bytesRead;
            this.detail = detail;
        }

        public Outcome outcome() {
            return outcome;
        }

        public long bytesRead() {
            return bytesRead;
        }

        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return outcome + " after " + bytesRead + " B: " + detail;
        }
    }

    /** How long the reader waits for news once the kernel has the RST and the loop is free. */
    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SETUP_MILLIS = 5_000;

    private final Transport transport;
    private final MultiThreadIoEventLoopGroup group;
    private final ManualIoEventLoop manual;
    private final IoEventLoop loop;
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    public LostResetReproducer(Transport transport, Driver driver) {
        this.transport = transport;
        if (driver == Driver.EVENT_LOOP_GROUP) {
            group = new MultiThreadIoEventLoopGroup(1, transport.handlers);
            manual = null;
            loop = (IoEventLoop) group.next();
        } else {
            group = null;
            manual = new ManualIoEventLoop(Thread.currentThread(), transport.handlers);
            loop = manual;
        }
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(transport.serverChannel)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Events());
                        accepted.add(ch);
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        await(bound::isDone, "bind");
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen", bound.cause());
        }
        server = bound.channel();
    }

    /**
     * The peer sends {@code bytesBeforeReset} bytes and resets while the loop is held: both are in
     * the kernel (the connection has left {@code /proc/net/tcp*}) before the loop handles either. A
     * read is pending all along: the reader asked before, and asks again after every read.
     */
    public Result resetWhileTheLoopIsHeld(int bytesBeforeReset) throws IOException, InterruptedException {
        try (Socket peer = connect()) {
            Channel channel = acceptedChannel();
            Events events = channel.pipeline().get(Events.class);
            channel.read();
            settle();
            CountDownLatch release = new CountDownLatch(1);
            if (manual == null) {
                CountDownLatch holding = new CountDownLatch(1);
                loop.execute(() -> {
                    holding.countDown();
                    awaitUninterruptibly(release);
                });
                holding.await();
            }
            try {
                OutputStream out = peer.getOutputStream();
                out.write(new byte[bytesBeforeReset]);
                out.flush();
                peer.setSoLinger(true, 0);
                int peerPort = peer.getLocalPort();
                peer.close();
                awaitResetProcessed(peerPort);
            } finally {
                release.countDown();
            }
            return readUntilOutcome(channel, events, new CountDownLatch(0), new long[]{System.nanoTime()});
        }
    }

    /**
     * A peer thread writes {@code bytes} in writes of {@code chunk}, then resets, while the loop runs
     * and the reader reads: whether the RST comes with bytes still unread depends on the race.
     */
    public Result resetWhileStreaming(int bytes, int chunk) throws IOException, InterruptedException {
        Socket peer = connect();
        Channel channel = acceptedChannel();
        Events events = channel.pipeline().get(Events.class);
        CountDownLatch reset = new CountDownLatch(1);
        long[] resetAt = {0};
        Thread writer = new Thread(() -> {
            try (Socket s = peer) {
                OutputStream out = s.getOutputStream();
                byte[] block = new byte[chunk];
                for (int sent = 0; sent < bytes; sent += chunk) {
                    out.write(block);
                }
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                resetAt[0] = System.nanoTime();
                reset.countDown();
            }
        }, "peer");
        writer.start();
        try {
            return readUntilOutcome(channel, events, reset, resetAt);
        } finally {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Reads on demand until the reset is reported, something else ends it, or {@link #PATIENCE_NANOS}
     * after {@code reset} opened (the time is in {@code resetAt[0]}); then classifies, and closes the channel.
     */
    private Result readUntilOutcome(Channel channel, Events events, CountDownLatch reset, long[] resetAt)
            throws InterruptedException {
        long read = 0;
        try {
            channel.read();
            while (true) {
                Object e = nextEvent(events, reset, resetAt);
                if (e instanceof ByteBuf) {
                    ByteBuf data = (ByteBuf) e;
                    read += data.readableBytes();
                    data.release();
                    channel.read();
                } else if (e instanceof Throwable) {
                    Throwable t = (Throwable) e;
                    return isReset(t) ? new Result(Outcome.RESET_REPORTED, read, "exceptionCaught: " + t)
                            : new Result(Outcome.OTHER, read, "exceptionCaught: " + t);
                } else if (e != null) {
                    return new Result(Outcome.OTHER, read, String.valueOf(e));
                } else {
                    // silence: first let the loop finish whatever it had (a slow first pass is not a loss)
                    settle();
                    if (events.queue.isEmpty()) {
                        return afterSilence(channel, events, read);
                    }
                    resetAt[0] = System.nanoTime();
                }
            }
        } finally {
            ChannelFuture closed = channel.close();
            await(closed::isDone, "close");
        }
    }

    /** Nothing came: is the reset still pending in the socket? A write tells. */
    private Result afterSilence(Channel channel, Events events, long bytesRead) {
        boolean active = channel.isActive();
        Future<String> read = loop.submit(() -> NettyReadState.of(channel));
        await(read::isDone, "reading Netty's state");
        String state = read.getNow();
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[]{1}));
        await(written::isDone, "write");
        String what = "no event in " + TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS) + " ms, channel "
                + (active ? "active" : "inactive") + "; then a 1-byte write: "
                + (written.isSuccess() ? "ok" : written.cause()) + "; Netty's state at the deadline: " + state
                + "; events after the write: " + events.queue;
        boolean lost = active && !written.isSuccess() && isReset(written.cause());
        return new Result(lost ? Outcome.RESET_LOST : Outcome.OTHER, bytesRead, what);
    }

    private Object nextEvent(Events events, CountDownLatch reset, long[] resetAt) throws InterruptedException {
        while (true) {
            Object e = events.queue.poll();
            if (e != null) {
                return e;
            }
            long left = reset.getCount() > 0 ? SLICE_NANOS : resetAt[0] + PATIENCE_NANOS - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            if (manual != null) {
                manual.run(Math.min(left, SLICE_NANOS));
            } else {
                e = events.queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (e != null) {
                    return e;
                }
            }
        }
    }

    /** ECONNRESET, as the native transports and the JDK word it. */
    static boolean isReset(Throwable t) {
        if (t instanceof Errors.NativeIoException) {
            return ((Errors.NativeIoException) t).expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE;
        }
        return t instanceof IOException && String.valueOf(t.getMessage()).startsWith("Connection reset");
    }

    private Socket connect() throws IOException {
        Socket peer = new Socket();
        peer.connect(server.localAddress(), (int) SETUP_MILLIS);
        return peer;
    }

    private Channel acceptedChannel() {
        await(() -> !accepted.isEmpty(), "accept");
        return accepted.poll();
    }

    /** Lets the loop run its pending tasks and submit what they armed. */
    private void settle() {
        for (int i = 0; i < 3; i++) {
            Future<?> f = loop.submit(() -> { });
            await(f::isDone, "settle");
        }
    }

    /**
     * Waits until the kernel has processed the RST: the connection (server port, {@code peerPort})
     * has left {@code /proc/net/tcp} and {@code /proc/net/tcp6}, which list no socket in state CLOSE.
     */
    private void awaitResetProcessed(int peerPort) {
        int serverPort = ((InetSocketAddress) server.localAddress()).getPort();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETUP_MILLIS);
        while (KernelTcpTable.lists(serverPort, peerPort)) {
            if (System.nanoTime() - until > 0) {
                throw new IllegalStateException("the kernel still lists the connection: no RST processed");
            }
            Thread.onSpinWait();
        }
    }

    private void await(BooleanSupplier done, String what) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETUP_MILLIS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                throw new IllegalStateException(what + " did not complete in " + SETUP_MILLIS + " ms");
            }
            if (manual != null) {
                manual.run(TimeUnit.MILLISECONDS.toNanos(1));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await(10, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ChannelFuture closed = server.close();
        await(closed::isDone, "close of the server channel");
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        } else {
            manual.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            await(manual::isTerminated, "shutdown of the loop");
        }
    }

    /** What the pipeline told, in order: bytes, exceptions, "EOF" (input shut down), "INACTIVE". */
    static final class Events extends ChannelInboundHandlerAdapter {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            queue.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            queue.add(cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                queue.add("EOF");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            queue.add("INACTIVE");
        }
    }

    /** The kernel's TCP tables: which connections it still lists. */
    static final class KernelTcpTable {
        private static final List<Path> TABLES = Arrays.asList(Paths.get("/proc/net/tcp"), Paths.get("/proc/net/tcp6"));

        static boolean lists(int localPort, int remotePort) {
            String local = String.format(Locale.ROOT, ":%04X", localPort);
            String remote = String.format(Locale.ROOT, ":%04X", remotePort);
            for (Path table : TABLES) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue;
                }
                for (String line : lines) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(local) && f[2].endsWith(remote)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * Netty's private view of an io_uring channel's reading, for the record only (nothing here
     * depends on it): which polls and receives are armed, whether a read is pending, whether
     * POLLRDHUP was seen. "n/a" on another transport or another Netty.
     */
    static final class NettyReadState {
        static String of(Channel channel) {
            try {
                Class<?> c = channel.getClass();
                while (c != null && !c.getName().equals("io.netty.channel.uring.AbstractIoUringChannel")) {
                    c = c.getSuperclass();
                }
                if (c == null) {
                    return "n/a";
                }
                int ioState = ((Number) field(c, "ioState").get(channel)).intValue();
                Object handle = channel.unsafe().recvBufAllocHandle();
                return "readPending=" + field(c, "readPending").get(channel)
                        + " POLLIN armed=" + ((ioState & field(c, "POLL_IN_SCHEDULED").getInt(null)) != 0)
                        + " POLLRDHUP armed=" + ((ioState & field(c, "POLL_RDHUP_SCHEDULED").getInt(null)) != 0)
                        + " RECV in flight=" + ((ioState & field(c, "READ_SCHEDULED").getInt(null)) != 0)
                        + " socketHasMoreData=" + field(c, "socketHasMoreData").get(channel)
                        + " POLLRDHUP seen=" + field(handle.getClass(), "rdHupReceived").get(handle);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "n/a (" + e + ")";
            }
        }

        private static Field field(Class<?> c, String name) throws NoSuchFieldException {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        }
    }

    /**
     * Runs both ways on both drivers and prints the counts: {@code [repetitions] [bytes] [chunk]},
     * defaults 200, 16384, 1024. Run it with {@code -Dio.netty.iouring.pollAddMultishotEnabled=false}
     * for the control.
     */
    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 16 * 1024;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        System.out.println("Netty " + io.netty.util.Version.identify().get("netty-transport").artifactVersion()
                + ", kernel " + System.getProperty("os.version") + ", io.netty.iouring.pollAddMultishotEnabled="
                + System.getProperty("io.netty.iouring.pollAddMultishotEnabled", "(default)"));
        for (Transport transport : Transport.values()) {
            for (Driver driver : Driver.values()) {
                Map<Outcome, Integer> held = new TreeMap<>();
                Map<Outcome, Integer> streaming = new TreeMap<>();
                String example = null;
                try (LostResetReproducer r = new LostResetReproducer(transport, driver)) {
                    for (int i = 0; i < repetitions; i++) {
                        Result h = r.resetWhileTheLoopIsHeld(bytes);
                        held.merge(h.outcome(), 1, Integer::sum);
                        Result s = r.resetWhileStreaming(bytes, chunk);
                        streaming.merge(s.outcome(), 1, Integer::sum);
                        if (example == null && s.outcome() != Outcome.RESET_REPORTED) {
                            example = s.toString();
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%-8s %-16s loop held: %s   streaming %d B in %d B writes: %s%n",
                        transport, driver, held, bytes, chunk, streaming);
                if (example != null) {
                    System.out.println("  e.g. " + example);
                }
            }
        }
    }
}
