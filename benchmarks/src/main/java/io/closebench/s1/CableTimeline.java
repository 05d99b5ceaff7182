package io.closebench.s1;

import io.closebench.cable.CableWire;
import io.closebench.cable.RuleSchedule;
import io.closebench.schema.TimelineEvent;
import io.closebench.wire.SegmentRole;
import io.closebench.wire.SinceFault;
import io.closebench.wire.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One pulled-cable connection after the fault, event by event, each beside what the rules expect:
 * the segments its server sent on the cable (retransmissions, probes, RST ...), the trial's ARP
 * requests, the host-unreachable reports its kernel delivered, and its detection (t1). The k-th
 * segment of a role is set beside the rule's k-th of that role; a rule's segment that never reached
 * the cable (held in the neighbour queue while ARP failed) is a row with no measured time, which is
 * the point: the rule assumed it left.
 */
public final class CableTimeline {

    private CableTimeline() {
    }

    /**
     * One event.
     *
     * @param event    what it is
     * @param role     the segment's role (SEGMENT), or empty
     * @param k        its number among the connection's events of the same kind and role, from 1
     * @param detail   for a report, "SYN" or "data"; for an attempt, "sent", "held" (its copy still waits for
     *                 ARP) or the errno; for the detection, the outcome
     * @param measured when it happened after t0, with the bound of that time; empty when only the rule has it
     * @param rule     when the rule expects it after t0; empty when the rule says nothing of it
     */
    public record Row(TimelineEvent event, String role, int k, String detail, Optional<SinceFault> measured,
                      OptionalLong rule) {
    }

    /** The sample's timeline, in time order (measured time, else the rule's); empty when it was not captured. */
    public static List<Row> of(CableSample sample) {
        CableWireFacts wire = sample.wire();
        List<Row> rows = new ArrayList<>();
        if (!wire.captured()) {
            return rows;
        }
        Map<SegmentRole, List<Long>> expected = new EnumMap<>(SegmentRole.class);
        List<Long> expectedArp = new ArrayList<>();
        for (CableWireFacts.ExpectedSegment e : wire.rules()) {
            if (e.tick().kind() == RuleSchedule.Kind.ARP_REQUEST) {
                expectedArp.add(e.sinceT0Nanos());
            } else {
                expected.computeIfAbsent(e.tick().role(), r -> new ArrayList<>()).add(e.sinceT0Nanos());
            }
        }
        // where the kernel was traced, the rule's retransmissions are its attempts: most never reach the cable
        List<Long> expectedAttempts = wire.kernelUnavailable().isEmpty()
                ? expected.getOrDefault(SegmentRole.RETRANSMISSION, List.of()) : List.of();
        if (!expectedAttempts.isEmpty()) {
            expected.remove(SegmentRole.RETRANSMISSION);
        }
        for (int k = 1; k <= Math.max(wire.attempts().size(), expectedAttempts.size()); k++) {
            CableWireFacts.Attempt a = k <= wire.attempts().size() ? wire.attempts().get(k - 1) : null;
            rows.add(new Row(TimelineEvent.ATTEMPT, SegmentRole.RETRANSMISSION.name(), k,
                    a == null ? "" : a.sent() ? "sent" : a.err() == -16 ? "held" : "err " + a.err(),
                    a == null ? Optional.empty() : Optional.of(new SinceFault(a.sinceT0Nanos(), 0)),
                    nth(expectedAttempts, k)));
        }
        wire.kernelEnd().ifPresent(end -> rows.add(new Row(TimelineEvent.KERNEL_END, "", 1, "", Optional.of(new SinceFault(end, 0)),
                OptionalLong.empty())));
        Map<SegmentRole, Integer> seen = new EnumMap<>(SegmentRole.class);
        for (TimelineEntry sent : wire.serverSent()) {
            if (sent.role() == SegmentRole.ACK) {
                continue;
            }
            int k = seen.merge(sent.role(), 1, Integer::sum);
            rows.add(new Row(TimelineEvent.SEGMENT, sent.role().name(), k, "", Optional.of(sent.at()),
                    nth(expected.get(sent.role()), k)));
        }
        expected.forEach((role, ticks) -> {
            for (int k = seen.getOrDefault(role, 0) + 1; k <= ticks.size(); k++) {
                rows.add(new Row(TimelineEvent.SEGMENT, role.name(), k, "", Optional.empty(), nth(ticks, k)));
            }
        });
        for (int k = 1; k <= Math.max(wire.arpRequests().size(), expectedArp.size()); k++) {
            rows.add(new Row(TimelineEvent.ARP_REQUEST, "", k, "", k <= wire.arpRequests().size()
                    ? Optional.of(wire.arpRequests().get(k - 1)) : Optional.empty(), nth(expectedArp, k)));
        }
        for (int k = 1; k <= wire.reports().size(); k++) {
            CableWire.Report report = wire.reports().get(k - 1);
            rows.add(new Row(TimelineEvent.REPORT, "", k, report.syn() ? "SYN" : "data", Optional.of(report.at()),
                    OptionalLong.empty()));
        }
        if (sample.detectionNanos() >= 0) {
            OptionalLong rule = sample.theory().isFinite() && sample.sinceReferenceNanos() >= 0
                    ? OptionalLong.of(sample.detectionNanos() - sample.sinceReferenceNanos() + sample.theory().boundNanos())
                    : OptionalLong.empty();
            rows.add(new Row(TimelineEvent.DETECTED, "", 1, sample.outcome().name(),
                    Optional.of(new SinceFault(sample.detectionNanos(), 0)), rule));
        }
        rows.sort(Comparator.comparingLong(r -> r.measured().map(SinceFault::nanos)
                .orElse(r.rule().orElse(Long.MAX_VALUE))));
        return rows;
    }

    private static OptionalLong nth(List<Long> ticks, int k) {
        return ticks != null && k <= ticks.size() ? OptionalLong.of(ticks.get(k - 1)) : OptionalLong.empty();
    }
}
