package io.closebench.cable;

import java.time.Duration;

/**
 * What the server does on the connection besides watching it, which decides whether TCP has
 * anything to retransmit when the cable goes.
 */
public enum Workload {

    /** Nothing is sent (apart from what the detection mechanism itself sends: probes, pings). */
    IDLE,

    /**
     * The server streams {@value #CHUNK_BYTES}-byte chunks every {@link #PERIOD}, each ending in a
     * {@code P} that the client answers with a {@code p}, up to {@value #CAP_BYTES} bytes: data is in
     * flight, unacknowledged, whenever the cable is out. The cap keeps it below the send buffer, so
     * a write never blocks for lack of space, and bounds what a connection ever sends.
     */
    STREAM,

    /**
     * Nothing is sent on the established connections; after the fault, once
     * {@link #RECONNECT_AFTER} has passed (time for the server's kernel to process the carrier loss
     * and forget the peer's link-layer address, which it does within about a second), each
     * connection's turn is a new connection to the client's address and service port, opened with
     * the mechanism's options. Its outcome is what that connect reports.
     */
    RECONNECT;

    /** How long after t0 the server starts its reconnects. */
    public static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

    public static final int CHUNK_BYTES = 512;
    public static final Duration PERIOD = Duration.ofMillis(100);
    public static final int CAP_BYTES = 32 * 1024;
}
