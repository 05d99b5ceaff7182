package io.closebench.fault;

/**
 * The peer's part of putting the connection in its state at the fault: what it reads of what the
 * observer sent first, and what it sends.
 *
 * @param readsObserverBytes bytes of the observer's first send it reads (0: it leaves them unread,
 *                           which turns its close into an RST)
 * @param data               what it sends
 * @param bytes              how much ({@link PeerData#FILL_UNREAD}: until every buffer is full)
 * @param writeSize          the size of its writes
 */
public record PeerPreparation(long readsObserverBytes, PeerData data, long bytes, int writeSize) {
}
