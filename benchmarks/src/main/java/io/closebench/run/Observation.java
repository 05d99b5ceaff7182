package io.closebench.run;

import io.closebench.scenario.Scenario;
import io.closebench.schema.Outcome;
import io.closebench.transport.SocketApi;

/**
 * One repetition of one scenario with one observer: what happened, verbatim, and when.
 *
 * @param scenario         the scenario that ran
 * @param api              the observer's detection path
 * @param outcome          what the observer's decisive call reported
 * @param detectedBy       "READ" or "WRITE", the kind of that call ("" if none was made)
 * @param exceptionClass   its exception's simple class name, or ""
 * @param exceptionMessage its exception's message verbatim, or ""
 * @param latencyNanos     t1 - t0: from right before the fault call to right after the decisive
 *                         call returned; for TIMEOUT, how long the observer waited; -1 if t0 is unknown
 * @param peerBytesSent    bytes the peer's kernel accepted from it (a child: its completed writes)
 * @param bytesDelivered   bytes the observer read over the whole repetition
 * @param writesAccepted   the observer's writes the kernel accepted before the decisive call
 * @param bytesAccepted    bytes those writes carried
 * @param nextRead         what one more read returned afterwards ("EOF", "RESET (...)", "ok 5 B")
 * @param nextWrite        what one more 1-byte write returned after that
 * @param peerAfter        what the peer saw afterwards, where it still listens (half-close), or ""
 * @param asleepAtFault    "yes"/"no": the observer was seen asleep in the kernel at t0;
 *                         "n/a" where it acts after the fault or a child decides when to end
 * @param t0Source         "parent" (the harness's clock), "child" (a JVM child's nanoTime) or
 *                         "child-realtime" (bash's EPOCHREALTIME, converted)
 * @param failure          why the harness could not run the case as designed, or ""
 */
public record Observation(Scenario scenario, SocketApi api, Outcome outcome, String detectedBy,
                          String exceptionClass, String exceptionMessage, long latencyNanos,
                          long peerBytesSent, long bytesDelivered, int writesAccepted, long bytesAccepted,
                          String nextRead, String nextWrite, String peerAfter, String asleepAtFault,
                          String t0Source, String failure) {

    /** A repetition the harness could not set up: kept and counted, never dropped. */
    static Observation harnessFailure(Scenario scenario, SocketApi api, String why) {
        return new Observation(scenario, api, Outcome.HARNESS_FAILURE, "", "", "", -1, -1, -1, 0, 0,
                "", "", "", "n/a", "", why);
    }

    /** Bytes the peer sent that never reached the observer (never negative; see peerBytesSent). */
    public long bytesLost() {
        return peerBytesSent < 0 || bytesDelivered < 0 ? 0 : Math.max(0, peerBytesSent - bytesDelivered);
    }
}
