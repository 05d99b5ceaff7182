package io.closebench.transport;

import io.closebench.schema.Outcome;
/**
 * The result of one read or write on a {@link Connection}: what it reported, how many bytes it
 * moved, the exception verbatim if there was one, and the {@code System.nanoTime()} taken right
 * after the call returned (the detection instant t1 when this call is the one that tells).
 *
 * @param outcome        {@link Outcome#NONE} for a call that moved bytes normally
 * @param bytes          bytes read or accepted by the kernel; 0 when the call failed
 * @param exceptionClass simple class name of the exception, or "" when none was thrown
 * @param message        the exception's message verbatim, or ""
 * @param returnedAt     clock reading right after the call returned
 */
public record IoResult(Outcome outcome, int bytes, String exceptionClass, String message, long returnedAt) {

    public static IoResult ok(int bytes, long returnedAt) {
        return new IoResult(Outcome.NONE, bytes, "", "", returnedAt);
    }

    public static IoResult eof(long returnedAt) {
        return new IoResult(Outcome.EOF, 0, "", "", returnedAt);
    }

    public static IoResult timeout(long returnedAt) {
        return new IoResult(Outcome.TIMEOUT, 0, "", "", returnedAt);
    }

    public static IoResult failed(Exception e, long returnedAt) {
        return new IoResult(ErrorClassifier.classify(e), 0, e.getClass().getSimpleName(),
                String.valueOf(e.getMessage()), returnedAt);
    }

    /** True when the call ended the conversation: EOF, an error, or our deadline. */
    public boolean ended() {
        return outcome != Outcome.NONE;
    }

    /** A compact human form: "ok 1024 B", "EOF", "RESET (SocketException: Connection reset)". */
    public String describe() {
        return switch (outcome) {
            case NONE -> "ok " + bytes + " B";
            case EOF, TIMEOUT -> outcome.name();
            default -> outcome + " (" + exceptionClass + ": " + message + ")";
        };
    }
}
