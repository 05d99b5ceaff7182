package io.closebench.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Netty 4.2's three socket transports: the same pipeline over a JDK {@code Selector}, over epoll
 * (with {@code EPOLLRDHUP}: a peer's FIN is an event of its own), or over io_uring (completions
 * instead of readiness). Which one a program uses is the only difference between the three Netty
 * observers.
 */
public enum NettyTransport {

    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class) {
        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }
    },

    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class) {
        @Override
        public Optional<String> unavailableReason() {
            return Epoll.isAvailable() ? Optional.empty()
                    : Optional.of("Netty's native epoll transport does not load here: " + Epoll.unavailabilityCause());
        }
    },

    IO_URING(IoUringIoHandler::newFactory, IoUringServerSocketChannel.class, IoUringSocketChannel.class) {
        @Override
        public Optional<String> unavailableReason() {
            return IoUring.isAvailable() ? Optional.empty()
                    : Optional.of("the kernel or Netty refuses io_uring here: " + IoUring.unavailabilityCause());
        }
    };

    private final Supplier<IoHandlerFactory> handlers;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends Channel> channel;

    NettyTransport(Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> serverChannel,
                   Class<? extends Channel> channel) {
        this.handlers = handlers;
        this.serverChannel = serverChannel;
        this.channel = channel;
    }

    /** Why this transport cannot run here (native library, kernel), or empty when it can. */
    public abstract Optional<String> unavailableReason();

    public IoHandlerFactory handlerFactory() {
        return handlers.get();
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannel;
    }

    public Class<? extends Channel> channelClass() {
        return channel;
    }
}
