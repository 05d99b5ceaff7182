package io.closebench.s1;

import io.closebench.cable.CableWire;
import io.closebench.cable.RuleSchedule;
import io.closebench.wire.ConnectionFacts;
import io.closebench.wire.Party;
import io.closebench.wire.SinceFault;
import io.closebench.wire.TimelineEntry;
import java.util.List;
import java.util.Optional;

/**
 * What one pulled-cable connection left on the server's cable and what the server's kernel reported
 * to itself about it, after t0, or why that is unknown.
 *
 * @param facts       its segments on the cable, judged ({@link ConnectionFacts}); empty without capture
 * @param reports     the host-unreachable reports of its segments the kernel delivered (past the ICMP
 *                    rate limit), in order
 * @param arpRequests the trial's ARP requests for the client's address (shared by its connections)
 * @param rules       what the rules the cable table counts with expect on the cable, after t0
 * @param unavailable why there is nothing, or ""
 */
public record CableWireFacts(Optional<ConnectionFacts> facts, List<CableWire.Report> reports,
                             List<SinceFault> arpRequests, List<ExpectedSegment> rules, String unavailable) {

    /** A sample the trial did not capture (a harness failure, a rule-only row). */
    public static final CableWireFacts NOT_CAPTURED = new CableWireFacts(Optional.empty(), List.of(), List.of(),
            List.of(), "not captured");

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
