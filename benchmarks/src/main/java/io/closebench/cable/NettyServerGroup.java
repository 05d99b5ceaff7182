package io.closebench.cable;

import io.closebench.transport.IoResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server: the epoll transport, one event loop for all connections. It exists for
 * {@code TCP_USER_TIMEOUT} ({@code EpollChannelOption.TCP_USER_TIMEOUT}), which no JDK socket
 * option can set; keepalive goes through {@code EpollChannelOption} too. Timers (the bound, a read
 * deadline, the heartbeat) and pings are tasks scheduled on the connection's event loop. A kernel
 * error reaches {@code exceptionCaught} as Netty's {@code NativeIoException}, whose message carries
 * the same {@code strerror} text the JDK reports, and is classified by the same classifier.
 */
final class NettyServerGroup implements ServerGroup {

    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerGroupSpec spec;
    private final TrialControl control;
    private final ChildReporter out;
    private final EventLoopGroup loop;
    private final List<Watched> watched = new ArrayList<>();

    NettyServerGroup(ServerGroupSpec spec, TrialControl control, ChildReporter out) {
        Epoll.ensureAvailability();
        this.spec = spec;
        this.control = control;
        this.out = out;
        this.loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        control.onWakeUp(() -> snapshot().forEach(w -> w.channel.eventLoop().execute(w::tick)));
    }

    @Override
    public int listen(InetAddress bind) throws IOException {
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted(ch);
                    }
                });
        if (spec.mechanism() instanceof UserTimeout ut) {
            b.childOption(EpollChannelOption.TCP_USER_TIMEOUT, (int) ut.millis());
        } else if (spec.mechanism() instanceof TcpKeepalive ka) {
            b.childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(EpollChannelOption.TCP_KEEPIDLE, ka.idleSeconds())
                    .childOption(EpollChannelOption.TCP_KEEPINTVL, ka.intervalSeconds())
                    .childOption(EpollChannelOption.TCP_KEEPCNT, ka.count());
        }
        Channel server = b.bind(new InetSocketAddress(bind, 0)).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void accepted(Channel ch) {
        synchronized (watched) {
            int index = watched.size();
            if (index >= spec.connections()) {
                ch.close();
                return;
            }
            int port = ((InetSocketAddress) ch.remoteAddress()).getPort();
            Watched w = new Watched(new ObservedConnection(spec, index, port, control, out), ch);
            watched.add(w);
            ch.pipeline().addLast(w);
            out.line("ACCEPTED", String.valueOf(spec.id()), String.valueOf(index), String.valueOf(port));
            watched.notifyAll();
        }
    }

    private List<Watched> snapshot() {
        synchronized (watched) {
            return List.copyOf(watched);
        }
    }

    @Override
    public void acceptAll(long deadline) throws IOException, InterruptedException {
        synchronized (watched) {
            while (watched.size() < spec.connections()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("accepted " + watched.size() + " of " + spec.connections() + " connections by the deadline");
                }
                watched.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @Override
    public void start(long now) {
        for (Watched w : snapshot()) {
            w.channel.eventLoop().execute(() -> {
                w.state.start(now);
                w.started = true;
                w.tick();
            });
        }
    }

    /** One connection: its handler, timers and writes, all on its event loop. */
    private static final class Watched extends ChannelInboundHandlerAdapter {
        final ObservedConnection state;
        final Channel channel;
        boolean started;
        ScheduledFuture<?> next;

        Watched(ObservedConnection state, Channel channel) {
            this.state = state;
            this.channel = channel;
        }

        void tick() {
            if (!started || state.isDecided()) {
                return;
            }
            long now = System.nanoTime();
            Decision timer = state.expiredTimer(now);
            if (timer != null) {
                finish(timer);
                return;
            }
            if (state.writeDue() - now <= 0) {
                write(state.takeDueWrites(now));
            }
            if (state.isDecided()) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            long wake = Math.min(state.timerDue(), state.writeDue());
            long delay = wake == Long.MAX_VALUE ? MAX_TICK_NANOS : Math.min(MAX_TICK_NANOS, Math.max(0, wake - System.nanoTime()));
            next = channel.eventLoop().schedule(this::tick, delay, TimeUnit.NANOSECONDS);
        }

        private void write(byte[] bytes) {
            long before = System.nanoTime();
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> {
                if (f.isSuccess()) {
                    state.wrote(bytes.length, before);
                } else {
                    finish(Decision.failed(f.cause(), System.nanoTime(), "WRITE", state.lastReadAtForReport()));
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                long t = System.nanoTime();
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                Decision recovered = state.onRead(bytes, 0, bytes.length, t);
                if (recovered != null) {
                    finish(recovered);
                }
            } finally {
                b.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(Decision.failed(cause, System.nanoTime(), "READ", state.lastReadAtForReport()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!state.isDecided()) {
                finish(Decision.of(IoResult.eof(System.nanoTime()), "READ", state.lastReadAtForReport()));
            }
        }

        private void finish(Decision d) {
            if (!state.decide(d)) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            if (!channel.isActive()) {
                state.report("not written: Netty had already closed the channel");
                return;
            }
            channel.writeAndFlush(Unpooled.wrappedBuffer(FOLLOW_UP)).addListener(f -> state.report(f.isSuccess()
                    ? IoResult.ok(1, System.nanoTime()).describe()
                    : IoResult.failed(f.cause() instanceof Exception e ? e : new Exception(f.cause()), System.nanoTime()).describe()));
        }
    }
}
