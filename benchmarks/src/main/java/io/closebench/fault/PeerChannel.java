package io.closebench.fault;

/**
 * How the in-process peer holds its {@code SocketChannel} when it makes its fault call. The JDK
 * closes a channel differently by mode, and that changes what leaves the peer and when:
 * <ul>
 *   <li>not registered, blocking or not: {@code close()} is the kernel's {@code close()}
 *       (with {@code SO_LINGER} above 0 it blocks, non-blocking or not: Linux ignores
 *       {@code O_NONBLOCK} there);</li>
 *   <li>registered with a selector: the JDK defers the real close until the selector flushes the
 *       cancelled key (at its next select); meanwhile, unless {@code SO_LINGER} is 0, it shuts the
 *       output down (a FIN leaves at once) and turns {@code SO_LINGER} off, so that the deferred
 *       close does not wait. With {@code SO_LINGER} 0 nothing leaves until the flush.</li>
 * </ul>
 * A registered channel's interest set is empty: the peer is an event-loop server that stopped
 * reading this connection (back-pressure, auto-read off), so the data it left unread stays unread.
 */
public enum PeerChannel {
    /** Blocking, never registered: the default, and every case of the note. */
    BLOCKING("blocking"),
    /** Non-blocking, never registered. */
    NON_BLOCKING("non-blocking"),
    /**
     * Non-blocking and registered with the peer's own selector, whose thread sleeps in
     * {@code select()} with no timeout: nothing flushes the key while the observer watches.
     */
    REGISTERED_ASLEEP("registered, its selector asleep"),
    /**
     * Registered likewise, and the peer's selector is woken right after the fault call, as an event
     * loop that has closed a channel goes back to select: the key is flushed then.
     */
    REGISTERED_WOKEN("registered, its selector woken after close()");

    private final String label;

    PeerChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @return whether the channel is registered with the peer's selector at the fault */
    public boolean registered() {
        return this == REGISTERED_ASLEEP || this == REGISTERED_WOKEN;
    }
}
