package io.closebench.run;

import io.closebench.fault.ChildMode;
import io.closebench.fault.ChildPeer;
import io.closebench.fault.ChildScript;
import io.closebench.fault.Fault;
import io.closebench.fault.InProcessPeer;
import io.closebench.fault.Peer;
import io.closebench.fault.PeerData;
import io.closebench.fault.PeerReport;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.Detection;
import io.closebench.observe.FollowUp;
import io.closebench.observe.ObserverModel;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.observe.ObserverThread;
import io.closebench.observe.ProbeResult;
import io.closebench.observe.ProbeRun;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Preparation;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.Side;
import io.closebench.scenario.Timing;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import io.closebench.transport.KernelTcpState;
import io.closebench.transport.Listener;
import io.closebench.transport.LoopbackSpread;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs one repetition of a scenario for real, with one observer model under one placement: sets up
 * the pair, prepares the connection's state, injects the fault at t0, lets the observer find out at
 * t1, and tears everything down, also when something fails. Reused across repetitions (its
 * listeners and observer live as long as it does); not thread-safe: one runner per harness thread,
 * which it places where the plan puts the peer the first time that thread runs a repetition.
 *
 * <p>Everything the observer's socket does runs on the observer's own thread, set-up included: for
 * an event-loop model that thread owns the loop, as an event loop owns its channels.
 *
 * <p>Where t0 is taken, so that no hand-off between the harness's threads lies inside t1 - t0:
 * <ul>
 *   <li>the observer waits ({@link Timing#OBSERVER_WAITS}): the harness hands it the probe, waits
 *       until it is seen asleep in the kernel (and, with an idle time, that much longer), then
 *       takes t0 right before the fault call; the wake-up is the detection itself;</li>
 *   <li>the observer acts after the fault ({@link Timing#OBSERVER_ACTS_AFTER}, and the baselines):
 *       the harness injects the fault, its call complete, then hands the probe over; the observer
 *       takes t0 itself right before its first call;</li>
 *   <li>a child that exits by itself takes t0 on its own clock right before it ends;</li>
 *   <li>a local close (X4): the fault call is the harness thread's {@code close()} of the observer's
 *       own socket, as another thread of the observer's program would make it; t0 right before it.
 *       Netty hands such a close to the channel's event loop, as it does for any program: that is
 *       the model's own path, part of the figure, not a hand-off of the harness's.</li>
 * </ul>
 * Each observation records whether a hand-off to the observer happened between t0 and t1; none may.
 *
 * <p>Every repetition returns an {@link Observation}, never throws and never hangs: a probe that
 * does not finish by the deadline is TIMEOUT with how long it waited, a set-up that fails is
 * HARNESS_FAILURE with the reason.
 */
public final class CaseRunner implements AutoCloseable {

    /** How long the harness waits for the observer to fall asleep before injecting the fault. */
    private static final long ASLEEP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * Baselines: how long after the fault the outcome is surely in the observer's socket. On
     * loopback the FIN or RST is processed within the peer's close() call; this is a margin.
     */
    private static final long ARRIVAL_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Each follow-up call (next read, next write) gets this long. */
    private static final long FOLLOW_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Beyond the case deadline, how long a stuck observer gets before its socket is closed. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A child ends by itself after this many seconds whatever happens. */
    private static final int CHILD_CAP_SECONDS = 30;
    /** The byte cap of a child that streams until killed (it is killed long before). */
    private static final long STREAM_CAP_BYTES = 1L << 30;

    private final ObserverModel model;
    private final CpuPlan plan;
    private final RunnerSettings settings;
    private final LongSupplier clock;
    private final ObserverSide side;
    private final ObserverThread observer;
    private final List<Listener> observerListeners = new ArrayList<>();
    private final List<ServerSocketChannel> peerListeners = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private Thread placedHarness;
    /** The placed harness thread's kernel id and its CPUs before, to give them back at close. */
    private int placedTid = -1;
    private java.util.Optional<io.closebench.placement.CpuSet> cpusBefore = java.util.Optional.empty();
    private int nextListener;

    /**
     * @throws IllegalStateException when the model cannot run here (JDK, kernel) or the placement
     *     cannot be realised: the caller skips with that reason
     */
    public CaseRunner(Observer observer, CpuPlan plan, RunnerSettings settings) throws IOException {
        this.model = ObserverModels.of(observer);
        this.plan = plan;
        this.settings = settings;
        this.clock = System::nanoTime;
        model.unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(observer + " cannot run here: " + why);
        });
        this.side = model.open("closebench-observer-" + observer.name().toLowerCase(), plan.observer(), clock);
        this.observer = side.thread();
        try {
            for (InetAddress address : LoopbackSpread.from(settings.loopbackAddress(), settings.listeners())) {
                InetSocketAddress any = new InetSocketAddress(address, 0);
                observerListeners.add(onObserver(() -> side.listen(any)));
                // the peer's listener stays blocking and is never registered: see InProcessPeer
                ServerSocketChannel peerListener = ServerSocketChannel.open();
                peerListeners.add(peerListener);
                peerListener.bind(any, 512);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public Observer observer() {
        return model.id();
    }

    public CpuPlan plan() {
        return plan;
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** The running observer: its thread and sockets; background load and watches attach to it. */
    public ObserverSide side() {
        return side;
    }

    /**
     * Runs {@code task} on the observer thread and waits for it (set-up calls, load set-up). Bounded
     * by the case deadline plus grace, so that not even a dead observer thread can hang a run.
     */
    public <T> T onObserver(Callable<T> task) throws IOException {
        try {
            return observer.submit(task).get(settings.caseDeadline().toNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("the observer thread did not answer within the case deadline", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the observer thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Runs the scenario once. Never throws for anything the case or the harness does. */
    public Observation run(Scenario s) {
        placeHarnessThread();
        long deadline = clock.getAsLong() + settings.caseDeadline().toNanos();
        Pair pair = null;
        try {
            pair = connect(s, deadline);
            return runIn(pair, s, deadline);
        } catch (Exception e) {
            return Observation.harnessFailure(s, model.id(), plan.placement(), plan.observerCpus(), plan.peerCpus(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (pair != null) {
                pair.close();
            }
        }
    }

    /**
     * Baseline: sets the pair up and prepares it exactly as {@link #run} does, then tears it down
     * without a fault or a probe. What one repetition costs the harness before any detection.
     */
    public void setUpAndTearDown(Scenario s) throws IOException, InterruptedException {
        placeHarnessThread();
        long deadline = clock.getAsLong() + settings.caseDeadline().toNanos();
        try (Pair pair = connect(s, deadline)) {
            prepare(pair, s, deadline);
        }
    }

    /** The harness thread injects faults and starts child peers (which inherit its CPUs): it goes where the peer goes. */
    private void placeHarnessThread() {
        if (placedHarness != Thread.currentThread()) {
            if (placedHarness == null && io.closebench.placement.Affinity.unavailableReason().isEmpty()) {
                placedTid = io.closebench.placement.Affinity.currentTid();
                cpusBefore = io.closebench.placement.Affinity.ofThread(placedTid);
            }
            CpuPlan.pinCurrent(plan.peer());
            placedHarness = Thread.currentThread();
        }
    }

    /**
     * Gives the thread this runner placed its CPUs back: what the caller runs next on it (the
     * benchmarks' forks, a child process, an unpinned job) must not inherit this plan's pin.
     */
    private void releaseHarnessThread() {
        if (placedTid > 0 && cpusBefore.isPresent()) {
            try {
                io.closebench.placement.Affinity.pin(placedTid, cpusBefore.get());
            } catch (IllegalStateException gone) {
                // the thread has ended: nothing inherits from it
            }
        }
        placedTid = -1;
        placedHarness = null;
    }

    private Observation runIn(Pair pair, Scenario s, long deadline) throws Exception {
        long delivered = prepare(pair, s, deadline);
        long idle = settings.idleBeforeFault().toNanos();
        long t0 = Long.MIN_VALUE;
        String t0Source = "harness";
        String asleep = "n/a";
        long idleBeforeFault = -1;
        long faultAt = Long.MIN_VALUE;
        String stateBefore = "-";
        Future<ProbeOutcome> probing;
        switch (s.timing()) {
            case OBSERVER_WAITS -> {
                Armed armed = new Armed();
                probing = observer.submit(() -> probe(pair.observed, s, deadline, armed, false));
                armed.await(deadline);
                pair.peer.whileObserverProbes(deadline);
                if (pair.peer.faultByHarness() && s.runtime() == PeerRuntime.IN_PROCESS) {
                    // the observer has drained what was sent and sleeps in read/select again: now the fault
                    Asleep a = awaitAsleepFor(idle);
                    t0 = pair.peer.injectFault(pair.observed, deadline);
                    asleep = a.stillAsleep ? "yes" : "no";
                    idleBeforeFault = a.seenAt == Long.MIN_VALUE ? -1 : t0 - a.seenAt;
                } else if (pair.peer.faultByHarness()) {
                    // a child streams until killed: the observer is reading, not asleep
                    t0 = pair.peer.injectFault(pair.observed, deadline);
                }
            }
            case OBSERVER_ACTS_AFTER, OUTCOME_ALREADY_ARRIVED -> {
                // the observer sleeps between tasks; with an idle time it has slept at least that long
                Asleep a = awaitAsleepFor(idle);
                faultAt = pair.peer.injectFault(pair.observed, deadline);
                asleep = a.stillAsleep ? "yes" : "no";
                idleBeforeFault = a.seenAt == Long.MIN_VALUE ? -1 : faultAt - a.seenAt;
                if (s.timing() == Timing.OUTCOME_ALREADY_ARRIVED) {
                    TimeUnit.NANOSECONDS.sleep(ARRIVAL_PAUSE_NANOS);
                }
                // the fault is complete: the observer takes t0 itself, right before its first call
                stateBefore = pair.tcpState();
                probing = observer.submit(() -> probe(pair.observed, s, deadline, null, true));
                t0Source = "observer";
            }
            default -> throw new IllegalStateException("unknown timing " + s.timing());
        }

        ProbeOutcome result = awaitProbe(probing, pair.observed, deadline);
        if (t0Source.equals("observer")) {
            t0 = result.observerT0;
        }
        PeerReport report = pair.peer.report(deadline + GRACE_NANOS);
        String tcpStates = settings.tcpStates() ? stateBefore + " -> " + pair.tcpState() : "";
        if (t0 == Long.MIN_VALUE && report.t0() != Long.MIN_VALUE) {
            t0 = report.t0();
            t0Source = report.t0Source();
        }
        IoResult decisive = result.probe.decisive();
        long learnedAt = pair.observed.endEventAt();
        long eventBeforeCall = t0Source.equals("observer") && learnedAt != Long.MIN_VALUE && t0 != Long.MIN_VALUE
                && learnedAt - t0 < 0 ? learnedAt - faultAt : -1;
        long handOff = observer.lastHandOffAt();
        boolean handOffInside = t0 != Long.MIN_VALUE && handOff - t0 > 0 && handOff - decisive.returnedAt() <= 0;
        delivered += result.probe.bytesRead() + result.followUp.nextRead().bytes();
        return new Observation(s, model.id(), plan.placement(),
                Detection.of(decisive, result.probe.detectedBy().name(), t0), report.bytesSent(), delivered,
                result.probe.writesAccepted(), result.probe.bytesWritten(), result.followUp.nextRead().describe(),
                result.followUp.nextWrite().describe(), report.peerAfter(), asleep, idleBeforeFault, t0Source,
                handOffInside, eventBeforeCall, report.faultCallNanos(), tcpStates, plan.observerCpus(), plan.peerCpus(),
                join(result.failure, report.failure()));
    }

    /** When the observer was first seen asleep, and whether it still was once the idle time had passed. */
    private record Asleep(long seenAt, boolean stillAsleep) {
    }

    /**
     * Waits until the observer is seen asleep, then {@code idleNanos} longer (the harness thread
     * sleeps too: on one CPU, the CPU goes idle, as a server's does), then checks again.
     */
    private Asleep awaitAsleepFor(long idleNanos) {
        if (!observer.awaitAsleep(ASLEEP_WAIT_NANOS)) {
            return new Asleep(Long.MIN_VALUE, false);
        }
        long seenAt = clock.getAsLong();
        if (idleNanos <= 0) {
            return new Asleep(seenAt, true);
        }
        long until = seenAt + idleNanos;
        for (long left = idleNanos; left > 0; left = until - clock.getAsLong()) {
            LockSupport.parkNanos(left);
        }
        return new Asleep(seenAt, observer.isAsleep());
    }

    private Pair connect(Scenario s, long deadline) throws IOException {
        int turn = nextListener++ % observerListeners.size();
        Listener observerListener = observerListeners.get(turn);
        ServerSocketChannel peerListener = peerListeners.get(turn);
        Preparation prep = s.preparation();
        if (s.runtime() != PeerRuntime.IN_PROCESS) {
            // child peers are clients: only server-side cases need a process to die
            ChildScript script = new ChildScript(prep.peerReadsIt() ? prep.observerSends() : 0,
                    s.fault() == Fault.SIGKILL_WHILE_SENDING ? STREAM_CAP_BYTES : prep.peerBytes(),
                    prep.peerWriteSize(), ChildMode.of(s.fault()), CHILD_CAP_SECONDS);
            ChildPeer child = ChildPeer.start(s.runtime(), observerListener.address(), script, prep.peerBytes());
            try {
                Connection observed = onObserver(() -> observerListener.accept(deadline));
                Pair pair = new Pair(observed, child);
                try {
                    expectToken(observed, child.token(), deadline);
                } catch (IOException | RuntimeException e) {
                    pair.close();
                    throw e;
                }
                return pair;
            } catch (IOException | RuntimeException e) {
                child.close();
                throw e;
            }
        }
        if (s.side() == Side.SERVER) {
            SocketChannel peerChannel = SocketChannel.open(observerListener.address());
            try {
                Connection observed = onObserver(() -> observerListener.accept(deadline));
                InProcessPeer peer = new InProcessPeer(peerChannel, clock, s.fault());
                Pair pair = new Pair(observed, peer);
                if (observed.remotePort() != peer.localPort()) {
                    pair.close();
                    throw new IOException("accepted a connection from port " + observed.remotePort()
                            + ", expected the peer's " + peer.localPort());
                }
                return pair;
            } catch (IOException | RuntimeException e) {
                peerChannel.close();
                throw e;
            }
        }
        InetSocketAddress to = (InetSocketAddress) peerListener.getLocalAddress();
        Connection observed = onObserver(() -> side.connect(to, deadline));
        try {
            return new Pair(observed, new InProcessPeer(peerListener.accept(), clock, s.fault()));
        } catch (IOException | RuntimeException e) {
            closeObserved(observed);
            throw e;
        }
    }

    /** Puts the connection in the state the scenario wants at t0; returns what the observer read meanwhile. */
    private long prepare(Pair pair, Scenario s, long deadline) throws IOException, InterruptedException {
        Preparation prep = s.preparation();
        if (prep.observerSends() > 0) {
            ByteBuffer data = filled(prep.observerSends());
            expectOk(onObserver(() -> pair.observed.write(data, deadline)), "observer's first send");
        }
        pair.peer.prepare(prep.peerPart(), deadline);
        if (s.runtime() != PeerRuntime.IN_PROCESS) {
            return 0;
        }
        if (prep.peerData() == PeerData.SENT_THEN_DRAINED) {
            return onObserver(() -> readExactly(pair.observed, prep.peerBytes(), deadline));
        }
        if (prep.peerData() == PeerData.SENT_UNREAD) {
            // on loopback the data is in the observer's buffer within microseconds; make sure
            while (onObserver(pair.observed::available) < prep.peerBytes()) {
                if (clock.getAsLong() - deadline > 0) {
                    throw new IOException("peer's data never arrived: " + onObserver(pair.observed::available) + " B of "
                            + prep.peerBytes());
                }
                TimeUnit.MICROSECONDS.sleep(50);
            }
        }
        return 0;
    }

    /**
     * The observer's side of a repetition, on the observer thread. A scenario with a patience of its
     * own ({@link io.closebench.observe.ProbeLimits#patience()}) has its probe end by then (from the
     * probe's start, plus the idle time before the fault), and each follow-up call gets at most as
     * long: a call that would never return by itself is a TIMEOUT without costing the case deadline.
     */
    private ProbeOutcome probe(Connection c, Scenario s, long deadline, Armed armed, boolean takesT0) {
        long followUpNanos = FOLLOW_UP_NANOS;
        long until = deadline;
        if (s.limits().hasPatience()) {
            long patience = s.limits().patience().toNanos();
            followUpNanos = Math.min(followUpNanos, patience);
            until = Math.min(deadline, clock.getAsLong() + settings.idleBeforeFault().toNanos() + patience);
        }
        // the model runs probe and follow-up: call by call here, or whole in its own process (NATIVE)
        ProbeRun run = side.probe(c, s.probe(), s.limits(), scratch, until, followUpNanos,
                armed == null ? null : armed::set, takesT0, clock);
        return new ProbeOutcome(run.result(), run.followUp(), takesT0 ? run.t0() : Long.MIN_VALUE, "");
    }

    /** Waits for the probe; one that overruns is unblocked by closing its socket, and counted as TIMEOUT. */
    private ProbeOutcome awaitProbe(Future<ProbeOutcome> probing, Connection observed, long deadline)
            throws InterruptedException, ExecutionException {
        try {
            return probing.get(Math.max(0, deadline + GRACE_NANOS - clock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long waitedUntil = clock.getAsLong();
            observed.close();
            try {
                probing.get(GRACE_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillStuck) {
                probing.cancel(true);
            }
            IoResult timeout = IoResult.timeout(waitedUntil);
            return new ProbeOutcome(new ProbeResult(timeout, ProbeResult.Call.READ, 0, 0, 0),
                    new FollowUp(timeout, timeout), Long.MIN_VALUE,
                    "observer did not return by the deadline; its socket was closed to free it");
        }
    }

    private long readExactly(Connection c, long bytes, long deadline) throws IOException {
        long read = 0;
        while (read < bytes) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), bytes - read));
            IoResult r = c.read(scratch, deadline);
            expectOk(r, "observer's read of the peer's data");
            read += r.bytes();
        }
        return read;
    }

    private void expectToken(Connection c, String token, long deadline) throws IOException {
        byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer got = ByteBuffer.allocate(expected.length);
        while (got.hasRemaining()) {
            expectOk(onObserver(() -> c.read(got, deadline)), "child's token");
        }
        if (!Arrays.equals(got.array(), expected)) {
            throw new IOException("accepted a connection that is not this child's (token mismatch)");
        }
    }

    private static ByteBuffer filled(int bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes);
        Arrays.fill(b.array(), (byte) 'x');
        return b;
    }

    private static void expectOk(IoResult r, String what) throws IOException {
        if (r.ended()) {
            throw new IOException(what + " ended before the fault: " + r.describe());
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    @Override
    public void close() {
        releaseHarnessThread();
        if (side == null) {
            return;
        }
        for (Listener l : observerListeners) {
            try {
                onObserver(() -> {
                    l.close();
                    return null;
                });
            } catch (IOException e) {
                l.close();
            }
        }
        for (ServerSocketChannel l : peerListeners) {
            try {
                l.close();
            } catch (IOException ignored) {
                // teardown
            }
        }
        side.close();
    }

    /** Set by the probe when it starts, so that "asleep" means asleep in the probe, not before it. */
    private static final class Armed {
        private final CountDownLatch latch = new CountDownLatch(1);

        void set() {
            latch.countDown();
        }

        void await(long deadline) throws InterruptedException, IOException {
            if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException("the observer thread never started the probe");
            }
        }
    }

    /**
     * Closes the observer's socket on the observer thread, which for an event-loop model also lets
     * the loop release it at once. If the observer thread does not answer within a second (a stuck
     * probe was already unblocked by closing), it is closed from here.
     */
    private void closeObserved(Connection observed) {
        try {
            Future<Void> closing = observer.submit(() -> {
                observed.close();
                side.flushClosed();
                return null;
            });
            closing.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observed.close();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            observed.close();
        }
    }

    /** What one repetition holds open: the observer's connection and the peer; both closed whatever happens. */
    private final class Pair implements AutoCloseable {
        final Connection observed;
        final Peer peer;
        /** The observer's ends, taken while its socket is open, to find it in the kernel's tables. */
        private final InetSocketAddress local;
        private final InetSocketAddress remote;

        Pair(Connection observed, Peer peer) {
            this.observed = observed;
            this.peer = peer;
            this.local = settings.tcpStates() ? observed.localAddress() : null;
            this.remote = settings.tcpStates() ? observed.remoteAddress() : null;
        }

        /** The kernel's state of the observer's socket now, where the run records it; "" otherwise. */
        String tcpState() {
            return settings.tcpStates() ? KernelTcpState.of(local, remote) : "";
        }

        @Override
        public void close() {
            peer.close();
            closeObserved(observed);
        }
    }

    private record ProbeOutcome(ProbeResult probe, FollowUp followUp, long observerT0, String failure) {
    }
}
