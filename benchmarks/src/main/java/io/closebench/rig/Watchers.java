package io.closebench.rig;

import io.closebench.fault.Peer;
import io.closebench.observe.ObserverModels;
import io.closebench.observe.ObserverSide;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.SocketHome;
import io.closebench.transport.SocketSettings;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * The stage of a trial whose connections are watched, as a server watches its connections: the
 * observers (one side per model, or several loops of one), the connections each accepted from the
 * peer, and their watches ({@link ObserverSide#watch}). Mass death and the pulled cable set their
 * stages up with it. Everything on a side runs on that side's thread, bounded; closing closes the
 * peer first, then every watch, connection, listener and side, also after a failure half-way.
 */
public final class Watchers implements Stage {

    /** How long one set-up call on an observer's thread may take. */
    private static final Duration SIDE_BOUND = Duration.ofSeconds(60);

    private Peer peer;
    private final List<ObserverSide> sides = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    /** A stage whose peer is known from the start (mass death's clients connect to a listener it makes). */
    public Watchers(Peer peer) {
        this.peer = peer;
    }

    /** A stage whose peer comes later ({@link #attach}): it starts once the observers listen. */
    public Watchers() {
        this(null);
    }

    /** The peer, once it is up. */
    public void attach(Peer up) {
        if (peer != null) {
            throw new IllegalStateException("this stage has its peer already");
        }
        peer = up;
    }

    /** Opens an observer of {@code model} whose sockets are made in {@code home}; returns its index. */
    public int open(Observer model, String name, Optional<CpuSet> cpus, SocketHome home) throws IOException {
        sides.add(ObserverModels.of(model).open(name, cpus, System::nanoTime, home));
        listeners.add(null);
        return sides.size() - 1;
    }

    public List<ObserverSide> sides() {
        return List.copyOf(sides);
    }

    /** Runs {@code task} on side {@code side}'s thread, bounded. */
    public <T> T onSide(int side, Callable<T> task) throws IOException {
        return sides.get(side).thread().call(SIDE_BOUND, task);
    }

    /** Side {@code side} listens on {@code bind}; returns where. */
    public InetSocketAddress listen(int side, InetSocketAddress bind) throws IOException {
        ObserverSide s = sides.get(side);
        Listener l = onSide(side, () -> s.listen(bind));
        listeners.set(side, l);
        return l.address();
    }

    /**
     * Side {@code side} accepts {@code n} connections by {@code deadline}, each with
     * {@code settings} applied through its model's own options; its listener is closed then.
     */
    public List<Connection> accept(int side, int n, SocketSettings settings, long deadline) throws IOException {
        ObserverSide s = sides.get(side);
        Listener l = listeners.get(side);
        List<Connection> accepted = onSide(side, () -> {
            List<Connection> all = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    Connection c = l.accept(deadline);
                    all.add(c);
                    s.configure(c, settings);
                }
            } catch (IOException | RuntimeException e) {
                all.forEach(Connection::close);
                throw e;
            } finally {
                l.close();
            }
            return all;
        });
        listeners.set(side, null);
        connections.addAll(accepted);
        return accepted;
    }

    /** Side {@code side} watches {@code c}, telling {@code handler}. */
    public Watch watch(int side, Connection c, WatchHandler handler) throws IOException {
        ObserverSide s = sides.get(side);
        Watch w = onSide(side, () -> s.watch(c, handler));
        watches.add(w);
        return w;
    }

    /** Connection i to side i mod sides, each on its side's thread, telling {@code handlers.apply(i)}. */
    public void watchRoundRobin(List<Connection> cs, IntFunction<WatchHandler> handlers) throws IOException {
        for (int k = 0; k < sides.size(); k++) {
            ObserverSide s = sides.get(k);
            int loop = k;
            List<Watch> made = onSide(k, () -> {
                List<Watch> mine = new ArrayList<>();
                for (int i = loop; i < cs.size(); i += sides.size()) {
                    mine.add(s.watch(cs.get(i), handlers.apply(i)));
                }
                return mine;
            });
            watches.addAll(made);
        }
    }

    /** Something else the trial holds (background load, the hosts), closed after the watches and connections. */
    public void alsoClose(AutoCloseable other) {
        others.add(other);
    }

    @Override
    public Peer peer() {
        if (peer == null) {
            throw new IllegalStateException("this stage has no peer yet");
        }
        return peer;
    }

    @Override
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Closes the peer, every watch (and its connection), what else it holds, the listeners and the observers; idempotent. */
    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
        watches.forEach(Watch::close);
        watches.clear();
        connections.forEach(Connection::close);
        connections.clear();
        for (AutoCloseable o : others) {
            try {
                o.close();
            } catch (Exception ignored) {
                // teardown goes on
            }
        }
        others.clear();
        listeners.stream().filter(l -> l != null).forEach(Listener::close);
        listeners.clear();
        sides.forEach(ObserverSide::close);
        sides.clear();
    }
}
