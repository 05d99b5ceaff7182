package io.closebench.transport;

import java.net.SocketTimeoutException;

/**
 * Maps the exceptions the JDK throws for socket errors to an {@link Outcome}.
 *
 * <p>The JDK exposes no errno: on Linux its messages are the C library's {@code strerror} texts
 * ("Connection reset by peer", "Broken pipe") or the JDK's own ("Connection reset" for a reset seen
 * by a blocking read). Classification therefore goes by message, and every unrecognised message
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
        String message = String.valueOf(e.getMessage());
        if (message.contains("Connection reset")) {
            return Outcome.RESET;
        }
        if (message.contains("Broken pipe")) {
            return Outcome.BROKEN_PIPE;
        }
        return Outcome.OTHER_ERROR;
    }
}
