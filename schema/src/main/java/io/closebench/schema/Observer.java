package io.closebench.schema;

/**
 * The I/O models closebench compares: how a program learns that a connection ended. The names are
 * the words of every file, parameter and table; what each one runs is in the benchmarks module's
 * {@code observe.ObserverModels}.
 */
public enum Observer {

    /** {@code java.net.Socket} on a platform thread that sleeps in read or write. */
    BLOCKING("java.net.Socket, a platform thread asleep in the call"),

    /** The same blocking code on a virtual thread (JDK 21+): parked, woken by the JDK's poller. */
    VIRTUAL("java.net.Socket on a virtual thread (JDK 21+)"),

    /** A non-blocking {@code SocketChannel} on a {@code Selector}, one event-loop thread. */
    NIO("SocketChannel + Selector, one event loop"),

    /** NIO with one selector thread per CPU, connections spread over them: how event loops scale. */
    NIO_PER_CORE("SocketChannel + one Selector per CPU"),

    /** Netty 4.2 on its NIO transport, one event loop. */
    NETTY_NIO("Netty NIO transport, one event loop"),

    /** Netty 4.2 on its native epoll transport (EPOLLRDHUP), one event loop. */
    NETTY_EPOLL("Netty epoll transport, one event loop"),

    /** Netty 4.2 on its native io_uring transport, one event loop. */
    NETTY_IOURING("Netty io_uring transport, one event loop"),

    /**
     * Not Java: the harness's C observer, a thread asleep in blocking {@code recv()}/{@code send()},
     * SIGPIPE at its default disposition. Reports what the note reports: return value, errno by
     * number and name, and whether SIGPIPE was raised. The floor under the Java models.
     */
    NATIVE("C: blocking recv()/send(), SIGPIPE's default disposition"),

    /** The C observer on a non-blocking socket in epoll (level-triggered, as Java's Selector), SIGPIPE as NATIVE. */
    NATIVE_EPOLL("C: non-blocking socket, epoll_wait() then recv()/send(), SIGPIPE's default disposition"),

    /** NATIVE, its sends with {@code MSG_NOSIGNAL}: the kernel raises no SIGPIPE, the send still gets EPIPE. */
    NATIVE_NOSIGNAL("C: blocking recv()/send(MSG_NOSIGNAL)");

    private final String description;

    Observer(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether this is one of the C observers, the floor under the Java models (NATIVE...), not a Java model. */
    public boolean isC() {
        return this == NATIVE || this == NATIVE_EPOLL || this == NATIVE_NOSIGNAL;
    }
}
