package io.closebench.rig;

import io.closebench.fault.ChildMode;
import io.closebench.fault.ChildPeer;
import io.closebench.fault.ChildScript;
import io.closebench.fault.Fault;
import io.closebench.fault.InProcessPeer;
import io.closebench.fault.PeerRuntime;
import io.closebench.observe.ObserverModel;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Preparation;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.Side;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.LoopbackSpread;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Repetitions of the catalogue's loopback scenarios with one observer model under one placement,
 * through the {@link Rig}: the matrix's, the benchmarks' and the soak's. It holds what repetitions
 * share: the observer (its thread and sockets), its listeners on several loopback addresses and the
 * peer's, and the harness thread's placement. Not thread-safe: one runner per harness thread.
 *
 * <p>Where the peer lives follows the scenario: a socket in this JVM ({@link InProcessPeer}), or a
 * child process that connects itself ({@link ChildPeer}). Every repetition returns an
 * {@link Observation}, never throws and never hangs.
 */
public final class CaseRunner implements AutoCloseable {

    /** Beyond the case deadline, how long a stuck observer gets before its socket is closed. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long the observer thread gets to close a connection before it is closed from here. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(1);
    /** A child ends by itself after this many seconds whatever happens. */
    private static final int CHILD_CAP_SECONDS = 30;
    /** The byte cap of a child that streams until killed (it is killed long before). */
    private static final long STREAM_CAP_BYTES = 1L << 30;

    private final ObserverModel model;
    private final CpuPlan plan;
    private final RunnerSettings settings;
    private final ObserverSide side;
    private final ThreadPlacement harness;
    private final List<Listener> observerListeners = new ArrayList<>();
    private final List<ServerSocketChannel> peerListeners = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private int nextListener;

    /**
     * @throws IllegalStateException when the model cannot run here (JDK, kernel) or the placement
     *     cannot be realised: the caller skips with that reason
     */
    public CaseRunner(Observer observer, CpuPlan plan, RunnerSettings settings) throws IOException {
        this.model = ObserverModels.of(observer);
        this.plan = plan;
        this.settings = settings;
        this.harness = new ThreadPlacement(plan);
        model.unavailableReason().ifPresent(why -> {
            throw new IllegalStateException(observer + " cannot run here: " + why);
        });
        this.side = model.open("closebench-observer-" + observer.name().toLowerCase(), plan.observer(), System::nanoTime);
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

    /** The probe's buffer, reused across repetitions so that a probe allocates nothing. */
    ByteBuffer scratch() {
        return scratch;
    }

    /** Runs {@code task} on the observer thread and waits for it, bounded by the case deadline plus grace. */
    public <T> T onObserver(Callable<T> task) throws IOException {
        return side.thread().call(settings.caseDeadline().plusNanos(GRACE_NANOS), task);
    }

    /** Runs the scenario once. Never throws for anything the case or the harness does. */
    public Observation run(Scenario s) {
        harness.place();
        long deadline = System.nanoTime() + settings.caseDeadline().toNanos();
        return Rig.run(() -> stage(s, deadline), new Probing(this, s), deadline);
    }

    /**
     * Baseline: sets the stage and prepares it exactly as {@link #run} does, then tears it down
     * without a fault or a probe. What one repetition costs the harness before any detection.
     */
    public void setUpAndTearDown(Scenario s) throws Exception {
        harness.place();
        long deadline = System.nanoTime() + settings.caseDeadline().toNanos();
        try (Stage stage = stage(s, deadline)) {
            new Probing(this, s).prepare(stage, deadline);
        }
    }

    /**
     * The repetition's connection and its peer: a child started from this (placed) thread connects
     * to one of the observer's listeners; an in-process peer connects to it for a server-side case,
     * and the observer connects to the peer's listener for a client-side one. The listeners are
     * taken in turn.
     */
    private LoopbackStage stage(Scenario s, long deadline) throws IOException {
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
                LoopbackStage stage = new LoopbackStage(this, onObserver(() -> observerListener.accept(deadline)), child);
                try {
                    expectToken(stage.connections().get(0), child.token(), deadline);
                } catch (IOException | RuntimeException e) {
                    stage.close();
                    throw e;
                }
                return stage;
            } catch (IOException | RuntimeException e) {
                child.close();
                throw e;
            }
        }
        if (s.side() == Side.SERVER) {
            SocketChannel peerChannel = SocketChannel.open(observerListener.address());
            try {
                Connection observed = onObserver(() -> observerListener.accept(deadline));
                InProcessPeer peer = new InProcessPeer(peerChannel, System::nanoTime, s.fault(), observed);
                LoopbackStage stage = new LoopbackStage(this, observed, peer);
                if (observed.remotePort() != peer.localPort()) {
                    stage.close();
                    throw new IOException("accepted a connection from port " + observed.remotePort()
                            + ", expected the peer's " + peer.localPort());
                }
                return stage;
            } catch (IOException | RuntimeException e) {
                peerChannel.close();
                throw e;
            }
        }
        InetSocketAddress to = (InetSocketAddress) peerListener.getLocalAddress();
        Connection observed = onObserver(() -> side.connect(to, deadline));
        try {
            return new LoopbackStage(this, observed, new InProcessPeer(peerListener.accept(), System::nanoTime, s.fault(),
                    observed));
        } catch (IOException | RuntimeException e) {
            closeObserved(observed);
            throw e;
        }
    }

    private void expectToken(Connection c, String token, long deadline) throws IOException {
        byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer got = ByteBuffer.allocate(expected.length);
        while (got.hasRemaining()) {
            Probing.expectOk(onObserver(() -> c.read(got, deadline)), "child's token");
        }
        if (!Arrays.equals(got.array(), expected)) {
            throw new IOException("accepted a connection that is not this child's (token mismatch)");
        }
    }

    /**
     * Closes the observer's socket on the observer thread, which for an event-loop model also lets
     * the loop release it at once. If the observer thread does not answer within a second (a stuck
     * probe was already unblocked by closing), it is closed from here.
     */
    void closeObserved(Connection observed) {
        try {
            side.thread().call(CLOSE_BOUND, () -> {
                observed.close();
                side.flushClosed();
                return null;
            });
        } catch (IOException e) {
            observed.close();
        }
    }

    @Override
    public void close() {
        harness.release();
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
}
