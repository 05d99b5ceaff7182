package io.closebench.fault;

/**
 * The peer's part of putting the connection in its state at the fault: what it reads of what the
 * observer sent first, what it sends, and how it holds its channel.
 *
 * @param readsObserverBytes bytes of the observer's first send it reads (0: it leaves them unread,
 *                           which turns its close into an RST)
 * @param data               what it sends
 * @param bytes              how much ({@link PeerData#FILL_UNREAD}: its send buffer's size, 0 for
 *                           the kernel's; it then sends until every buffer is full)
 * @param writeSize          the size of its writes
 * @param channel            how it holds its channel at the fault
 */
public record PeerPreparation(long readsObserverBytes, PeerData data, long bytes, int writeSize, PeerChannel channel) {

    /** A blocking, never registered peer: every case of the note. */
    public PeerPreparation(long readsObserverBytes, PeerData data, long bytes, int writeSize) {
        this(readsObserverBytes, data, bytes, writeSize, PeerChannel.BLOCKING);
    }
}
