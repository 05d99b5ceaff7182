package io.closebench.observe;

import io.closebench.schema.DetectedBy;
import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;
import io.closebench.transport.IoResult;

/**
 * How one observer learned that a connection ended, and how long after the fault: the one value a
 * loopback repetition ({@code rig.Observation}), a pulled-cable connection ({@code cable.CableSample})
 * and a mass-death connection all report.
 *
 * @param outcome          the outcome class
 * @param detectedBy       what told: a socket call, the mechanism's own timer, the harness's bound
 * @param event            the pipeline event verbatim for an event-driven model, else ""
 * @param exceptionClass   the exception's simple class name, or ""
 * @param exceptionMessage its message verbatim, or ""
 * @param latencyNanos     t1 - t0; for TIMEOUT or BOUND how long it waited; -1 when t0 is unknown
 * @param sigpipe          whether the call that told raised SIGPIPE (only the C observers can tell)
 */
public record Detection(Outcome outcome, DetectedBy detectedBy, String event, String exceptionClass,
                        String exceptionMessage, long latencyNanos, SigPipe sigpipe) {

    /** A detection of a model that cannot see SIGPIPE, or of no call at all. */
    public Detection(Outcome outcome, DetectedBy detectedBy, String event, String exceptionClass, String exceptionMessage,
                     long latencyNanos) {
        this(outcome, detectedBy, event, exceptionClass, exceptionMessage, latencyNanos, SigPipe.UNKNOWN);
    }

    /** What a call reported, t0 being {@code t0} ({@code Long.MIN_VALUE}: unknown). */
    public static Detection of(IoResult r, DetectedBy detectedBy, long t0) {
        return new Detection(r.outcome(), detectedBy, r.event(), r.exceptionClass(), r.message(),
                t0 == Long.MIN_VALUE ? -1 : r.returnedAt() - t0, r.sigpipe());
    }

    /**
     * The same detection with a latency of at least {@code floor}: for a t0 converted from another
     * host's clock, which may fall after t1 within its error bound although the fault came first.
     */
    public Detection notBefore(long floor) {
        return latencyNanos >= floor ? this
                : new Detection(outcome, detectedBy, event, exceptionClass, exceptionMessage, floor, sigpipe);
    }

    /** The harness could not reproduce the case: no detection at all. */
    public static Detection harnessFailure() {
        return new Detection(Outcome.HARNESS_FAILURE, DetectedBy.NOTHING, "", "", "", -1);
    }

    /** A verdict of the observer's own timers or of the harness's bound, at {@code t1}. */
    public static Detection timer(Outcome outcome, DetectedBy which, long t1, long t0) {
        return new Detection(outcome, which, "", "", "", t1 - t0);
    }
}
