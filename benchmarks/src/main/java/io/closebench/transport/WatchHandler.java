package io.closebench.transport;

import io.closebench.schema.Outcome;

/**
 * What a connection watched in the background reports: the bytes it reads, and once, how it ended
 * and when. The calls come on the model's own thread (a reader thread, a virtual thread, an event
 * loop), right after the call that told returned. The end is given as primitives so that reporting
 * it allocates nothing: with thousands of peers dying at once, the harness must add no work of its
 * own between one connection's detection and the next.
 */
public interface WatchHandler {

    /** {@code n} bytes were read at {@code t}. */
    void bytes(int n, long t);

    /**
     * The connection ended at {@code t1}: EOF, an error ({@code cause} verbatim, null for EOF), or
     * this program's own close.
     */
    void ended(Outcome outcome, long t1, Throwable cause);
}
