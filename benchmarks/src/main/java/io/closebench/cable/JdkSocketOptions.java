package io.closebench.cable;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies a mechanism's socket options through the JDK: keepalive with
 * {@code jdk.net.ExtendedSocketOptions} (Linux, JDK 11+). Nothing else has a JDK socket option:
 * {@code tcp_retries2} is a namespace sysctl, the read deadline and the heartbeat are the
 * application's, and {@code TCP_USER_TIMEOUT} has no JDK option at all.
 */
final class JdkSocketOptions {

    /** Anything that takes socket options: {@code Socket} and {@code SocketChannel} both do. */
    interface Target {
        <T> void set(SocketOption<T> option, T value) throws IOException;
    }

    private JdkSocketOptions() {
    }

    static void apply(Mechanism mechanism, Target socket) throws IOException {
        if (mechanism instanceof TcpKeepalive ka) {
            socket.set(StandardSocketOptions.SO_KEEPALIVE, true);
            socket.set(ExtendedSocketOptions.TCP_KEEPIDLE, ka.idleSeconds());
            socket.set(ExtendedSocketOptions.TCP_KEEPINTERVAL, ka.intervalSeconds());
            socket.set(ExtendedSocketOptions.TCP_KEEPCOUNT, ka.count());
        } else if (mechanism instanceof UserTimeout) {
            throw new IllegalArgumentException("the JDK has no socket option for TCP_USER_TIMEOUT");
        }
    }
}
