package io.closebench.transport;

/**
 * What one socket call, or a whole observation, reported about the connection.
 *
 * <p>The first five are the classes the project's note speaks of. The last two exist so that
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
        return this == EOF || this == RESET || this == BROKEN_PIPE || this == OTHER_ERROR;
    }
}
