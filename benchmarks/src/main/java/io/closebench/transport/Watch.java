package io.closebench.transport;

import java.util.function.Consumer;

/**
 * A connection watched in the background, on its model's own terms: a server's view of one of its
 * many connections. Reading is the model's (a thread blocked in read, or the event loop's
 * readiness); what it reads and how it ends goes to the {@link WatchHandler}. Writes and timers also
 * run where the model runs them: on a thread-per-connection model, on the connection's own writer
 * thread, a blocking write that may block (as such a server's writer does); on an event loop,
 * non-blocking on the loop thread, the rest queued until the socket is writable.
 */
public interface Watch extends AutoCloseable {

    /**
     * Writes {@code bytes}; {@link WatchHandler#written} or {@link WatchHandler#writeFailed} tells
     * how it went. A blocking write gives up at {@code deadline} (TIMEOUT).
     */
    void write(byte[] bytes, long deadline);

    /** Runs {@code task} on this connection's own thread or loop, at {@code atNanos} or soon after. */
    void at(long atNanos, Runnable task);

    /**
     * One write right now, as a program would try after learning of the end: does the socket still
     * take data? {@code result} gets what it returned, in words ("ok 1 B", "BROKEN_PIPE (...)", or
     * "not tried: ..." when a blocking writer is still stuck in an earlier write).
     */
    void tryWriteNow(byte[] bytes, Consumer<String> result);

    /** Stops watching and closes the connection. */
    @Override
    void close();
}
