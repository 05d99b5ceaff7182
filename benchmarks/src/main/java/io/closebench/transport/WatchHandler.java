package io.closebench.transport;

import io.closebench.schema.Outcome;

/**
 * What a connection watched in the background reports: the bytes it reads, how its writes went,
 * and once, how it ended and when. The calls come on the model's own thread (a reader or writer
 * thread, a virtual thread, an event loop), right after the call that told returned. The end is
 * given as primitives so that reporting it allocates nothing: with thousands of peers dying at
 * once, the harness must add no work of its own between one connection's detection and the next.
 */
public interface WatchHandler {

    /**
     * Bytes were read at {@code t}: {@code data}'s remaining bytes, valid only during the call (the
     * model reuses its buffer).
     */
    void bytes(java.nio.ByteBuffer data, long t);

    /**
     * The connection ended at {@code t1}, as a read (or the model's own event) told: EOF, an error
     * ({@code cause} verbatim, null for EOF), or this program's own close.
     */
    void ended(Outcome outcome, long t1, Throwable cause);

    /** A write of {@code n} bytes that started at {@code startedAt} was accepted by the kernel. */
    default void written(int n, long startedAt) {
    }

    /** A write failed at {@code t} ({@link Outcome#TIMEOUT}: it was still blocked at its deadline). */
    default void writeFailed(Outcome outcome, long t, Throwable cause) {
        ended(outcome, t, cause);
    }
}
