package io.closebench.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One connected TCP socket, driven through one of the JDK's two socket APIs with a deadline on
 * every call. The probes that detect a connection's end are written once against this interface;
 * {@link BlockingConnection} and {@link NioConnection} differ only where the APIs force them to.
 * {@link NativeConnection} forwards each call to the C observer's program, which stamps it with the
 * same clock.
 *
 * <p>Calls never throw for what the network reports: the outcome comes back in an
 * {@link IoResult}, stamped with the clock right after the underlying call returned. Deadlines are
 * absolute readings of the same clock ({@code System.nanoTime()} in production).
 */
public interface Connection extends AutoCloseable {

    /** Reads what is available into {@code dst}, waiting until {@code deadline} for something. */
    IoResult read(ByteBuffer dst, long deadline);

    /** Writes all of {@code src}, or fails; waits until {@code deadline} for buffer space. */
    IoResult write(ByteBuffer src, long deadline);

    /** Bytes already queued in this socket's receive buffer (FIONREAD), without reading them. */
    int available() throws IOException;

    /**
     * When this connection's model learned of its end by an event of its own, before any call asked
     * (Netty's pipeline: {@code exceptionCaught}, an input shutdown); {@code Long.MIN_VALUE} for a
     * model that learns only when a call is made, or when no end came yet.
     */
    default long endEventAt() {
        return Long.MIN_VALUE;
    }

    /** The peer's port, to check that an accepted connection is the one we expect. */
    int remotePort();

    /** This end's address, to find the connection in the kernel's tables; null when unknown. */
    default InetSocketAddress localAddress() {
        return null;
    }

    /** The peer's address, likewise; null when unknown. */
    default InetSocketAddress remoteAddress() {
        return null;
    }

    /** Closes the socket; idempotent and quiet, because cleanup must never mask the outcome. */
    @Override
    void close();
}
