package io.closebench.rig;

import io.closebench.observe.ObserverModel;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Scenario;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.LoopbackSpread;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Repetitions of the catalogue's loopback scenarios with one observer model under one placement,
 * through the {@link Rig}: the matrix's, the benchmarks' and the soak's. It holds what repetitions
 * share: the observer (its thread and sockets), its listeners on several loopback addresses, the
 * harness thread's placement, and the peer's home ({@link PeerHome}: this host unless the caller
 * says otherwise), which makes each repetition's peer. Not thread-safe: one runner per harness
 * thread. Every repetition returns an {@link Observation}, never throws and never hangs.
 */
public final class CaseRunner implements AutoCloseable {

    /** Beyond the case deadline, how long a stuck observer gets before its socket is closed. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long the observer thread gets to close a connection before it is closed from here. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(1);

    private final ObserverModel model;
    private final CpuPlan plan;
    private final RunnerSettings settings;
    private final ObserverSide side;
    private final ThreadPlacement harness;
    private final PeerHome home;
    /** Whether this runner made its home and so closes it. */
    private final boolean ownsHome;
    private final List<Listener> observerListeners = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private int nextListener;

    /**
     * @throws IllegalStateException when the model cannot run here (JDK, kernel) or the placement
     *     cannot be realised: the caller skips with that reason
     */
    public CaseRunner(Observer observer, CpuPlan plan, RunnerSettings settings) throws IOException {
        this(observer, plan, settings, new ThisHost(), true);
    }

    /**
     * A runner whose peers live in {@code home}, which the caller keeps and closes.
     *
     * @throws IllegalStateException as above
     */
    public CaseRunner(Observer observer, CpuPlan plan, RunnerSettings settings, PeerHome home) throws IOException {
        this(observer, plan, settings, home, false);
    }

    private CaseRunner(Observer observer, CpuPlan plan, RunnerSettings settings, PeerHome home, boolean ownsHome)
            throws IOException {
        this.home = home;
        this.ownsHome = ownsHome;
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
                InetSocketAddress any = new InetSocketAddress(home.observerAddress(address), 0);
                observerListeners.add(onObserver(() -> side.listen(any)));
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

    /** The ports the observer listens on: one end of every server-side repetition's connection. */
    public java.util.Set<Integer> listenerPorts() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        observerListeners.forEach(l -> ports.add(l.address().getPort()));
        return ports;
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
     * The repetition's connection and its peer, made by the peer's home; the observer's listeners
     * are taken in turn, so that TIME_WAIT spreads over several addresses.
     */
    private LoopbackStage stage(Scenario s, long deadline) throws IOException {
        Listener listener = observerListeners.get(nextListener++ % observerListeners.size());
        PeerHome.Connected c = home.connect(s, listener.address(), new PeerHome.ObserverEnds() {
            @Override
            public Connection accept(long by) throws IOException {
                return onObserver(() -> listener.accept(by));
            }

            @Override
            public Connection connect(InetSocketAddress to, long by) throws IOException {
                return onObserver(() -> side.connect(to, by));
            }

            @Override
            public <T> T onObserver(Callable<T> task) throws IOException {
                return CaseRunner.this.onObserver(task);
            }
        }, deadline);
        return new LoopbackStage(this, c.observed(), c.peer());
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
        side.close();
        if (ownsHome) {
            home.close();
        }
    }
}
