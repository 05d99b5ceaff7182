package io.closebench.transport;

import java.util.Optional;

/**
 * What a server may set on a connection to learn sooner that its peer is gone: TCP keepalive with
 * its three timers, and {@code TCP_USER_TIMEOUT}, the most time data may stay unacknowledged. The
 * JDK's own API can set keepalive ({@code jdk.net.ExtendedSocketOptions}) but not
 * {@code TCP_USER_TIMEOUT}; Netty's native transports can set both.
 *
 * @param keepaliveIdleSeconds     {@code TCP_KEEPIDLE}, empty: keepalive off
 * @param keepaliveIntervalSeconds {@code TCP_KEEPINTVL}
 * @param keepaliveCount           {@code TCP_KEEPCNT}
 * @param userTimeoutMillis        {@code TCP_USER_TIMEOUT}, empty: the kernel's default (none)
 */
public record SocketSettings(Optional<Integer> keepaliveIdleSeconds, int keepaliveIntervalSeconds, int keepaliveCount,
                             Optional<Integer> userTimeoutMillis) {

    public static final SocketSettings NONE = new SocketSettings(Optional.empty(), 0, 0, Optional.empty());

    public static SocketSettings keepalive(int idleSeconds, int intervalSeconds, int count) {
        return new SocketSettings(Optional.of(idleSeconds), intervalSeconds, count, Optional.empty());
    }

    public static SocketSettings userTimeout(int millis) {
        return new SocketSettings(Optional.empty(), 0, 0, Optional.of(millis));
    }

    /** These settings and {@code other}'s together (keepalive from whichever has it). */
    public SocketSettings and(SocketSettings other) {
        return new SocketSettings(keepaliveIdleSeconds.or(other::keepaliveIdleSeconds),
                keepaliveIdleSeconds.isPresent() ? keepaliveIntervalSeconds : other.keepaliveIntervalSeconds,
                keepaliveIdleSeconds.isPresent() ? keepaliveCount : other.keepaliveCount,
                userTimeoutMillis.or(other::userTimeoutMillis));
    }

    public boolean keepalive() {
        return keepaliveIdleSeconds.isPresent();
    }
}
