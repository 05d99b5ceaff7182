package io.closebench.remote;

import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildMode;
import io.closebench.fault.Fault;
import io.closebench.fault.Peer;
import io.closebench.fault.PeerPreparation;
import io.closebench.fault.PeerReport;
import io.closebench.fault.PeerRuntime;
import io.closebench.schema.T0Source;
import io.closebench.transport.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer of one repetition on a peer agent's host: every step of {@link Peer} is a request on the
 * control connection, which the agent carries out with the same {@code InProcessPeer} or
 * {@code ChildPeer} the harness uses on this host.
 *
 * <p>t0 across two clocks: the agent reads its own clock right before the call that causes the fault
 * (or its child does, right before it ends); after the observer's outcome, {@link #report} estimates
 * the offset between the clocks ({@value #EXCHANGES} TIME exchanges, the one with the smallest round
 * trip kept) and converts t0 to this host's clock, with the estimate's bound beside it
 * ({@link T0Source#PEER_HOST}). Where the observer acts after the fault, t0 stays on its own thread,
 * as on this host. A local close (X4) is the observer's own: made here, and the agent only says what
 * its socket got.
 */
final class RemotePeer implements Peer {

    /** TIME exchanges behind each conversion of t0. */
    static final int EXCHANGES = 8;
    /** Beyond its own bound, the error of a bash child's realtime t0 converted to its host's monotonic clock. */
    static final long BASH_CLOCK_ERROR_NANOS = TimeUnit.MICROSECONDS.toNanos(2);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private final ControlConnection control;
    private final String object;
    private final Fault fault;
    private final PeerRuntime runtime;
    private final Connection observed;
    private long agentT0 = Long.MIN_VALUE;
    private long localT0 = Long.MIN_VALUE;
    private long localReturned = Long.MIN_VALUE;

    RemotePeer(ControlConnection control, String object, Fault fault, PeerRuntime runtime, Connection observed) {
        this.control = control;
        this.object = object;
        this.fault = fault;
        this.runtime = runtime;
        this.observed = observed;
    }

    @Override
    public void prepare(PeerPreparation preparation, long deadline) throws IOException {
        if (runtime == PeerRuntime.IN_PROCESS) {
            control.call(Word.PREPARE, object, budget(deadline), PreparationFields.of(preparation).toArray());
        }
    }

    @Override
    public void whileObserverProbes(long deadline) throws IOException {
        control.call(Word.PROBING, object, budget(deadline));
    }

    @Override
    public boolean faultByHarness() {
        return runtime == PeerRuntime.IN_PROCESS || ChildMode.of(fault) == ChildMode.STREAM;
    }

    /**
     * The fault on the agent's host; returns t0 converted with the latest estimate of the offset
     * (refined after the outcome, in {@link #report}). A local close is made here, on this clock.
     */
    @Override
    public long injectFault(long deadline) throws IOException {
        if (fault == Fault.LOCAL_CLOSE) {
            localT0 = System.nanoTime();
            observed.close();
            localReturned = System.nanoTime();
            return localT0;
        }
        agentT0 = Long.parseLong(control.call(Word.INJECT, object, budget(deadline)).get(0));
        return control.latest().toLocal(agentT0);
    }

    @Override
    public PeerReport report(long deadline) {
        try {
            List<String> r = control.call(Word.REPORT, object, budget(deadline));
            long bytesSent = Long.parseLong(r.get(0));
            long reportedT0 = Long.parseLong(r.get(1));
            T0Source source = T0Source.valueOf(r.get(2));
            String peerAfter = r.get(3);
            long faultCall = Long.parseLong(r.get(4));
            String failure = r.get(5);
            if (fault == Fault.LOCAL_CLOSE) {
                return localClose(bytesSent, localT0 == Long.MIN_VALUE ? -1 : localReturned - localT0, failure, deadline);
            }
            long onAgent = faultByHarness() ? agentT0 : reportedT0;
            ClockOffset.Estimate est = control.estimate(EXCHANGES);
            if (onAgent == Long.MIN_VALUE) {
                return new PeerReport(bytesSent, Long.MIN_VALUE, T0Source.PEER_HOST, peerAfter, faultCall, failure, 0,
                        est.roundTrip());
            }
            long t0 = est.toLocal(onAgent);
            long bound = est.boundAt(t0) + (source == T0Source.CHILD_REALTIME ? BASH_CLOCK_ERROR_NANOS : 0);
            return new PeerReport(bytesSent, t0, T0Source.PEER_HOST, peerAfter, faultCall, failure, bound, est.roundTrip());
        } catch (IOException | RuntimeException e) {
            return new PeerReport(0, Long.MIN_VALUE, T0Source.PEER_HOST, "", -1, "the peer agent's report: " + e.getMessage());
        }
    }

    /** X4: what the peer's socket got once the observer's host closed the observer's socket. */
    private PeerReport localClose(long bytesSent, long faultCall, String failure, long deadline) throws IOException {
        List<String> read = control.call(Word.READ_ONCE, object, budget(Math.min(deadline,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100))));
        ClockOffset.Estimate est = control.estimate(EXCHANGES);
        long at = est.toLocal(Long.parseLong(read.get(1)));
        String after = String.format("peer read %s by %.1f us after t0 (+- %.1f us; read after the observer's outcome)",
                read.get(0), (at - localT0) / 1e3, est.boundAt(at) / 1e3);
        return new PeerReport(bytesSent, Long.MIN_VALUE, T0Source.HARNESS, after, faultCall, failure, 0, est.roundTrip());
    }

    @Override
    public void close() {
        try {
            control.call(Word.CLOSE, object, CLOSE_BOUND);
        } catch (IOException ignored) {
            // the agent closes it with its session at the latest
        }
    }

    /** What is left until {@code deadline}, as a request's budget: at least 1 ms, at most what the agent grants. */
    static Duration budget(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.min(MAX_BUDGET.toNanos(), Math.max(TimeUnit.MILLISECONDS.toNanos(1), left)));
    }

    /** The longest budget a request is given: what the agent grants at most ({@code AgentSession}). */
    static final Duration MAX_BUDGET = Duration.ofMinutes(25);
}
