package io.closebench.s1;

import io.closebench.cable.CableWire;
import io.closebench.cable.RuleSchedule;
import io.closebench.wire.ConnectionFacts;
import io.closebench.wire.Party;
import io.closebench.wire.SinceFault;
import io.closebench.wire.TimelineEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one pulled-cable connection left on the server's cable and what the server's kernel reported
 * to itself about it, after t0, or why that is unknown.
 *
 * @param facts       its segments on the cable, judged ({@link ConnectionFacts}); empty without capture
 * @param reports     the host-unreachable reports of its segments the kernel delivered (past the ICMP
 *                    rate limit), in order
 * @param arpRequests the trial's ARP requests for the client's address (shared by its connections)
 * @param rules       what the rules the cable table counts with expect on the cable, after t0
 * @param attempts    the server kernel's retransmission attempts on it, sent or held back, after t0
 * @param kernelConnect for a connect of the server's (faults g, g'): when its kernel entered SYN_SENT, after t0;
 *                    the order the trial's SYNs joined the neighbour's queue (a Java instant before the call
 *                    is not: a thread can lose its CPU between the two)
 * @param kernelEnd   when the server's kernel ended it (into CLOSE; a connect, when it failed), after t0, if it did
 * @param kernelUnavailable why there is no kernel account ({@code attempts}, {@code kernelConnect},
 *                    {@code kernelEnd}), or ""
 * @param unavailable why there is nothing, or ""
 */
public record CableWireFacts(Optional<ConnectionFacts> facts, List<CableWire.Report> reports,
                             List<SinceFault> arpRequests, List<ExpectedSegment> rules, List<Attempt> attempts,
                             OptionalLong kernelConnect, OptionalLong kernelEnd, String kernelUnavailable, String unavailable) {

    /** A sample the trial did not capture (a harness failure, a rule-only row). */
    public static final CableWireFacts NOT_CAPTURED = new CableWireFacts(Optional.empty(), List.of(), List.of(),
            List.of(), List.of(), OptionalLong.empty(), OptionalLong.empty(), "not captured", "not captured");

    /**
     * One retransmission attempt of the server's kernel ({@code tcp:tcp_retransmit_skb}).
     *
     * @param sinceT0Nanos when, after t0 (the same clock: no conversion, no bound)
     * @param err          0: handed on; -16: held back, its previous copy still waits in a queue of
     *                     the host (the neighbour's, for ARP); another errno: refused otherwise
     * @param skb          the attempted segment's buffer ({@code skbaddr}): the timer's attempts are
     *                     on the retransmit queue's head, a tail loss probe's on its tail
     */
    public record Attempt(long sinceT0Nanos, int err, long skb) {

        public boolean sent() {
            return err == 0;
        }
    }

    /**
     * One segment the rules expect, timed from t0.
     *
     * @param tick       what and which
     * @param sinceT0Nanos when, after t0
     */
    public record ExpectedSegment(RuleSchedule.Tick tick, long sinceT0Nanos) {
    }

    public CableWireFacts {
        reports = List.copyOf(reports);
        arpRequests = List.copyOf(arpRequests);
        rules = List.copyOf(rules);
        attempts = List.copyOf(attempts);
    }

    /**
     * The sequence number of its oldest unacknowledged byte once the client went silent: the last
     * acknowledgement the client sent on the cable. The segment that starts there is the one whose
     * report reverts the retransmission timer (RFC 6069). Meaningful where the client never answers
     * again (a cable that stays out).
     */
    public OptionalLong oldestUnacked() {
        return facts.stream().flatMap(f -> f.timeline().stream())
                .filter(e -> e.sender() == Party.PEER && e.segment().flags().ack())
                .mapToLong(e -> e.segment().acknowledgement()).reduce((a, b) -> b);
    }

    /** The reports of its oldest unacknowledged segment: those that revert its retransmission timer. */
    public List<CableWire.Report> revertingReports() {
        OptionalLong oldest = oldestUnacked();
        return oldest.isEmpty() ? List.of()
                : reports.stream().filter(r -> !r.syn() && r.sequence() == oldest.getAsLong()).toList();
    }

    /** True when the trial's captures ran and could be read. */
    public boolean captured() {
        return unavailable.isEmpty();
    }

    /** The segments the server sent after t0, each placed and named (retransmission, probe, RST ...). */
    public List<TimelineEntry> serverSent() {
        return facts.map(f -> f.sentAfterFault(Party.OBSERVER)).orElse(List.of());
    }
}
