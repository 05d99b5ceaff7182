package io.closebench.schema;

import java.util.Optional;

/**
 * How the C observer of the native floor ({@code native-floor.csv}, column {@code api}) waits for its
 * socket, the names being the floor program's second argument, and which
 * Java model each is the floor of. The pairing is by what happens in the kernel, not by name: the
 * JDK's blocking read always runs under a timeout here, and a timed read on a JDK socket switches
 * to non-blocking mode and parks in poll(), so Java's BLOCKING observer is compared with C's POLL;
 * Java's NIO Selector is epoll, as C's NIO is. C's plain blocking read has no Java counterpart and
 * is shown for what it is: the cheapest wake-up the kernel offers.
 */
public enum FloorApi {

    /** A read() on a blocking socket, which itself sleeps until the outcome. */
    BLOCKING(null, "a plain blocking read()"),

    /**
     * A non-blocking socket in an epoll instance (EPOLLIN, level-triggered, as Java's Selector):
     * read(), on EAGAIN epoll_wait(), then read() again. The floor of the harness's NIO observer.
     */
    NIO(Observer.NIO, "epoll_wait(), then read()"),

    /**
     * A non-blocking socket: read(), on EAGAIN poll(), then read() again. This, not {@link #BLOCKING},
     * is what the harness's blocking observer does in the kernel: its {@code BlockingConnection} always
     * sets SO_TIMEOUT, and under a timeout the JDK's socket (NioSocketImpl.timedRead) switches to
     * non-blocking mode and parks in poll(). The floor of the harness's BLOCKING observer.
     */
    POLL(Observer.BLOCKING, "poll(), then read(), as the JDK's timed blocking read does");

    private final Observer javaCounterpart;
    private final String description;

    FloorApi(Observer javaCounterpart, String description) {
        this.javaCounterpart = javaCounterpart;
        this.description = description;
    }

    /** @return the Java model whose floor this is, empty for the plain blocking read */
    public Optional<Observer> javaCounterpart() {
        return Optional.ofNullable(javaCounterpart);
    }

    /** @return what the C observer does, in words */
    public String description() {
        return description;
    }
}
