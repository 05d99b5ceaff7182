package io.closebench.fault;

/** What the misbehaving peer sends before its fault, and what the observer does with it. */
public enum PeerData {
    /** Nothing. */
    NONE,
    /** The peer sends while the observer is already reading: data and the fault race. */
    STREAM_DURING_PROBE,
    /** The peer sends and the observer reads it all before the fault ("receives messages"). */
    SENT_THEN_DRAINED,
    /** The peer sends; the data is in the observer's receive buffer, unread, at the fault. */
    SENT_UNREAD,
    /**
     * The peer writes until every buffer on the way is full; most of it is still queued at the peer.
     * With a byte count, the peer first sets its {@code SO_SNDBUF} to it, so that only that much
     * (doubled by the kernel) waits at the peer, not megabytes.
     */
    FILL_UNREAD,
    /**
     * The peer sends nothing and has stopped reading: the observer's own write fills the peer's
     * receive buffer, then its own send buffer, until it blocks. The peer waits for that (its
     * receive queue stops growing) before its fault.
     */
    OBSERVER_FILLS
}
