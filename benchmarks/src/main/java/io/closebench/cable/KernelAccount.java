package io.closebench.cable;

import io.closebench.trace.KernelTraceRecord;
import io.closebench.trace.RetransmitAttempt;
import io.closebench.trace.RetransmitTimers;
import io.closebench.trace.StateChange;
import io.closebench.trace.TimerExpiry;
import io.closebench.trace.TimerStart;
import io.closebench.wire.FourTuple;
import java.util.List;
import java.util.Optional;

/**
 * The server kernel's own account of a trial's sockets, from its tracepoints ({@link
 * io.closebench.trace.KernelTrace}): what it attempted that the cable never saw. Or why there is
 * none (no tracing here, or a trace that lost events: an account with gaps is not one). Beside it,
 * recorded apart, the retransmission timers' enqueueings (machine-wide, so they may overflow their own
 * buffer without costing the sockets' account), or why there are none.
 *
 * @param record            the trace, complete
 * @param unavailable       why there is none, or ""
 * @param timers            the retransmission timers' record, complete
 * @param timersUnavailable why there is none, or ""
 */
public record KernelAccount(Optional<KernelTraceRecord> record, String unavailable, Optional<KernelTraceRecord> timers,
                            String timersUnavailable) {

    static KernelAccount of(KernelTraceRecord record) {
        return new KernelAccount(Optional.of(record), "", Optional.empty(), "not traced");
    }

    static KernelAccount unavailable(String why) {
        return new KernelAccount(Optional.empty(), why, Optional.empty(), why);
    }

    /** This account with the timers' record (complete), or why there is none. */
    KernelAccount withTimers(Optional<KernelTraceRecord> timerRecord, String why) {
        return new KernelAccount(record, unavailable, timerRecord, timerRecord.isPresent() ? "" : why);
    }

    /** Every retransmission attempt on {@code connection}, sent or skipped, in time order. */
    public List<RetransmitAttempt> attemptsOf(FourTuple connection) {
        return record.map(r -> r.retransmitAttemptsOf(connection)).orElse(List.of());
    }

    /** The instant the kernel ended {@code connection} (into CLOSE; a connect too, when it failed), if it did. */
    public Optional<StateChange> endOf(FourTuple connection) {
        return record.flatMap(r -> r.stateChangesOf(connection).stream().filter(StateChange::endsConnection)
                .findFirst());
    }

    /**
     * The instant {@code connection}, a connect of this host's, entered SYN_SENT: its SYN follows within
     * the same call, so across a trial's connects this is the order their SYNs joined the neighbour's queue.
     */
    public Optional<StateChange> connectOf(FourTuple connection) {
        return record.flatMap(r -> r.stateChangesOf(connection).stream().filter(StateChange::startsConnect).findFirst());
    }

    /**
     * Each enqueueing of {@code connection}'s retransmission timer, in time order ({@link RetransmitTimers});
     * empty when the timers were not traced or the connection's timer could not be told.
     */
    public List<TimerStart> timerStartsOf(FourTuple connection) {
        if (record.isEmpty() || timers.isEmpty()) {
            return List.of();
        }
        return RetransmitTimers.of(record.get(), timers.get(), List.of(connection)).startsOf(connection);
    }

    /** Each run of {@code connection}'s retransmission timer, in time order; empty as {@link #timerStartsOf}. */
    public List<TimerExpiry> timerRunsOf(FourTuple connection) {
        if (record.isEmpty() || timers.isEmpty()) {
            return List.of();
        }
        return RetransmitTimers.of(record.get(), timers.get(), List.of(connection)).expiriesOf(connection);
    }
}
