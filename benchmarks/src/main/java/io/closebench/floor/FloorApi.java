package io.closebench.floor;

/** How the native observer waits for its socket; the names are the program's second argument. */
public enum FloorApi {
    /** A read() on a blocking socket, which itself sleeps until the outcome. */
    BLOCKING,
    /**
     * A non-blocking socket in an epoll instance (EPOLLIN, level-triggered, as Java's Selector):
     * read(), on EAGAIN epoll_wait(), then read() again. The floor of the harness's NIO observer.
     */
    NIO,
    /**
     * A non-blocking socket: read(), on EAGAIN poll(), then read() again. This, not {@link #BLOCKING},
     * is what the harness's blocking observer does in the kernel: {@code BlockingConnection} always
     * sets SO_TIMEOUT, and under a timeout the JDK's socket (NioSocketImpl.timedRead) switches to
     * non-blocking mode and parks in poll(). The floor of the harness's BLOCKING observer.
     */
    POLL
}
