package io.closebench.cable;

import io.closebench.schema.Observer;
import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.transport.SocketSettings;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code TCP_USER_TIMEOUT} (RFC 5482, Linux 2.6.37): the longest time transmitted data may stay
 * unacknowledged before the kernel aborts the connection, whatever {@code tcp_retries2} says. The
 * JDK has no socket option for it, so only Netty's native observers can set it
 * ({@code EpollChannelOption.TCP_USER_TIMEOUT}, {@code IoUringChannelOption.TCP_USER_TIMEOUT}). It times unacknowledged data (and keepalive probes,
 * when keepalive is on); on an idle connection without keepalive it has nothing to time.
 *
 * @param millis the timeout
 */
public record UserTimeout(long millis) implements Mechanism {

    public UserTimeout {
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TCP_USER_TIMEOUT in milliseconds, got " + millis);
        }
    }

    @Override
    public String label() {
        return "TCP_USER_TIMEOUT";
    }

    @Override
    public String settings() {
        return ThreeFigureDuration.of(millis * 1_000_000L);
    }

    /** Netty's native transports set it; the JDK, and Netty on the JDK's NIO, have no option for it. */
    @Override
    public Set<Observer> observers() {
        return EnumSet.of(Observer.NETTY_EPOLL, Observer.NETTY_IOURING);
    }

    @Override
    public SocketSettings socketSettings() {
        return SocketSettings.userTimeout((int) millis);
    }

    /** On a connect too: it bounds SYN_SENT. */
    @Override
    public boolean appliesTo(CableFault fault) {
        return true;
    }

    /** Nanoseconds. */
    public long nanos() {
        return millis * 1_000_000L;
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        if (fault.reconnects()) {
            return ConnectTheory.of(fault, t, Theory.NEVER, nanos());
        }
        if (fault.stopsReading()) {
            return closedWindow(t, "TCP_USER_TIMEOUT " + settings());
        }
        if (fault.workload() == Workload.STREAM) {
            return RetransmissionTheory.of(fault, t, millis * 1_000_000L, "TCP_USER_TIMEOUT " + settings(), true);
        }
        if (fault == CableFault.KILLED_REPLUGGED) {
            return Theory.notPredicted(Reference.PLUG,
                    "the server sends nothing; the client's kernel sends its FIN once the cable is back");
        }
        return Theory.never(Reference.LAST_PEER_SEGMENT, fault == CableFault.PEER_FROZEN
                ? "everything is acknowledged by the frozen peer's kernel"
                : "idle, no keepalive: TCP_USER_TIMEOUT times unacknowledged data only, and there is none");
    }

    /**
     * A closed window (fault f): the kernel aborts once it has probed the zero window for the user
     * timeout, answered or not (Linux 5.11+, {@code icsk_probes_tstamp}), counted from the persist
     * timer's first expiry, and again from a later one when a probe found the window open a crack
     * ({@link Theory.Reference#WINDOW_PROBING}); the probe timer is clamped to end right then.
     */
    Theory closedWindow(ConnectionTimeline t, String limit) {
        if (t.windowProbingFrom() < 0) {
            return Theory.notPredicted(Reference.WINDOW_PROBING, "the persist timer was not seen, so when the "
                    + "window probing began is not known (" + limit + ")");
        }
        return new Theory(Reference.WINDOW_PROBING, nanos(), "aborts " + settings() + " after the zero-window probing "
                + "began, though every probe is answered (" + limit + " bounds a closed window too)");
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        if (fault.reconnects()) {
            return ConnectTheory.nominalNanos(fault, Theory.NEVER, nanos(), ConnectionTimeline.DEFAULT_CONNECT.synRetries());
        }
        if (fault.stopsReading()) {
            return nanos() + CLOSING_WINDOW_NANOS;
        }
        return fault.workload() == Workload.STREAM ? nanos() : Theory.NEVER;
    }

    /** For a trial's bound in fault f: the window takes up to about 2 s to close before the first probe. */
    static final long CLOSING_WINDOW_NANOS = 2_000_000_000L;

    @Override
    public String encode() {
        return "USER_TIMEOUT:" + millis;
    }
}
