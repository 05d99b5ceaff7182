package io.closebench.trace;

import io.closebench.wire.FourTuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * The retransmission timers of a trace's sockets: which {@link TimerStart}s and {@link TimerExpiry}s
 * (recorded machine-wide, {@link KernelTrace#startRetransmitTimers}) belong to which connection.
 *
 * <p>The timer is the socket's {@code icsk_retransmit_timer}, a member of {@code struct
 * inet_connection_sock}, so its address is the socket's ({@code skaddr}) plus a fixed offset, which
 * this kernel's build decides. It is learnt from the trace itself: every retransmission the timer
 * sends is followed, within microseconds, by its re-arm ({@code tcp_retransmit_timer()} ->
 * {@code tcp_reset_xmit_timer()}; {@code tcp_xmit_retransmit_queue()} likewise), so the distance from an
 * attempt's {@code skaddr} to the next enqueued timer's address is that offset for most attempts and
 * scattered for the rest (another socket's timer in between). The offset is the distance most attempts
 * agree on, if more than half of them do.
 *
 * <p>A socket's memory, and so its timer's address, may be another socket's once it is freed: a
 * connection's timer events are the ones up to its own end (its change into CLOSE), where traced.
 *
 * @param offset  the timer's offset in the socket, when learnt
 * @param sockets the socket of each traced connection's observer end
 * @param timers  the timer record
 */
public record RetransmitTimers(OptionalLong offset, Map<FourTuple, Socket> sockets, KernelTraceRecord timers) {

    /**
     * A socket as the kernel addresses it.
     *
     * @param sk       its address ({@code skaddr})
     * @param closedAt when it changed into CLOSE, or {@link Long#MAX_VALUE}
     */
    public record Socket(long sk, long closedAt) {
    }

    /** A timer is armed right after the attempt that re-arms it: within this long. */
    static final long PAIR_NANOS = 200_000;
    /** The member lies within the socket's first pages. */
    static final long MAX_OFFSET = 8192;
    /** Fewer attempts than this teach nothing. */
    static final int MIN_PAIRS = 3;

    public RetransmitTimers {
        sockets = Map.copyOf(sockets);
    }

    /**
     * The timers of {@code connections}, from the sockets' record and the timers' record (both on the
     * same clock).
     */
    public static RetransmitTimers of(KernelTraceRecord sockets, KernelTraceRecord timers, List<FourTuple> connections) {
        Map<FourTuple, Socket> addresses = new HashMap<>();
        for (FourTuple c : connections) {
            socketOf(sockets, c).ifPresent(sk -> addresses.put(c, sk));
        }
        return new RetransmitTimers(learnOffset(sockets.retransmitAttempts(), timers.timerStarts()), addresses, timers);
    }

    /** {@code connection}'s observer socket, from its traced events (the address of the last). */
    static Optional<Socket> socketOf(KernelTraceRecord record, FourTuple connection) {
        long sk = 0;
        long closed = Long.MAX_VALUE;
        for (StateChange c : record.stateChangesOf(connection)) {
            sk = c.sk() != 0 ? c.sk() : sk;
            if (c.newState() == TcpState.CLOSE && closed == Long.MAX_VALUE) {
                closed = c.monotonicNanos();
            }
        }
        for (RetransmitAttempt a : record.retransmitAttemptsOf(connection)) {
            sk = a.sk() != 0 ? a.sk() : sk;
        }
        return sk == 0 ? Optional.empty() : Optional.of(new Socket(sk, closed));
    }

    /** The distance from {@code skaddr} to the timer enqueued right after most attempts, if most agree. */
    static OptionalLong learnOffset(List<RetransmitAttempt> attempts, List<TimerStart> starts) {
        Map<Long, Integer> votes = new HashMap<>();
        int paired = 0;
        int s = 0;
        for (RetransmitAttempt a : attempts) {
            while (s < starts.size() && starts.get(s).monotonicNanos() < a.monotonicNanos()) {
                s++;
            }
            for (int i = s; i < starts.size() && starts.get(i).monotonicNanos() - a.monotonicNanos() <= PAIR_NANOS; i++) {
                long distance = starts.get(i).timer() - a.sk();
                if (distance >= 0 && distance < MAX_OFFSET) {
                    votes.merge(distance, 1, Integer::sum);
                    paired++;
                    break;
                }
            }
        }
        if (paired < MIN_PAIRS) {
            return OptionalLong.empty();
        }
        Map.Entry<Long, Integer> best = null;
        for (Map.Entry<Long, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return 2L * best.getValue() > paired ? OptionalLong.of(best.getKey()) : OptionalLong.empty();
    }

    /** The enqueueings of {@code connection}'s retransmission timer, in time order; empty when unknown. */
    public List<TimerStart> startsOf(FourTuple connection) {
        return ofTimer(connection, timers.timerStarts(), TimerStart::timer);
    }

    /** The runs of {@code connection}'s retransmission timer, in time order; empty when unknown. */
    public List<TimerExpiry> expiriesOf(FourTuple connection) {
        return ofTimer(connection, timers.timerExpiries(), TimerExpiry::timer);
    }

    /** The events of {@code connection}'s timer up to its socket's close. */
    private <T extends KernelEvent> List<T> ofTimer(FourTuple connection, List<T> events, ToLongFunction<T> timerOfEvent) {
        OptionalLong timer = timerOf(connection);
        List<T> mine = new ArrayList<>();
        if (timer.isPresent()) {
            long until = sockets.get(connection).closedAt();
            events.stream().filter(e -> timerOfEvent.applyAsLong(e) == timer.getAsLong() && e.monotonicNanos() <= until)
                    .forEach(mine::add);
        }
        return mine;
    }

    private OptionalLong timerOf(FourTuple connection) {
        Socket socket = sockets.get(connection);
        return socket == null || offset.isEmpty() ? OptionalLong.empty() : OptionalLong.of(socket.sk() + offset.getAsLong());
    }
}
