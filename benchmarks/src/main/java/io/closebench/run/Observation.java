package io.closebench.run;

import io.closebench.observe.Detection;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.transport.IoUringReadState;

/**
 * One repetition of one scenario with one observer: what happened, verbatim, when, and under which
 * conditions (where the threads ran, how long the observer had slept).
 *
 * @param scenario           the scenario that ran
 * @param observer           the observer's I/O model
 * @param placement          where the threads ran
 * @param detection          what the decisive call reported and t1 - t0: from right before the
 *                           fault call (or, where the observer acts after the fault, right before
 *                           the observer's own first call) to right after the decisive call returned
 * @param peerBytesSent      bytes the peer's kernel accepted from it (a child: its completed writes)
 * @param bytesDelivered     bytes the observer read over the whole repetition
 * @param writesAccepted     the observer's writes the kernel accepted before the decisive call
 * @param bytesAccepted      bytes those writes carried
 * @param nextRead           what one more read returned afterwards ("EOF", "RESET (...)", "ok 5 B")
 * @param nextWrite          what one more 1-byte write returned after that
 * @param peerAfter          what the peer saw or did afterwards, where that is part of the case, or ""
 * @param asleepAtFault      "yes"/"no": the observer was seen asleep in the kernel right before the
 *                           fault; "n/a" where it acts after the fault or a child decides when to end
 * @param idleBeforeFaultNanos how long the observer had been seen asleep when the fault came; -1 n/a
 * @param t0Source           "harness" (the fault-injecting thread's clock), "observer" (the observer's
 *                           own clock before its first call), "child" (a JVM child's nanoTime) or
 *                           "child-realtime" (bash's EPOCHREALTIME, converted)
 * @param handOffInMeasuredPath whether the harness handed work to the observer between t0 and t1
 *                           (it must never have: every row says so)
 * @param eventBeforeCallNanos where the observer acts after the fault and its model told it by an
 *                           event before its first call (Netty's epoll transport does), how long
 *                           after the fault that event came; -1 otherwise
 * @param faultCallNanos     how long the fault call took to return (a {@code close()} with
 *                           {@code SO_LINGER} above 0 blocks until the data is acknowledged); -1
 *                           where the harness makes no call (a child ends by itself)
 * @param observerTcpStates  the kernel's TCP state of the observer's socket where the run records it
 *                           ({@code RunnerSettings#tcpStates}): "CLOSE_WAIT -> CLOSE" is the state
 *                           right before the observer's first call (where it acts after the fault;
 *                           "-" where it waits), then at the end of the repetition; "" when not recorded
 * @param observerCpus       the observer's CPUs as requested, "unpinned" under OS
 * @param peerCpus           the peer's and fault injection's CPUs, "unpinned" under OS
 * @param failure            why the harness could not run the case as designed, or ""
 */
public record Observation(Scenario scenario, Observer observer, Placement placement, Detection detection,
                          long peerBytesSent, long bytesDelivered, int writesAccepted, long bytesAccepted,
                          String nextRead, String nextWrite, String peerAfter, String asleepAtFault,
                          long idleBeforeFaultNanos, String t0Source, boolean handOffInMeasuredPath,
                          long eventBeforeCallNanos, long faultCallNanos, String observerTcpStates,
                          String observerCpus, String peerCpus, String failure) {

    /** A repetition the harness could not set up: kept and counted, never dropped. */
    static Observation harnessFailure(Scenario scenario, Observer observer, Placement placement, String observerCpus,
                                      String peerCpus, String why) {
        return new Observation(scenario, observer, placement, Detection.harnessFailure(), -1, -1, 0, 0, "", "", "",
                "n/a", -1, "", false, -1, -1, "", observerCpus, peerCpus, why);
    }

    public Outcome outcome() {
        return detection.outcome();
    }

    public long latencyNanos() {
        return detection.latencyNanos();
    }

    /**
     * Whether this repetition is Netty io_uring's lost RST: the read timed out in the state
     * {@link IoUringReadState#isLostReset()} names (its event says so), and the next write reported
     * the reset that had been waiting in the socket.
     */
    public boolean isIoUringLostReset() {
        return observer == Observer.NETTY_IOURING && outcome() == Outcome.TIMEOUT
                && IoUringReadState.LOST_RESET.equals(detection.event()) && nextWrite.startsWith("RESET");
    }

    /** Bytes the peer sent that never reached the observer (never negative; see peerBytesSent). */
    public long bytesLost() {
        return peerBytesSent < 0 || bytesDelivered < 0 ? 0 : Math.max(0, peerBytesSent - bytesDelivered);
    }
}
