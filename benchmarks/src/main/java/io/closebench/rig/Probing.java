package io.closebench.rig;

import io.closebench.fault.PeerData;
import io.closebench.fault.PeerReport;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.Detection;
import io.closebench.observe.FollowUp;
import io.closebench.observe.ObserverThread;
import io.closebench.observe.ProbeResult;
import io.closebench.observe.ProbeRun;
import io.closebench.scenario.Preparation;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Asleep;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.T0Source;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import io.closebench.scenario.Timing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection observed by the calls the observer makes on it, the scenario's probe
 * ({@link io.closebench.observe.Probe}) and then one more read and one more write: the matrix's,
 * the benchmarks' and the soak's way. Everything the observer's socket does runs on the observer's
 * own thread, set-up included.
 *
 * <p>Where t0 is taken, so that no hand-off between the harness's threads lies inside t1 - t0:
 * <ul>
 *   <li>the observer waits ({@link io.closebench.scenario.Timing#OBSERVER_WAITS}): the harness hands
 *       it the probe, waits until it is seen asleep in the kernel (and, with an idle time, that much
 *       longer), then takes t0 right before the fault call; the wake-up is the detection itself;</li>
 *   <li>the observer acts after the fault (and the baselines): the harness injects the fault, its
 *       call complete, then hands the probe over; the observer takes t0 itself right before its first
 *       call;</li>
 *   <li>a child that exits by itself takes t0 on its own clock right before it ends;</li>
 *   <li>a local close (X4): the fault call is the harness thread's {@code close()} of the
 *       observer's own socket, as another thread of the observer's program would make it.</li>
 * </ul>
 * Each observation records whether a hand-off to the observer happened between t0 and t1; none may.
 * One instance per repetition.
 */
final class Probing implements Observing<Observation> {

    /** How long the harness waits for the observer to fall asleep before injecting the fault. */
    private static final long ASLEEP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * Baselines: how long after the fault the outcome is surely in the observer's socket. On
     * loopback the FIN or RST is processed within the peer's close() call; this is a margin.
     */
    private static final long ARRIVAL_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Each follow-up call (next read, next write) gets this long. */
    private static final long FOLLOW_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CaseRunner runner;
    private final Scenario s;
    private final ObserverThread observer;
    private long delivered;
    private Future<ProbeOutcome> probing;
    /** The state right before the observer's first call, where it acts after the fault; "-" where it waits. */
    private String stateBefore = "-";

    Probing(CaseRunner runner, Scenario s) {
        this.runner = runner;
        this.s = s;
        this.observer = runner.side().thread();
    }

    /** Puts the connection in the state the scenario wants at t0; counts what the observer read meanwhile. */
    @Override
    public void prepare(Stage stage, long deadline) throws IOException, InterruptedException {
        Connection c = stage.connections().get(0);
        Preparation prep = s.preparation();
        if (prep.observerSends() > 0) {
            ByteBuffer data = filled(prep.observerSends());
            expectOk(runner.onObserver(() -> c.write(data, deadline)), "observer's first send");
        }
        stage.peer().prepare(prep.peerPart(), deadline);
        if (s.runtime() != PeerRuntime.IN_PROCESS) {
            return;
        }
        if (prep.peerData() == PeerData.SENT_THEN_DRAINED) {
            delivered = runner.onObserver(() -> readExactly(c, prep.peerBytes(), deadline));
        } else if (prep.peerData() == PeerData.SENT_UNREAD) {
            // on loopback the data is in the observer's buffer within microseconds; make sure
            while (runner.onObserver(c::available) < prep.peerBytes()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("peer's data never arrived: " + runner.onObserver(c::available) + " B of "
                            + prep.peerBytes());
                }
                TimeUnit.MICROSECONDS.sleep(50);
            }
        }
    }

    @Override
    public FaultInstant inject(Stage stage, long deadline) throws Exception {
        Connection c = stage.connections().get(0);
        long idle = runner.settings().idleBeforeFault().toNanos();
        switch (s.timing()) {
            case OBSERVER_WAITS -> {
                CountDownLatch armed = new CountDownLatch(1);
                probing = observer.submit(() -> probe(c, deadline, armed, false));
                if (!armed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IOException("the observer thread never started the probe");
                }
                stage.peer().whileObserverProbes(deadline);
                if (!stage.peer().faultByHarness()) {
                    // a child ends by itself: it reports its own t0
                    return FaultInstant.byChild();
                }
                if (s.runtime() != PeerRuntime.IN_PROCESS) {
                    // a child streams until killed: the observer is reading, not asleep
                    return FaultInstant.byHarness(stage.peer().injectFault(deadline));
                }
                // the observer has drained what was sent and sleeps in read/select again: now the fault
                Slept slept = awaitAsleepFor(idle);
                long t0 = stage.peer().injectFault(deadline);
                return FaultInstant.byHarness(t0, Asleep.of(slept.stillAsleep), slept.since(t0));
            }
            case OBSERVER_ACTS_AFTER, OUTCOME_ALREADY_ARRIVED -> {
                // the observer sleeps between tasks; with an idle time it has slept at least that long
                Slept slept = awaitAsleepFor(idle);
                long faultAt = stage.peer().injectFault(deadline);
                if (s.timing() == Timing.OUTCOME_ALREADY_ARRIVED) {
                    TimeUnit.NANOSECONDS.sleep(ARRIVAL_PAUSE_NANOS);
                }
                // the fault is complete: the observer takes t0 itself, right before its first call
                stateBefore = ((LoopbackStage) stage).tcpState();
                probing = observer.submit(() -> probe(c, deadline, null, true));
                return FaultInstant.observerActsAfter(faultAt, Asleep.of(slept.stillAsleep), slept.since(faultAt));
            }
            default -> throw new IllegalStateException("unknown timing " + s.timing());
        }
    }

    @Override
    public Observation await(Stage stage, FaultInstant fault, long deadline) throws Exception {
        Connection c = stage.connections().get(0);
        ProbeOutcome result = awaitProbe(c, deadline);
        PeerReport report = stage.peer().report(deadline + CaseRunner.GRACE_NANOS);
        String tcpStates = runner.settings().tcpStates() ? stateBefore + " -> " + ((LoopbackStage) stage).tcpState() : "";
        long faultAt = fault.faultCallAt();
        FaultInstant t0 = fault;
        if (fault.source() == T0Source.OBSERVER) {
            t0 = fault.takenBy(T0Source.OBSERVER, result.observerT0);
        } else if (report.t0() != FaultInstant.UNKNOWN && (!fault.known() || report.t0Source().otherHost())) {
            // a child's own t0; or the peer's host's, converted with an offset estimated after the fault
            t0 = fault.takenBy(report.t0Source(), report.t0(), report.t0BoundNanos());
        }
        IoResult decisive = result.probe.decisive();
        long learnedAt = c.endEventAt();
        long eventBeforeCall = t0.source() == T0Source.OBSERVER && learnedAt != Long.MIN_VALUE && t0.known()
                && learnedAt - t0.t0() < 0 ? learnedAt - faultAt : -1;
        long handOff = observer.lastHandOffAt();
        boolean handOffInside = t0.known() && handOff - t0.t0() > 0 && handOff - decisive.returnedAt() <= 0;
        delivered += result.probe.bytesRead() + result.followUp.nextRead().bytes();
        String failure = join(result.failure, report.failure());
        Detection detection = Detection.of(decisive, result.probe.detectedBy(), t0.t0());
        long beforeT0 = t0.known() ? t0.t0() - decisive.returnedAt() : 0;
        if (beforeT0 > 0 && t0.source().otherHost() && beforeT0 <= t0.boundNanos()) {
            // causality: a converted t0 may fall after t1 within its bound; the figure is then 0, its bound beside it
            detection = detection.notBefore(0);
        } else if (beforeT0 > 0) {
            // the observer did not wait for the fault (its deadline ran out while the harness, slowed down,
            // was still preparing it, or something else ended its call): what it saw is no detection of it
            failure = join(failure, "the observer's call returned " + decisive.describe() + " "
                    + beforeT0 / 1000 + " us before t0" + (t0.source().otherHost() ? ", beyond its bound of "
                    + t0.boundNanos() / 1000 + " us" : "") + ": it did not wait for the fault");
            detection = Detection.harnessFailure();
        }
        return new Observation(s, runner.observer(), runner.plan(), detection,
                new Observation.Delivery(report.bytesSent(), delivered, result.probe.writesAccepted(),
                        result.probe.bytesWritten(), result.followUp.nextRead().describe(),
                        result.followUp.nextWrite().describe(), report.peerAfter()),
                new Observation.Clocking(t0, handOffInside, eventBeforeCall, report.faultCallNanos(), tcpStates,
                        report.rttNanos()),
                failure, ((LoopbackStage) stage).ends());
    }

    @Override
    public Observation failed(String why) {
        return Observation.harnessFailure(s, runner.observer(), runner.plan(), why);
    }

    /** When the observer was first seen asleep ({@code Long.MIN_VALUE}: never), and whether it still was at the fault. */
    private record Slept(long seenAt, boolean stillAsleep) {
        long since(long faultAt) {
            return seenAt == Long.MIN_VALUE ? -1 : faultAt - seenAt;
        }
    }

    /**
     * Waits until the observer is seen asleep, then {@code idleNanos} longer (the harness thread
     * sleeps too: on one CPU, the CPU goes idle, as a server's does), then checks again.
     */
    private Slept awaitAsleepFor(long idleNanos) {
        if (!observer.awaitAsleep(ASLEEP_WAIT_NANOS)) {
            return new Slept(Long.MIN_VALUE, false);
        }
        long seenAt = System.nanoTime();
        if (idleNanos <= 0) {
            return new Slept(seenAt, true);
        }
        long until = seenAt + idleNanos;
        for (long left = idleNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return new Slept(seenAt, observer.isAsleep());
    }

    /**
     * The observer's side of a repetition, on the observer thread. A scenario with a patience of its
     * own ({@link io.closebench.observe.ProbeLimits#patience()}) has its probe end by then (from the
     * probe's start, plus the idle time before the fault), and each follow-up call gets at most as
     * long: a call that would never return by itself is a TIMEOUT without costing the case deadline.
     */
    private ProbeOutcome probe(Connection c, long deadline, CountDownLatch armed, boolean takesT0) {
        long followUpNanos = FOLLOW_UP_NANOS;
        long until = deadline;
        if (s.limits().hasPatience()) {
            long patience = s.limits().patience().toNanos();
            followUpNanos = Math.min(followUpNanos, patience);
            until = Math.min(deadline, System.nanoTime() + runner.settings().idleBeforeFault().toNanos() + patience);
        }
        // the model runs probe and follow-up: call by call here, or whole in its own process (NATIVE)
        ProbeRun run = runner.side().probe(c, s.probe(), s.limits(), runner.scratch(), until, followUpNanos,
                armed == null ? null : armed::countDown, takesT0, System::nanoTime);
        return new ProbeOutcome(run.result(), run.followUp(), takesT0 ? run.t0() : Long.MIN_VALUE, "");
    }

    /** Waits for the probe; one that overruns is unblocked by closing its socket, and counted as TIMEOUT. */
    private ProbeOutcome awaitProbe(Connection observed, long deadline) throws InterruptedException, ExecutionException {
        try {
            return probing.get(Math.max(0, deadline + CaseRunner.GRACE_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long waitedUntil = System.nanoTime();
            observed.close();
            try {
                probing.get(CaseRunner.GRACE_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillStuck) {
                probing.cancel(true);
            }
            IoResult timeout = IoResult.timeout(waitedUntil);
            return new ProbeOutcome(new ProbeResult(timeout, DetectedBy.READ, 0, 0, 0),
                    new FollowUp(timeout, timeout), Long.MIN_VALUE,
                    "observer did not return by the deadline; its socket was closed to free it");
        }
    }

    private long readExactly(Connection c, long bytes, long deadline) throws IOException {
        long read = 0;
        ByteBuffer scratch = runner.scratch();
        while (read < bytes) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), bytes - read));
            IoResult r = c.read(scratch, deadline);
            expectOk(r, "observer's read of the peer's data");
            read += r.bytes();
        }
        return read;
    }

    private static ByteBuffer filled(int bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes);
        Arrays.fill(b.array(), (byte) 'x');
        return b;
    }

    static void expectOk(IoResult r, String what) throws IOException {
        if (r.ended()) {
            throw new IOException(what + " ended before the fault: " + r.describe());
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private record ProbeOutcome(ProbeResult probe, FollowUp followUp, long observerT0, String failure) {
    }
}
