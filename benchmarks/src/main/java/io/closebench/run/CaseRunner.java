package io.closebench.run;

import io.closebench.fault.ChildMode;
import io.closebench.fault.ChildPeer;
import io.closebench.fault.ChildReport;
import io.closebench.fault.ChildScript;
import io.closebench.fault.Fault;
import io.closebench.fault.InProcessPeer;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.FollowUp;
import io.closebench.observe.ObserverThread;
import io.closebench.observe.ProbeResult;
import io.closebench.scenario.PeerData;
import io.closebench.scenario.Preparation;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.Side;
import io.closebench.scenario.Timing;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import io.closebench.transport.Listener;
import io.closebench.transport.LoopbackSpread;
import io.closebench.transport.SelectorLoop;
import io.closebench.transport.SocketApi;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Runs one repetition of a scenario for real, with one observer API: sets up the pair, prepares the
 * connection's state, injects the fault at t0, lets the observer find out at t1, and tears
 * everything down, also when something fails. Reused across repetitions (its listeners, selector
 * and observer thread live as long as it does); not thread-safe: one runner per harness thread.
 *
 * <p>Everything the observer's socket does runs on the {@link ObserverThread}, set-up included: for
 * NIO that thread owns the selector, as an event loop owns its channels.
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

    private final SocketApi api;
    private final RunnerSettings settings;
    private final LongSupplier clock;
    private final SelectorLoop loop;
    private final ObserverThread observer;
    private final List<Listener> observerListeners = new ArrayList<>();
    private final List<ServerSocketChannel> peerListeners = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private int nextListener;

    public CaseRunner(SocketApi api, RunnerSettings settings) throws IOException {
        this.api = api;
        this.settings = settings;
        this.clock = System::nanoTime;
        this.loop = new SelectorLoop(clock);
        this.observer = new ObserverThread("closebench-observer-" + api.name().toLowerCase(),
                api == SocketApi.NIO ? loop : null);
        try {
            for (InetAddress address : LoopbackSpread.from(settings.loopbackAddress(), settings.listeners())) {
                InetSocketAddress any = new InetSocketAddress(address, 0);
                observerListeners.add(onObserver(() -> api.listen(any, loop, clock)));
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

    public SocketApi api() {
        return api;
    }

    /** The selector the NIO observer detects in; background load registers its channels on it. */
    public SelectorLoop selectorLoop() {
        return loop;
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
        long deadline = clock.getAsLong() + settings.caseDeadline().toNanos();
        try (Pair pair = new Pair()) {
            return runIn(pair, s, deadline);
        } catch (Exception e) {
            return Observation.harnessFailure(s, api, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Baseline: sets the pair up and prepares it exactly as {@link #run} does, then tears it down
     * without a fault or a probe. What one repetition costs the harness before any detection.
     */
    public void setUpAndTearDown(Scenario s) throws IOException, InterruptedException {
        long deadline = clock.getAsLong() + settings.caseDeadline().toNanos();
        try (Pair pair = new Pair()) {
            connect(pair, s, deadline);
            prepare(pair, s, deadline);
        }
    }

    private Observation runIn(Pair pair, Scenario s, long deadline) throws Exception {
        Preparation prep = s.preparation();
        connect(pair, s, deadline);
        long delivered = prepare(pair, s, deadline);

        long t0 = Long.MIN_VALUE;
        String asleep = "n/a";
        Future<ProbeOutcome> probing;
        switch (s.timing()) {
            case OBSERVER_WAITS -> {
                Armed armed = new Armed();
                probing = observer.submit(() -> probe(pair.observed, s, deadline, armed));
                armed.await(deadline);
                if (pair.peer != null) {
                    if (prep.peerData() == PeerData.STREAM_DURING_PROBE) {
                        pair.peer.send(prep.peerBytes(), prep.peerWriteSize(), deadline);
                    }
                    // the observer has drained what was sent and sleeps in read/select again: now the fault
                    asleep = observer.awaitAsleep(ASLEEP_WAIT_NANOS) ? "yes" : "no";
                    t0 = pair.peer.inject(s.fault());
                } else {
                    pair.child.go();
                    if (s.fault() == Fault.SIGKILL_WHILE_SENDING) {
                        t0 = killWhileSending(pair.child, prep, deadline);
                    }
                }
            }
            case OBSERVER_ACTS_AFTER -> {
                t0 = pair.peer.inject(s.fault());
                probing = observer.submit(() -> probe(pair.observed, s, deadline, null));
            }
            case OUTCOME_ALREADY_ARRIVED -> {
                pair.peer.inject(s.fault());
                TimeUnit.NANOSECONDS.sleep(ARRIVAL_PAUSE_NANOS);
                // t0 is taken by the probe itself, on the observer thread, right before its call
                probing = observer.submit(() -> probe(pair.observed, s, deadline, null));
            }
            default -> throw new IllegalStateException("unknown timing " + s.timing());
        }

        ProbeOutcome result = awaitProbe(probing, pair.observed, deadline);
        if (s.timing() == Timing.OUTCOME_ALREADY_ARRIVED) {
            t0 = result.observerT0;
        }
        long peerSent;
        String t0Source = "parent";
        String failure = result.failure;
        if (pair.child != null) {
            ChildReport report = pair.child.awaitExit(deadline + GRACE_NANOS);
            peerSent = report.bytesSent();
            if (t0 == Long.MIN_VALUE) {
                t0 = report.t0().orElse(Long.MIN_VALUE);
                t0Source = s.runtime() == PeerRuntime.BASH_CHILD ? "child-realtime" : "child";
                if (t0 == Long.MIN_VALUE) {
                    failure = join(failure, "child reported no t0 (exit " + report.exitCode() + "): " + report.diagnostics());
                }
            }
        } else {
            peerSent = pair.peer.bytesSent();
        }
        String peerAfter = s.fault() == Fault.SHUTDOWN_OUTPUT
                ? "peer read after its half-close: " + pair.peer.readOnce(clock.getAsLong() + FOLLOW_UP_NANOS).describe()
                : "";

        IoResult decisive = result.probe.decisive();
        long latency = t0 == Long.MIN_VALUE ? -1 : decisive.returnedAt() - t0;
        delivered += result.probe.bytesRead() + result.followUp.nextRead().bytes();
        return new Observation(s, api, decisive.outcome(), result.probe.detectedBy().name(),
                decisive.exceptionClass(), decisive.message(), latency, peerSent, delivered,
                result.probe.writesAccepted(), result.probe.bytesWritten(),
                result.followUp.nextRead().describe(), result.followUp.nextWrite().describe(), peerAfter,
                asleep, t0Source, failure);
    }

    private void connect(Pair pair, Scenario s, long deadline) throws IOException, InterruptedException {
        int turn = nextListener++ % observerListeners.size();
        Listener observerListener = observerListeners.get(turn);
        ServerSocketChannel peerListener = peerListeners.get(turn);
        if (s.runtime() != PeerRuntime.IN_PROCESS) {
            // child peers are clients: only server-side cases need a process to die
            ChildScript script = new ChildScript(s.preparation().peerReadsIt() ? s.preparation().observerSends() : 0,
                    s.fault() == Fault.SIGKILL_WHILE_SENDING ? STREAM_CAP_BYTES : s.preparation().peerBytes(),
                    s.preparation().peerWriteSize(), ChildMode.of(s.fault()), CHILD_CAP_SECONDS);
            pair.child = ChildPeer.start(s.runtime(), observerListener.address(), script);
            pair.observed = onObserver(() -> observerListener.accept(deadline));
            expectToken(pair.observed, pair.child.token(), deadline);
            return;
        }
        if (s.side() == Side.SERVER) {
            pair.peer = new InProcessPeer(SocketChannel.open(observerListener.address()), clock);
            pair.observed = onObserver(() -> observerListener.accept(deadline));
            if (pair.observed.remotePort() != pair.peer.localPort()) {
                throw new IOException("accepted a connection from port " + pair.observed.remotePort()
                        + ", expected the peer's " + pair.peer.localPort());
            }
        } else {
            InetSocketAddress to = (InetSocketAddress) peerListener.getLocalAddress();
            pair.observed = onObserver(() -> api.connect(to, deadline, loop, clock));
            pair.peer = new InProcessPeer(peerListener.accept(), clock);
        }
    }

    /** Puts the connection in the state the scenario wants at t0; returns what the observer read meanwhile. */
    private long prepare(Pair pair, Scenario s, long deadline) throws IOException, InterruptedException {
        Preparation prep = s.preparation();
        if (prep.observerSends() > 0) {
            ByteBuffer data = filled(prep.observerSends());
            expectOk(onObserver(() -> pair.observed.write(data, deadline)), "observer's first send");
            if (pair.peer != null && prep.peerReadsIt()) {
                pair.peer.readExactly(prep.observerSends(), deadline);
            }
        }
        if (pair.peer == null) {
            return 0;
        }
        long delivered = preparePeerData(pair, prep, deadline);
        pair.peer.prepare(s.fault());
        return delivered;
    }

    private long preparePeerData(Pair pair, Preparation prep, long deadline) throws IOException, InterruptedException {
        switch (prep.peerData()) {
            case SENT_THEN_DRAINED -> {
                pair.peer.send(prep.peerBytes(), prep.peerWriteSize(), deadline);
                return onObserver(() -> readExactly(pair.observed, prep.peerBytes(), deadline));
            }
            case SENT_UNREAD -> {
                pair.peer.send(prep.peerBytes(), prep.peerWriteSize(), deadline);
                // on loopback the data is in the observer's buffer within microseconds; make sure
                while (pair.observed.available() < prep.peerBytes()) {
                    if (clock.getAsLong() - deadline > 0) {
                        throw new IOException("peer's data never arrived: " + pair.observed.available() + " B of " + prep.peerBytes());
                    }
                    TimeUnit.MICROSECONDS.sleep(50);
                }
                return 0;
            }
            case FILL_UNREAD -> {
                pair.peer.fillBuffers(deadline);
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private long killWhileSending(ChildPeer child, Preparation prep, long deadline) throws IOException, InterruptedException {
        if (!child.awaitSent(prep.peerBytes(), deadline)) {
            throw new IOException("child never sent " + prep.peerBytes() + " B before the deadline");
        }
        return child.kill();
    }

    /** The observer's side of a repetition, on the observer thread. */
    private ProbeOutcome probe(Connection c, Scenario s, long deadline, Armed armed) {
        if (armed != null) {
            armed.set();
        }
        long t0 = clock.getAsLong();
        ProbeResult r = s.probe().observe(c, s.limits(), scratch, deadline);
        FollowUp f = FollowUp.after(c, scratch, clock.getAsLong() + FOLLOW_UP_NANOS);
        return new ProbeOutcome(r, f, t0, "");
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

    private ByteBuffer filled(int bytes) {
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
        return a.isEmpty() ? b : a + "; " + b;
    }

    @Override
    public void close() {
        observerListeners.forEach(Listener::close);
        for (ServerSocketChannel l : peerListeners) {
            try {
                l.close();
            } catch (IOException ignored) {
                // teardown
            }
        }
        observer.close();
        loop.close();
    }

    /** Set by the probe when it starts, so that "asleep" means asleep in the probe, not before it. */
    private static final class Armed {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

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
     * Closes the observer's socket on the observer thread, and for NIO lets the selector release
     * it at once. If the observer thread does not answer within a second (a stuck probe was
     * already unblocked by closing), it is closed from here.
     */
    private void closeObserved(Connection observed) {
        try {
            Future<Void> closing = observer.submit(() -> {
                observed.close();
                loop.flushCancelledKeys();
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

    /** What one repetition holds open; closed whatever happens. */
    private final class Pair implements AutoCloseable {
        Connection observed;
        InProcessPeer peer;
        ChildPeer child;

        @Override
        public void close() {
            if (child != null) {
                child.close();
            }
            if (peer != null) {
                peer.close();
            }
            if (observed != null) {
                closeObserved(observed);
            }
        }
    }

    private record ProbeOutcome(ProbeResult probe, FollowUp followUp, long observerT0, String failure) {
    }
}
