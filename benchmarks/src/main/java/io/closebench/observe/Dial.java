package io.closebench.observe;

import io.closebench.transport.SocketSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection the observer opens itself, as a program of its model would: from where, to where,
 * with which options set before the connect, and after how long the program gives up.
 *
 * @param from     the local address and port to bind first; empty: the kernel's choice
 * @param to       the peer's address
 * @param settings the options set before the connect (keepalive, {@code TCP_USER_TIMEOUT})
 * @param timeout  the program's own connect timeout; empty: the model's default
 *                 ({@link ObserverModel#defaultConnectTimeout()}), which for the JDK is none at all
 */
public record Dial(Optional<InetSocketAddress> from, InetSocketAddress to, SocketSettings settings,
                   Optional<Duration> timeout) {

    public Dial {
        Objects.requireNonNull(to, "to");
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("a connect timeout must be positive, got " + t);
            }
        });
    }

    /** A plain connect to {@code to}: no local address, no options, the model's own timeout. */
    public static Dial to(InetSocketAddress to) {
        return new Dial(Optional.empty(), to, SocketSettings.NONE, Optional.empty());
    }
}
