package io.closebench.settings;

import io.closebench.cable.Combination;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Java program sets each part of a {@link Combination}: with the JDK's own API where it has
 * one, with Netty's native transports where only they do, and what to use where neither can. Text
 * for the console and docs/settings.md.
 */
public final class JavaApi {

    private JavaApi() {
    }

    /** One line per part that is set. */
    public static List<String> lines(Combination c) {
        List<String> lines = new ArrayList<>();
        c.keepalive().ifPresent(k -> lines.add("keepalive " + k.settings() + ": JDK 11+ socket.setOption("
                + "StandardSocketOptions.SO_KEEPALIVE, true) and jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE " + k.idleSeconds()
                + ", TCP_KEEPINTERVAL " + k.intervalSeconds() + ", TCP_KEEPCOUNT " + k.count() + " (Socket and SocketChannel); "
                + "Netty: ChannelOption.SO_KEEPALIVE with EpollChannelOption.TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT "
                + "(io_uring: IoUringChannelOption's; NIO: NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE) ...)"));
        c.userTimeout().ifPresent(u -> lines.add("TCP_USER_TIMEOUT " + u.settings() + ": the JDK has no option for it; "
                + "Netty EpollChannelOption.TCP_USER_TIMEOUT " + u.millis() + " (or IoUringChannelOption.TCP_USER_TIMEOUT). "
                + "Without Netty's native transport: an application heartbeat (it ends the same faults and more), or "
                + "net.ipv4.tcp_retries2 for the whole host (or network namespace)"));
        c.retries2().ifPresent(r -> lines.add(r.label() + ": a sysctl, not a socket option: sysctl -w "
                + "net.ipv4.tcp_retries2=" + r.retries() + " (every connection of the host or network namespace)"));
        c.synRetries().ifPresent(s -> lines.add(s.label() + ": a sysctl: sysctl -w net.ipv4.tcp_syn_retries="
                + s.retries() + " (the host or network namespace)"));
        c.readDeadline().ifPresent(d -> lines.add("read deadline " + d.millis() + " ms: Socket.setSoTimeout(" + d.millis()
                + ") (SocketTimeoutException; the connection stays open); NIO: the selector's own timer; Netty: "
                + "ReadTimeoutHandler or IdleStateHandler(readerIdleTime)"));
        c.heartbeat().ifPresent(h -> lines.add("heartbeat " + h.settings() + ": Netty new IdleStateHandler("
                + h.deadAfterNanos() / 1_000_000 + ", " + h.intervalMillis() + ", 0, TimeUnit.MILLISECONDS): write a ping on "
                + "WRITER_IDLE, close on READER_IDLE (the peer must answer each ping); plain Java: a scheduled ping every "
                + h.intervalMillis() + " ms and a read deadline of " + h.deadAfterNanos() / 1_000_000 + " ms as the missed-pong timer"));
        c.connectTimeout().ifPresent(t -> lines.add("connect timeout " + t.millis() + " ms: Socket.connect(address, "
                + t.millis() + "); NIO: a timer around finishConnect(); Netty: ChannelOption.CONNECT_TIMEOUT_MILLIS "
                + t.millis()));
        if (lines.isEmpty()) {
            lines.add("nothing set: Java leaves SO_KEEPALIVE off and has no timer of its own");
        }
        return lines;
    }
}
