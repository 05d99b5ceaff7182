package io.closebench.cable;

import io.closebench.schema.DetectedBy;

import io.closebench.transport.IoResult;
import io.closebench.schema.Outcome;

/**
 * How and when the server child decided one connection's fate.
 *
 * @param outcome        the outcome class
 * @param detectedBy     see {@link OutcomeLine#detectedBy()}
 * @param t1             when
 * @param exceptionClass simple class name, or ""
 * @param message        verbatim, or ""
 * @param lastReadAt     the last byte read before this decision
 */
public record Decision(Outcome outcome, DetectedBy detectedBy, long t1, String exceptionClass, String message, long lastReadAt) {

    /** What a socket call reported, through the project's one classifier ({@link IoResult#failed}). */
    public static Decision of(IoResult r, DetectedBy call, long lastReadAt) {
        return new Decision(r.outcome(), call, r.returnedAt(), r.exceptionClass(), r.message(), lastReadAt);
    }

    /** A failure reported as an exception (NIO and Netty paths). */
    public static Decision failed(Throwable cause, long t, DetectedBy call, long lastReadAt) {
        Exception e = cause instanceof Exception ex ? ex : new Exception(cause);
        return of(IoResult.failed(e, t), call, lastReadAt);
    }

    public static Decision timer(Outcome outcome, DetectedBy which, long t, long lastReadAt) {
        return new Decision(outcome, which, t, "", "", lastReadAt);
    }
}
