package io.closebench.cable;

/**
 * The programs that watch the server's side of the connections when the cable is pulled. Each is
 * a real server inside the server host's network namespace, doing what such a server does; they
 * differ only in the API that tells them the connection ended.
 */
public enum CableObserver {

    /** {@code java.net.Socket}: one thread per connection blocked in {@code read}, one in {@code write}. */
    BLOCKING("java.net.Socket, a thread per connection"),

    /** {@code SocketChannel}s on one {@code Selector}, one thread for all connections. */
    NIO("SocketChannel + one Selector for all"),

    /**
     * Netty 4.2's epoll transport, one event loop for all connections. It is here because it can set
     * {@code TCP_USER_TIMEOUT}, which the JDK's socket options cannot.
     */
    NETTY_EPOLL("Netty epoll, one event loop");

    private final String description;

    CableObserver(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
