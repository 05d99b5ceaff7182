package io.closebench.schema;

/**
 * What one socket call, or a whole observation, reported about the connection.
 *
 * <p>EOF, RESET, BROKEN_PIPE, TIMEOUT and NONE are the classes the project's note speaks of. The
 * pulled-cable cases add the two ways the kernel itself ends a connection to a silent peer
 * (CONNECTION_TIMED_OUT, NO_ROUTE_TO_HOST) and the application's own verdict (HEARTBEAT_MISSED).
 * The last two exist so that
 * nothing is ever dropped: an error the classifier does not recognise is kept as
 * {@link #OTHER_ERROR} with its message verbatim, and a repetition the harness itself could not
 * set up is counted as {@link #HARNESS_FAILURE} rather than silently retried.
 */
public enum Outcome {
    /** {@code read} returned -1: the peer's FIN arrived (recv returned 0). */
    EOF,
    /** ECONNRESET, "Connection reset (by peer)": an RST arrived. */
    RESET,
    /** EPIPE, "Broken pipe": a write after the connection was torn down. */
    BROKEN_PIPE,
    /**
     * ETIMEDOUT, "Connection timed out": the kernel gave up on a silent peer and said so, when its
     * retransmissions ({@code tcp_retries2}), its keepalive probes or {@code TCP_USER_TIMEOUT} ran out.
     */
    CONNECTION_TIMED_OUT,
    /**
     * EHOSTUNREACH, "No route to host": the kernel gave up on a silent peer, as above, after a
     * host-unreachable error had been recorded on the socket (on a LAN: the peer's link-layer
     * address could no longer be resolved), which it then reports instead of ETIMEDOUT.
     */
    NO_ROUTE_TO_HOST,
    /**
     * The application's own heartbeat went unanswered for its deadline: the application, not TCP,
     * declared the peer dead. The socket itself reported nothing.
     */
    HEARTBEAT_MISSED,
    /**
     * The observer's own program closed the socket while a call was blocked in it (another thread's
     * {@code close()}): "Socket closed", {@code AsynchronousCloseException}, Netty's closed channel.
     * Nothing came from the network.
     */
    CLOSED_LOCALLY,
    /** Our own deadline passed first. A local timer, not something the network reported. */
    TIMEOUT,
    /** The call succeeded (or the probe ended) without anything abnormal being reported. */
    NONE,
    /** An IOException none of the above describes; its class and message are kept verbatim. */
    OTHER_ERROR,
    /** The harness could not reproduce the case this time (e.g. the child never connected). */
    HARNESS_FAILURE;

    /** True for outcomes that mean "the observer now knows the connection ended". */
    public boolean isDetection() {
        return this == EOF || this == RESET || this == BROKEN_PIPE || this == CONNECTION_TIMED_OUT
                || this == NO_ROUTE_TO_HOST || this == HEARTBEAT_MISSED || this == CLOSED_LOCALLY || this == OTHER_ERROR;
    }
}
