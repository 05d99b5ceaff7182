package io.closebench.transport;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies {@link SocketSettings} through the JDK: keepalive with {@code jdk.net.ExtendedSocketOptions}
 * (Linux, JDK 11+). {@code TCP_USER_TIMEOUT} has no JDK option at all: asked for it, this refuses.
 */
public final class JdkSocketOptions {

    /** Anything that takes socket options: {@code Socket} and {@code SocketChannel} both do. */
    public interface Target {
        <T> void set(SocketOption<T> option, T value) throws IOException;
    }

    private JdkSocketOptions() {
    }

    public static void apply(SocketSettings settings, Target socket) throws IOException {
        if (settings.userTimeoutMillis().isPresent()) {
            throw new IllegalArgumentException("the JDK has no socket option for TCP_USER_TIMEOUT");
        }
        if (settings.keepalive()) {
            socket.set(StandardSocketOptions.SO_KEEPALIVE, true);
            socket.set(ExtendedSocketOptions.TCP_KEEPIDLE, settings.keepaliveIdleSeconds().get());
            socket.set(ExtendedSocketOptions.TCP_KEEPINTERVAL, settings.keepaliveIntervalSeconds());
            socket.set(ExtendedSocketOptions.TCP_KEEPCOUNT, settings.keepaliveCount());
        }
    }
}
