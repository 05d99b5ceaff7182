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
    /** The peer writes until every buffer on the way is full; most of it is still queued at the peer. */
    FILL_UNREAD
}
