package io.closebench.analysis.report;

import io.closebench.schema.Observer;

/**
 * The pairs of I/O models worth asking "which notices sooner?" about, each the step from one way of
 * waiting to the next: measured side by side in one run, under one scenario, placement, idle time
 * and load, they say what that step costs or saves. The first named is the challenger, the second
 * the reference; ratios are challenger over reference (below 1: the challenger detects sooner).
 */
enum ModelPair {

    NIO_VS_BLOCKING(Observer.NIO, Observer.BLOCKING, "a selector against a thread asleep in the call"),
    VIRTUAL_VS_BLOCKING(Observer.VIRTUAL, Observer.BLOCKING, "a virtual thread, woken by the JDK's poller, against a "
            + "platform thread"),
    NETTY_EPOLL_VS_NETTY_NIO(Observer.NETTY_EPOLL, Observer.NETTY_NIO, "Netty's native epoll transport against its NIO "
            + "transport"),
    NETTY_NIO_VS_NIO(Observer.NETTY_NIO, Observer.NIO, "Netty's own cost on top of a plain selector"),
    NETTY_IOURING_VS_NETTY_EPOLL(Observer.NETTY_IOURING, Observer.NETTY_EPOLL, "io_uring against epoll, both in Netty"),
    // every Java model over the C observer that waits as it does: what the JVM and the library add to the kernel's floor
    BLOCKING_VS_NATIVE(Observer.BLOCKING, Observer.NATIVE, "java.net.Socket against C's blocking recv()/send()"),
    VIRTUAL_VS_NATIVE(Observer.VIRTUAL, Observer.NATIVE, "a virtual thread against C's blocking recv()/send()"),
    NIO_VS_NATIVE_EPOLL(Observer.NIO, Observer.NATIVE_EPOLL, "a Selector against C's epoll_wait()"),
    NETTY_NIO_VS_NATIVE_EPOLL(Observer.NETTY_NIO, Observer.NATIVE_EPOLL, "Netty's NIO transport against C's epoll_wait()"),
    NETTY_EPOLL_VS_NATIVE_EPOLL(Observer.NETTY_EPOLL, Observer.NATIVE_EPOLL, "Netty's epoll transport against C's "
            + "epoll_wait()"),
    NETTY_IOURING_VS_NATIVE_EPOLL(Observer.NETTY_IOURING, Observer.NATIVE_EPOLL, "Netty's io_uring transport against "
            + "C's epoll_wait()");

    private final Observer challenger;
    private final Observer reference;
    private final String question;

    ModelPair(Observer challenger, Observer reference, String question) {
        this.challenger = challenger;
        this.reference = reference;
        this.question = question;
    }

    Observer challenger() {
        return challenger;
    }

    Observer reference() {
        return reference;
    }

    /** @return what the pair asks, in words */
    String question() {
        return question;
    }

    /** @return "NIO vs BLOCKING" */
    String label() {
        return challenger + " vs " + reference;
    }

    /** @return "NIO/BLOCKING", the ratio's name */
    String ratioName() {
        return challenger + "/" + reference;
    }
}
