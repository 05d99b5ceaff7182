package io.closebench.s1;

import io.closebench.cable.Decision;
import io.closebench.cable.Mechanism;
import io.closebench.cable.ObservedConnection;
import io.closebench.cable.ServerGroupSpec;
import io.closebench.cable.TrialControl;
import io.closebench.cable.Workload;

import io.closebench.schema.DetectedBy;

import io.closebench.observe.Dial;
import io.closebench.observe.DialHandler;
import io.closebench.observe.ObserverSide;
import io.closebench.rig.Watchers;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.IoResult;
import io.closebench.transport.SocketHome;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One group's connections of the server host, watched by one observer model as a server of
 * that model watches its connections ({@link ObserverSide#watch}): a thread per connection for the
 * blocking models, one event loop for NIO and Netty. What the mechanism asks of a connection (its
 * socket options, its timers, pings and stream chunks, what its reads mean) is
 * {@link ObservedConnection}'s, the same for every model; this class only connects the two.
 *
 * <p>A group of a reconnect fault ({@link Workload#RECONNECT}) does not watch its connections: it
 * accepts them (the server had connections to the client), and after the fault each one's turn is
 * a new connection to the client, opened by the model's own {@link ObserverSide#dial} from a local port of
 * its own ({@link #RECONNECT_PORT_BASE} + 50 x group + index, below the ephemeral range, so that
 * the kernel's view of it can be found), whose outcome is the connection's.
 */
public final class WatchedGroup implements AutoCloseable {

    private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The first local port of the reconnects: 50 per group, below the ephemeral ports. */
    public static final int RECONNECT_PORT_BASE = 20000;

    private final ServerGroupSpec spec;
    private final TrialControl control;
    private final Watchers stage;
    private final int side;
    private final List<Watched> watched = new ArrayList<>();
    private final InetAddress bind;
    private final InetSocketAddress peer;
    /** A reconnect group's thread, which waits for the fault and then dials; stopped at close. */
    private Thread reconnecting;

    /**
     * The group's rules over the connections {@code accepted} by observer {@code side} of
     * {@code stage}, in order.
     *
     * @param bind where it listened, and the local address of its reconnects
     * @param peer where its reconnects go: the client's address and service port
     */
    public WatchedGroup(ServerGroupSpec spec, TrialControl control, Watchers stage, int side, List<Connection> accepted,
                 InetAddress bind, InetSocketAddress peer) {
        if (spec.workload() == Workload.RECONNECT && spec.connections() > 50) {
            throw new IllegalArgumentException("at most 50 reconnects per group, got " + spec.connections());
        }
        this.spec = spec;
        this.control = control;
        this.stage = stage;
        this.side = side;
        this.bind = bind;
        this.peer = peer;
        for (int i = 0; i < accepted.size(); i++) {
            Connection c = accepted.get(i);
            int port = spec.workload() == Workload.RECONNECT ? reconnectPort(spec.id(), i) : c.remotePort();
            watched.add(new Watched(new ObservedConnection(spec, i, port, control), c));
        }
        // a reconnect group's connections are not watched: nothing to wake
        control.onWakeUp(() -> List.copyOf(watched).stream().filter(w -> w.watch != null)
                .forEach(w -> w.watch.at(System.nanoTime(), w::tick)));
    }

    /** Stops the reconnects' thread; the stage closes the connections and the observer. */
    @Override
    public void close() {
        if (reconnecting != null) {
            reconnecting.interrupt();
        }
    }

    /** The local port of reconnect {@code index} of group {@code group}. */
    public static int reconnectPort(int group, int index) {
        return RECONNECT_PORT_BASE + 50 * group + index;
    }

    /** Starts watching: timers, pings and stream chunks count from {@code now}; or arms the reconnects. */
    public void start(long now) throws IOException {
        if (spec.workload() == Workload.RECONNECT) {
            reconnecting = new Thread(this::reconnect, "g" + spec.id() + "-reconnect");
            reconnecting.setDaemon(true);
            reconnecting.start();
            return;
        }
        for (Watched w : watched) {
            w.state.start(now);
            w.watch = stage.watch(side, w.connection, w);
            w.watch.at(now, w::tick);
        }
    }

    /**
     * After the fault and {@link Workload#RECONNECT_AFTER}, one connect per connection with the
     * mechanism's options; attempts still under way at the bound end as TIMEOUT (BOUND).
     */
    private void reconnect() {
        Mechanism m = spec.mechanism();
        Optional<java.time.Duration> timeout = m.connectTimeout().map(ct -> java.time.Duration.ofMillis(ct.millis()));
        try {
            long t0 = control.awaitFault(TimeUnit.MINUTES.toNanos(10));
            if (t0 < 0) {
                return;
            }
            long left = t0 + Workload.RECONNECT_AFTER.toNanos() - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            List<ObserverSide.Dialing> cancels = new ArrayList<>();
            for (Watched w : watched) {
                ObservedConnection state = w.state;
                Dial dial = new Dial(Optional.of(new InetSocketAddress(bind, state.remotePort())), peer,
                        m.socketSettings(), timeout);
                try {
                    ObserverSide dialer = stage.sides().get(side);
                    cancels.add(stage.onSide(side, () -> dialer.dial(dial, new DialHandler() {
                        /** A reconnect's decision carries its connect call's start where a watch's has its last read. */
                        private volatile long startedAt;

                        @Override
                        public void started(long at) {
                            startedAt = at;
                            state.connecting(at);
                        }

                        @Override
                        public void connected(Connection c, long at) {
                            // the dead host answered after all: the reconnect recovered
                            if (state.decide(new Decision(Outcome.NONE, DetectedBy.CONNECTED, at, "", "", startedAt))) {
                                state.report("not tried: no connection");
                            }
                            c.close();
                        }

                        @Override
                        public void failed(IoResult r) {
                            if (state.decide(Decision.of(r, r.outcome() == Outcome.TIMEOUT ? DetectedBy.CONNECT_TIMEOUT : DetectedBy.CONNECT,
                                    startedAt))) {
                                state.report("not tried: no connection");
                            }
                        }
                    })));
                } catch (IOException | RuntimeException e) {
                    if (state.decide(Decision.failed(e, System.nanoTime(), DetectedBy.CONNECT, state.lastReadAtForReport()))) {
                        state.report("not tried: no connection");
                    }
                }
            }
            long untilBound = control.deadline() - System.nanoTime();
            while (untilBound > 0 && watched.stream().anyMatch(w -> !w.state.isDecided())) {
                TimeUnit.NANOSECONDS.sleep(Math.min(untilBound, TimeUnit.MILLISECONDS.toNanos(50)));
                untilBound = control.deadline() - System.nanoTime();
            }
            for (int i = 0; i < watched.size(); i++) {
                ObservedConnection state = watched.get(i).state;
                if (state.decide(Decision.timer(Outcome.TIMEOUT, DetectedBy.BOUND, System.nanoTime(),
                        state.lastReadAtForReport()))) {
                    if (i < cancels.size()) {
                        cancels.get(i).cancel();
                    }
                    state.report("not tried: no connection");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    /** One connection: its mechanism's state, its socket, and how its model tells and acts. */
    private static final class Watched implements WatchHandler {
        final ObservedConnection state;
        final Connection connection;
        volatile Watch watch;

        Watched(ObservedConnection state, Connection connection) {
            this.state = state;
            this.connection = connection;
        }

        /** Timers and due writes, on the connection's own thread or loop; then the next tick. */
        void tick() {
            if (state.isDecided()) {
                return;
            }
            long now = System.nanoTime();
            Decision timer = state.expiredTimer(now);
            if (timer != null) {
                finish(timer);
                return;
            }
            if (state.writeDue() - now <= 0) {
                watch.write(state.takeDueWrites(now), state.writeDeadline());
            }
            long wake = Math.min(state.timerDue(), state.writeDue());
            long next = wake == Long.MAX_VALUE ? now + MAX_TICK_NANOS : Math.min(now + MAX_TICK_NANOS, wake);
            watch.at(next, this::tick);
        }

        @Override
        public void bytes(ByteBuffer data, long t) {
            Decision recovered = state.onRead(data, t);
            if (recovered != null) {
                finish(recovered);
            }
        }

        @Override
        public void ended(Outcome outcome, long t1, Throwable cause) {
            finish(decision(outcome, t1, cause, DetectedBy.READ));
        }

        @Override
        public void written(int n, long startedAt) {
            state.wrote(n, startedAt);
        }

        @Override
        public void writeFailed(Outcome outcome, long t, Throwable cause) {
            // a write still blocked at its deadline: stuck until the bound, nothing was reported
            finish(outcome == Outcome.TIMEOUT ? Decision.timer(Outcome.TIMEOUT, DetectedBy.BOUND, t, state.lastReadAtForReport())
                    : decision(outcome, t, cause, DetectedBy.WRITE));
        }

        private Decision decision(Outcome outcome, long t, Throwable cause, DetectedBy call) {
            if (cause != null) {
                return Decision.failed(cause, t, call, state.lastReadAtForReport());
            }
            return Decision.of(outcome == Outcome.EOF ? IoResult.eof(t)
                    : new IoResult(outcome, 0, "", "", "", t), call, state.lastReadAtForReport());
        }

        /** The follow-up write, then the report; only for the decision that stands. */
        private void finish(Decision d) {
            if (state.decide(d)) {
                watch.tryWriteNow(ServerGroupSpec.FOLLOW_UP, state::report);
            }
        }
    }
}
