package io.closebench.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import java.io.IOException;
import jdk.net.ExtendedSocketOptions;
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

    /** A new, unregistered client channel of this transport, its socket made in {@code home}. */
    public Channel newChannel(SocketHome home) throws IOException {
        return home.make(() -> instantiate(channel));
    }

    /** A new, unregistered server channel of this transport, its socket made in {@code home}. */
    public ServerChannel newServerChannel(SocketHome home) throws IOException {
        return home.make(() -> instantiate(serverChannel));
    }

    /** Netty's channels make their socket in their constructor: that is where the home matters. */
    private static <C extends Channel> C instantiate(Class<C> type) throws IOException {
        try {
            return type.getConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IOException("cannot make a " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot make a " + type.getSimpleName(), e);
        }
    }

    /**
     * Applies keepalive and {@code TCP_USER_TIMEOUT} through this transport's own options: epoll and
     * io_uring set both natively; the NIO transport goes through the JDK's options, which have no
     * {@code TCP_USER_TIMEOUT}.
     *
     * @throws IllegalArgumentException when this transport cannot set one of them
     */
    public void apply(ChannelConfig config, SocketSettings settings) {
        if (settings.keepalive()) {
            config.setOption(ChannelOption.SO_KEEPALIVE, true);
        }
        switch (this) {
            case EPOLL -> {
                settings.keepaliveIdleSeconds().ifPresent(idle -> {
                    config.setOption(EpollChannelOption.TCP_KEEPIDLE, idle);
                    config.setOption(EpollChannelOption.TCP_KEEPINTVL, settings.keepaliveIntervalSeconds());
                    config.setOption(EpollChannelOption.TCP_KEEPCNT, settings.keepaliveCount());
                });
                settings.userTimeoutMillis().ifPresent(ms -> config.setOption(EpollChannelOption.TCP_USER_TIMEOUT, ms));
            }
            case IO_URING -> {
                settings.keepaliveIdleSeconds().ifPresent(idle -> {
                    config.setOption(IoUringChannelOption.TCP_KEEPIDLE, idle);
                    config.setOption(IoUringChannelOption.TCP_KEEPINTVL, settings.keepaliveIntervalSeconds());
                    config.setOption(IoUringChannelOption.TCP_KEEPCNT, settings.keepaliveCount());
                });
                settings.userTimeoutMillis().ifPresent(ms -> config.setOption(IoUringChannelOption.TCP_USER_TIMEOUT, ms));
            }
            case NIO -> {
                if (settings.userTimeoutMillis().isPresent()) {
                    throw new IllegalArgumentException("Netty's NIO transport has only the JDK's options: no TCP_USER_TIMEOUT");
                }
                settings.keepaliveIdleSeconds().ifPresent(idle -> {
                    config.setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle);
                    config.setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                            settings.keepaliveIntervalSeconds());
                    config.setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), settings.keepaliveCount());
                });
            }
        }
    }
}
