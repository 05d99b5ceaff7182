package io.closebench.trace;

import io.closebench.wire.FourTuple;
import io.closebench.wire.Party;
import java.util.List;

/**
 * What a {@link KernelTrace} recorded, read once it stopped.
 *
 * @param events     every event its filter selected, in time order
 * @param lostEvents events the kernel could not keep: the ring buffer's per-CPU {@code overrun},
 *                   {@code commit overrun} and {@code dropped events} ({@code per_cpu/cpu*&#47;stats})
 *                   plus any {@code [LOST n EVENTS]} mark in the printing; 0 for a complete record
 * @param unreadable lines of the printing that did not parse as one of the traced events, verbatim
 *                   (none expected; kept so that nothing disappears unseen)
 */
public record KernelTraceRecord(List<KernelEvent> events, long lostEvents, List<String> unreadable) {

    public KernelTraceRecord {
        events = List.copyOf(events);
        unreadable = List.copyOf(unreadable);
    }

    /** True when nothing was lost and every line was read. */
    public boolean complete() {
        return lostEvents == 0 && unreadable.isEmpty();
    }

    /** Every retransmission attempt, in time order. */
    public List<RetransmitAttempt> retransmitAttempts() {
        return ofType(RetransmitAttempt.class);
    }

    /** Every state change, in time order. */
    public List<StateChange> stateChanges() {
        return ofType(StateChange.class);
    }

    /** Every ICMP message sent, in time order. */
    public List<IcmpSent> icmpSent() {
        return ofType(IcmpSent.class);
    }

    /** Every enqueueing of a TCP retransmission timer, in time order. */
    public List<TimerStart> timerStarts() {
        return ofType(TimerStart.class);
    }

    /** Every run of a TCP retransmission timer, in time order. */
    public List<TimerExpiry> timerExpiries() {
        return ofType(TimerExpiry.class);
    }

    /** The retransmission attempts of the socket of {@code connection}'s observer. */
    public List<RetransmitAttempt> retransmitAttemptsOf(FourTuple connection) {
        return retransmitAttempts().stream().filter(a -> observersSocket(a.ends(), connection)).toList();
    }

    /** The state changes of the socket of {@code connection}'s observer. */
    public List<StateChange> stateChangesOf(FourTuple connection) {
        return stateChanges().stream().filter(c -> observersSocket(c.ends(), connection)).toList();
    }

    private static boolean observersSocket(SocketEnds ends, FourTuple connection) {
        return ends.socketOf(connection).filter(p -> p == Party.OBSERVER).isPresent();
    }

    private <T extends KernelEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return events.size() + " kernel events (" + retransmitAttempts().size() + " retransmission attempts, "
                + stateChanges().size() + " state changes, " + icmpSent().size() + " ICMP sent, " + timerStarts().size()
                + " timer starts, " + timerExpiries().size() + " timer runs), " + lostEvents
                + " lost, " + unreadable.size() + " unreadable";
    }
}
