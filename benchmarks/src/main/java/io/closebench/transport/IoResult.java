package io.closebench.transport;

import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;

/**
 * The result of one read or write on a {@link Connection}: what it reported, how many bytes it
 * moved, the exception verbatim if there was one, the event that told (where the model reports
 * events rather than call results, as Netty's pipeline does), and the {@code System.nanoTime()}
 * taken right after the call returned or the event arrived (the detection instant t1 when this is
 * the one that tells).
 *
 * @param outcome        {@link Outcome#NONE} for a call that moved bytes normally
 * @param bytes          bytes read or accepted by the kernel; 0 when the call failed
 * @param exceptionClass simple class name of the exception, or "" when none was thrown
 * @param message        the exception's message verbatim, or ""
 * @param event          the pipeline event verbatim ("ChannelInputShutdownEvent", "exceptionCaught",
 *                       "channelInactive") for an event-driven model; "" for a call that returned
 * @param returnedAt     clock reading right after the call returned or the event arrived
 * @param sigpipe        whether the call raised SIGPIPE; {@link SigPipe#UNKNOWN} for every Java model
 *                       (the JVM takes the signal), for reads, and where no call was made. For the C
 *                       observer {@code exceptionClass} is the errno's name ("ECONNRESET") and
 *                       {@code message} its number and text ("104: Connection reset by peer")
 */
public record IoResult(Outcome outcome, int bytes, String exceptionClass, String message, String event,
                       long returnedAt, SigPipe sigpipe) {

    /** A result of a model that cannot see SIGPIPE. */
    public IoResult(Outcome outcome, int bytes, String exceptionClass, String message, String event, long returnedAt) {
        this(outcome, bytes, exceptionClass, message, event, returnedAt, SigPipe.UNKNOWN);
    }

    public static IoResult ok(int bytes, long returnedAt) {
        return new IoResult(Outcome.NONE, bytes, "", "", "", returnedAt);
    }

    public static IoResult eof(long returnedAt) {
        return new IoResult(Outcome.EOF, 0, "", "", "", returnedAt);
    }

    public static IoResult timeout(long returnedAt) {
        return new IoResult(Outcome.TIMEOUT, 0, "", "", "", returnedAt);
    }

    /**
     * The program's own timer ran out (a connect timeout, Netty's {@code ConnectTimeoutException}):
     * TIMEOUT, whatever the classifier would make of the exception's words, which are kept verbatim.
     */
    public static IoResult timedOut(Throwable e, long returnedAt) {
        return new IoResult(Outcome.TIMEOUT, 0, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), "",
                returnedAt);
    }

    public static IoResult failed(Throwable e, long returnedAt) {
        return new IoResult(ErrorClassifier.classify(e), 0, e.getClass().getSimpleName(),
                String.valueOf(e.getMessage()), "", returnedAt);
    }

    /** The same result, as told by the pipeline event {@code event}. */
    public IoResult toldBy(String event) {
        return new IoResult(outcome, bytes, exceptionClass, message, event, returnedAt, sigpipe);
    }

    /** True when the call ended the conversation: EOF, an error, or our deadline. */
    public boolean ended() {
        return outcome != Outcome.NONE;
    }

    /**
     * A compact human form: "ok 1024 B", "EOF", "RESET (SocketException: Connection reset)"; a call
     * that raised SIGPIPE says so at the end: "BROKEN_PIPE (EPIPE: 32: Broken pipe) with SIGPIPE".
     */
    public String describe() {
        String via = (event.isEmpty() ? "" : " [" + event + "]") + (sigpipe == SigPipe.RAISED ? " with SIGPIPE" : "");
        return switch (outcome) {
            case NONE -> "ok " + bytes + " B";
            case EOF, TIMEOUT -> outcome.name() + via;
            default -> outcome + " (" + exceptionClass + ": " + message + ")" + via;
        };
    }
}
