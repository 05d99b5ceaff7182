package io.closebench.observe;

import io.closebench.schema.Observer;
import io.closebench.transport.Connection;
import io.closebench.transport.Listener;
import io.closebench.transport.Watch;
import io.closebench.transport.WatchHandler;
import io.closebench.transport.SocketSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * A running observer of one model: the thread its calls run on (the {@link ObserverThread}, which
 * can tell when it sleeps), and its sockets. {@link #listen}, {@link #connect} and the
 * {@link Connection}s they give must be used on {@link #thread()} (through
 * {@link ObserverThread#submit}): for an event-loop model that thread owns the loop, as an event
 * loop owns its channels.
 */
public interface ObserverSide extends AutoCloseable {

    Observer id();

    /** The observer's own thread, where every call on its sockets runs. */
    ObserverThread thread();

    /** A listener of this model; call on {@link #thread()}. */
    Listener listen(InetSocketAddress bindTo) throws IOException;

    /**
     * A connection of this model to {@code to}, connected by {@code deadline} or refused with the
     * reason; call on {@link #thread()}, which waits for it as the model waits (a blocking connect,
     * or {@code OP_CONNECT} / Netty's connect future on this side's loop).
     */
    Connection connect(InetSocketAddress to, long deadline) throws IOException;

    /**
     * Starts a connection of this model as a program of this model opens one, without waiting for
     * it: BLOCKING and VIRTUAL block a thread of their kind in {@code Socket.connect(address,
     * timeout)}; NIO connects non-blocking and waits for {@code OP_CONNECT} on this side's selector,
     * its timeout a timer of this side's loop; Netty connects through a {@code Bootstrap} on this
     * side's loop with {@code CONNECT_TIMEOUT_MILLIS}. {@code handler} hears how it went. Call on
     * {@link #thread()}.
     *
     * @return what gives up an attempt still under way (it closes the socket; the handler then
     *     hears nothing more that matters)
     * @throws IllegalArgumentException when this model's API cannot set one of the options
     */
    Dialing dial(Dial dial, DialHandler handler) throws IOException;

    /** An attempt of {@link #dial} under way. */
    @FunctionalInterface
    interface Dialing {
        /** Gives the attempt up: closes its socket. Idempotent. */
        void cancel();
    }

    /**
     * Watches a connection of this side in the background, as a server watches its other
     * connections: reads whatever arrives and reports the bytes and the end to {@code handler}, on
     * this model's own terms (a thread per connection, blocked in read; the event loop of
     * {@link #thread()}); writes and timers go through the returned {@link Watch}. Call on
     * {@link #thread()}. Closing the watch stops watching and closes the connection.
     */
    Watch watch(Connection connection, WatchHandler handler) throws IOException;

    /**
     * Applies the detection settings a server chooses for a connection (keepalive,
     * {@code TCP_USER_TIMEOUT}) through this model's own options; call on {@link #thread()}.
     *
     * @throws IllegalArgumentException when this model's API cannot set one of them
     */
    void configure(Connection connection, SocketSettings settings) throws IOException;

    /**
     * One repetition's observer side: {@code probe} on {@code c}, then its {@link FollowUp}; call on
     * {@link #thread()}. This default runs them call by call, here, through {@link Connection}: t0
     * right before the probe's first call, the follow-up's calls bounded by {@code followUpNanos}
     * from the probe's end. A model whose calls run in another process (the C observer) runs them
     * there whole instead, so that no hand-off between processes lies inside t1 - t0.
     *
     * @param until    the probe's deadline
     * @param armed    run once the probe is about to make its first call: from then on, the observer
     *                 asleep means asleep in the probe; null where nobody waits for that (the observer
     *                 acts after the fault)
     * @param takesT0  whether the observer takes t0 itself (it acts after the fault): a model that
     *                 hands the probe to another thread makes sure that hand-off is over first
     * @param clock    the clock t0 is read with
     */
    default ProbeRun probe(Connection c, Probe probe, ProbeLimits limits, ByteBuffer scratch, long until,
                           long followUpNanos, Runnable armed, boolean takesT0, LongSupplier clock) {
        if (armed != null) {
            armed.run();
        }
        long t0 = clock.getAsLong();
        ProbeResult r = probe.observe(c, limits, scratch, until);
        FollowUp f = FollowUp.after(c, scratch, clock.getAsLong() + followUpNanos);
        return new ProbeRun(r, f, t0);
    }

    /**
     * Releases what closed connections still hold, at once: a registered channel's close takes
     * effect only when its selector next selects. Call on {@link #thread()}.
     */
    default void flushClosed() throws IOException {
    }

    /** Stops the thread and closes what it owns. */
    @Override
    void close();
}
