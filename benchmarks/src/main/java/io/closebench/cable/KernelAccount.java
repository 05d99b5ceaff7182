package io.closebench.cable;

import io.closebench.trace.KernelTraceRecord;
import io.closebench.trace.RetransmitAttempt;
import io.closebench.trace.StateChange;
import io.closebench.wire.FourTuple;
import java.util.List;
import java.util.Optional;

/**
 * The server kernel's own account of a trial's sockets, from its tracepoints ({@link
 * io.closebench.trace.KernelTrace}): what it attempted that the cable never saw. Or why there is
 * none (no tracing here, or a trace that lost events: an account with gaps is not one).
 *
 * @param record      the trace, complete
 * @param unavailable why there is none, or ""
 */
public record KernelAccount(Optional<KernelTraceRecord> record, String unavailable) {

    static KernelAccount of(KernelTraceRecord record) {
        return new KernelAccount(Optional.of(record), "");
    }

    static KernelAccount unavailable(String why) {
        return new KernelAccount(Optional.empty(), why);
    }

    /** Every retransmission attempt on {@code connection}, sent or skipped, in time order. */
    public List<RetransmitAttempt> attemptsOf(FourTuple connection) {
        return record.map(r -> r.retransmitAttemptsOf(connection)).orElse(List.of());
    }

    /** The instant the kernel ended {@code connection} (into CLOSE from a synchronized state), if it did. */
    public Optional<StateChange> endOf(FourTuple connection) {
        return record.flatMap(r -> r.stateChangesOf(connection).stream().filter(StateChange::closesEstablished)
                .findFirst());
    }
}
