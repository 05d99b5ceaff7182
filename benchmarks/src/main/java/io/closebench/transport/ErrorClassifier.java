package io.closebench.transport;

import io.closebench.schema.Outcome;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Maps the exceptions the JDK throws for socket errors to an {@link Outcome}.
 *
 * <p>The JDK exposes no errno: on Linux its messages are the C library's {@code strerror} texts
 * ("Connection reset by peer", "Broken pipe", "Connection timed out", "No route to host") or the
 * JDK's own ("Connection reset" for a reset seen by a blocking read, "Socket closed" when the
 * program's own close() ended a blocked call). Netty's native transport
 * wraps the same {@code strerror} text ("readAddress(..) failed: Connection timed out"), so its
 * exceptions classify the same way. Classification therefore goes by message, and every unrecognised message
 * is kept verbatim as {@link Outcome#OTHER_ERROR} rather than guessed. The JVM does not localise
 * these messages (it never calls {@code setlocale(LC_MESSAGES)}), so matching English is sound.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static Outcome classify(Throwable e) {
        if (e instanceof SocketTimeoutException) {
            return Outcome.TIMEOUT;
        }
        // AsynchronousCloseException and Netty's StacklessClosedChannelException are ClosedChannelExceptions
        if (e instanceof ClosedChannelException) {
            return Outcome.CLOSED_LOCALLY;
        }
        String message = String.valueOf(e.getMessage());
        if (message.equals("Socket closed") || message.equals("Socket is closed")) {
            // java.net.Socket's words when this program's own close() ended a blocked call
            return Outcome.CLOSED_LOCALLY;
        }
        if (message.contains("Connection reset")) {
            return Outcome.RESET;
        }
        if (message.contains("Broken pipe")) {
            return Outcome.BROKEN_PIPE;
        }
        if (message.contains("Connection timed out")) {
            return Outcome.CONNECTION_TIMED_OUT;
        }
        if (e instanceof NoRouteToHostException || message.contains("No route to host")) {
            return Outcome.NO_ROUTE_TO_HOST;
        }
        return Outcome.OTHER_ERROR;
    }
}
