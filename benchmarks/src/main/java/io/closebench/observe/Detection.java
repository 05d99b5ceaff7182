package io.closebench.observe;

import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;
import io.closebench.transport.IoResult;

/**
 * How one observer learned that a connection ended, and how long after the fault: the one value a
 * loopback repetition ({@code run.Observation}), a pulled-cable connection ({@code cable.CableSample})
 * and a mass-death connection all report.
 *
 * @param outcome          the outcome class
 * @param detectedBy       what told: READ or WRITE (a socket call), or the mechanism's own timer
 *                         (READ_DEADLINE, HEARTBEAT), BOUND (nothing by the harness's bound),
 *                         RECOVERY (data flowed again); "" when nothing was called
 * @param event            the pipeline event verbatim for an event-driven model, else ""
 * @param exceptionClass   the exception's simple class name, or ""
 * @param exceptionMessage its message verbatim, or ""
 * @param latencyNanos     t1 - t0; for TIMEOUT or BOUND how long it waited; -1 when t0 is unknown
 * @param sigpipe          whether the call that told raised SIGPIPE (only the C observers can tell)
 */
public record Detection(Outcome outcome, String detectedBy, String event, String exceptionClass,
                        String exceptionMessage, long latencyNanos, SigPipe sigpipe) {

    /** A detection of a model that cannot see SIGPIPE, or of no call at all. */
    public Detection(Outcome outcome, String detectedBy, String event, String exceptionClass, String exceptionMessage,
                     long latencyNanos) {
        this(outcome, detectedBy, event, exceptionClass, exceptionMessage, latencyNanos, SigPipe.UNKNOWN);
    }

    /** What a call reported, t0 being {@code t0} ({@code Long.MIN_VALUE}: unknown). */
    public static Detection of(IoResult r, String detectedBy, long t0) {
        return new Detection(r.outcome(), detectedBy, r.event(), r.exceptionClass(), r.message(),
                t0 == Long.MIN_VALUE ? -1 : r.returnedAt() - t0, r.sigpipe());
    }

    /** The harness could not reproduce the case: no detection at all. */
    public static Detection harnessFailure() {
        return new Detection(Outcome.HARNESS_FAILURE, "", "", "", "", -1);
    }

    /** A verdict of the observer's own timers or of the harness's bound, at {@code t1}. */
    public static Detection timer(Outcome outcome, String which, long t1, long t0) {
        return new Detection(outcome, which, "", "", "", t1 - t0);
    }
}
