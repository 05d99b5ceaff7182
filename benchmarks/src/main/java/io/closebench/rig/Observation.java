package io.closebench.rig;

import io.closebench.observe.Detection;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.transport.IoUringReadState;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One repetition of one scenario with one observer: what happened, verbatim, when, and under which
 * conditions.
 *
 * @param scenario  the scenario that ran
 * @param observer  the observer's I/O model
 * @param threads   where the threads ran: the placement and the CPUs of the observer and the peer
 * @param detection what the decisive call reported and t1 - t0
 * @param delivery  what crossed the connection, and what the next calls returned
 * @param clocking  how t0 and t1 were taken, and what lay between them
 * @param failure   why the harness could not run the case as designed, or ""
 * @param ends      the connection's two ends as the observer's socket saw them; empty when there was none
 */
public record Observation(Scenario scenario, Observer observer, CpuPlan threads, Detection detection, Delivery delivery,
                          Clocking clocking, String failure, Optional<Ends> ends) {

    /** The observer's end and the peer's, by address and port: what finds the connection on the wire. */
    public record Ends(InetSocketAddress observer, InetSocketAddress peer) {
    }

    /** A repetition whose connection is not recorded (the benchmarks do not look it up on the wire). */
    public Observation(Scenario scenario, Observer observer, CpuPlan threads, Detection detection, Delivery delivery,
                       Clocking clocking, String failure) {
        this(scenario, observer, threads, detection, delivery, clocking, failure, Optional.empty());
    }

    /**
     * What crossed the connection, and what the calls after the outcome returned.
     *
     * @param peerBytesSent  bytes the peer's kernel accepted from it (a child: its completed writes)
     * @param bytesDelivered bytes the observer read over the whole repetition
     * @param writesAccepted the observer's writes the kernel accepted before the decisive call
     * @param bytesAccepted  bytes those writes carried
     * @param nextRead       what one more read returned afterwards ("EOF", "RESET (...)", "ok 5 B")
     * @param nextWrite      what one more 1-byte write returned after that
     * @param peerAfter      what the peer saw or did afterwards, where that is part of the case, or ""
     */
    public record Delivery(long peerBytesSent, long bytesDelivered, int writesAccepted, long bytesAccepted,
                           String nextRead, String nextWrite, String peerAfter) {

        static final Delivery NOTHING = new Delivery(-1, -1, 0, 0, "", "", "");

        /** Bytes the peer sent that never reached the observer (never negative; see peerBytesSent). */
        public long bytesLost() {
            return peerBytesSent < 0 || bytesDelivered < 0 ? 0 : Math.max(0, peerBytesSent - bytesDelivered);
        }
    }

    /**
     * How the repetition was clocked.
     *
     * @param fault                 t0, whose clock, and the observer's state at the fault
     * @param handOffInMeasuredPath whether the harness handed work to the observer between t0 and t1
     *                              (it must never have: every row says so)
     * @param eventBeforeCallNanos  where the observer acts after the fault and its model told it by an
     *                              event before its first call (Netty's native transports do), how
     *                              long after the fault that event came; -1 otherwise
     * @param faultCallNanos        how long the fault call took to return (a {@code close()} with
     *                              {@code SO_LINGER} above 0 blocks until the data is acknowledged);
     *                              -1 where the harness makes no call (a child ends by itself)
     * @param observerTcpStates     the kernel's TCP state of the observer's socket where the run
     *                              records it ({@link RunnerSettings#tcpStates}): "CLOSE_WAIT -> CLOSE"
     *                              is the state right before the observer's first call (where it acts
     *                              after the fault; "-" where it waits), then at the end; "" when not
     *                              recorded
     * @param peerRttNanos          the round trip to the peer's host, measured in this repetition with
     *                              the clocks' offset; -1 for a peer on this host
     */
    public record Clocking(FaultInstant fault, boolean handOffInMeasuredPath, long eventBeforeCallNanos,
                           long faultCallNanos, String observerTcpStates, long peerRttNanos) {

        /** The clocking of a repetition whose peer is on this host. */
        public Clocking(FaultInstant fault, boolean handOffInMeasuredPath, long eventBeforeCallNanos, long faultCallNanos,
                        String observerTcpStates) {
            this(fault, handOffInMeasuredPath, eventBeforeCallNanos, faultCallNanos, observerTcpStates, -1);
        }

        static final Clocking NONE = new Clocking(
                FaultInstant.byChild(), false, -1, -1, "");
    }

    /** A repetition the harness could not set up: kept and counted, never dropped. */
    static Observation harnessFailure(Scenario scenario, Observer observer, CpuPlan threads, String why) {
        return new Observation(scenario, observer, threads, Detection.harnessFailure(), Delivery.NOTHING, Clocking.NONE,
                why, Optional.empty());
    }

    public Outcome outcome() {
        return detection.outcome();
    }

    public long latencyNanos() {
        return detection.latencyNanos();
    }

    public Placement placement() {
        return threads.placement();
    }

    /**
     * Whether this repetition is Netty io_uring's lost RST: the read timed out in the state
     * {@link IoUringReadState#isLostReset()} names (its event says so), and the next write reported
     * the reset that had been waiting in the socket.
     */
    public boolean isIoUringLostReset() {
        return observer == Observer.NETTY_IOURING && outcome() == Outcome.TIMEOUT
                && IoUringReadState.LOST_RESET.equals(detection.event()) && delivery.nextWrite().startsWith("RESET");
    }
}
