package io.closebench.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * A Netty server channel on the observer's {@link NettyLoop}: accepted channels are
 * {@link NettyConnection}s, auto-read off and half closure allowed, each with its own
 * {@link NettyInbox} first in the pipeline. Created and used on the observer thread.
 */
public final class NettyListener implements Listener {

    private final NettyLoop loop;
    private final LongSupplier clock;
    private final ArrayDeque<NettyConnection> accepted = new ArrayDeque<>();
    private final Channel server;

    public NettyListener(InetSocketAddress bindTo, NettyLoop loop, LongSupplier clock, SocketHome home) throws IOException {
        this.loop = loop;
        this.clock = clock;
        ServerChannel made = loop.transport().newServerChannel(home);
        ServerBootstrap b = new ServerBootstrap().group(loop.eventLoop())
                .channelFactory((io.netty.channel.ChannelFactory<ServerChannel>) () -> made)
                .option(ChannelOption.SO_BACKLOG, 512)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        NettyInbox inbox = new NettyInbox(clock);
                        ch.pipeline().addLast(inbox);
                        accepted.add(new NettyConnection(ch, inbox, loop, clock));
                    }
                });
        ChannelFuture bound = b.bind(bindTo);
        loop.runUntil(bound::isDone, clock.getAsLong() + 5_000_000_000L, clock);
        if (!bound.isSuccess()) {
            throw new IOException("Netty " + loop.transport() + " cannot listen on " + bindTo, bound.cause());
        }
        this.server = bound.channel();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public Connection accept(long deadline) throws IOException {
        if (!loop.runUntil(() -> !accepted.isEmpty(), deadline, clock)) {
            throw new SocketTimeoutException("no connection to accept before the deadline");
        }
        return accepted.poll();
    }

    @Override
    public void close() {
        ChannelFuture f = server.close();
        if (server.eventLoop().inEventLoop()) {
            loop.runUntil(f::isDone, clock.getAsLong() + 1_000_000_000L, clock);
        }
        accepted.forEach(NettyConnection::close);
    }
}
