package io.closebench.cable;

import io.closebench.wire.SegmentRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The segments the rules the cable table counts with say the server's kernel sends after the
 * fault, each at its instant: keepalive probes every interval after the idle time from the last
 * segment heard, and the RST that ends them; retransmissions of the first unacknowledged segment
 * at the RTO doubling from 200 ms ({@link RetransmissionTimeoutModel}); a connect's SYN
 * retransmissions ({@link RetransmissionTimeoutModel#synTimerAtNanos}); and the ARP requests of the
 * first resolution after the pull ({@link NeighbourResolution}). Shown beside what the capture saw,
 * so that each rule is checked segment by segment instead of assumed; where the kernel does
 * something the rule leaves out (a tail loss probe before the first retransmission, a retransmission
 * held back for ARP), the difference is the finding. Zero-window probes have no tick here: their
 * schedule depends on probes answered before the trial's fault.
 *
 * @param ticks the expected segments, in time order
 */
public record RuleSchedule(List<Tick> ticks) {

    /** What a tick expects on the cable. */
    public enum Kind {
        SEGMENT, ARP_REQUEST
    }

    /**
     * One expected segment.
     *
     * @param kind    a TCP segment, or an ARP request
     * @param role    what the segment is ({@code null} for an ARP request)
     * @param k       its number among those of its role, from 1
     * @param atNanos when, on the {@code System.nanoTime()} scale
     */
    public record Tick(Kind kind, SegmentRole role, int k, long atNanos) {
    }

    public RuleSchedule {
        ticks = ticks.stream().sorted(Comparator.comparingLong(Tick::atNanos)).toList();
    }

    /**
     * What the rules expect on {@code fault} for a connection watched by {@code mechanism}, up to
     * {@code untilNanos} ({@code System.nanoTime()} scale).
     */
    public static RuleSchedule of(Mechanism mechanism, CableFault fault, ConnectionTimeline t, long untilNanos) {
        List<Tick> ticks = new ArrayList<>();
        boolean pulled = fault.pullsCable();
        if (fault.reconnects() && t.firstUnackedSendAt() > 0) {
            // a reconnect's first unacknowledged send is its connect call: the first SYN
            long connect = t.firstUnackedSendAt();
            ticks.add(new Tick(Kind.SEGMENT, SegmentRole.SYN, 1, connect));
            long userTimeout = mechanism.socketSettings().userTimeoutMillis().orElse(0) * 1_000_000L;
            long giveUp = connect + RetransmissionTimeoutModel.synGiveUpNanos(t.connect().synRetries(),
                    t.connect().synLinearTimeouts(), userTimeout);
            for (int k = 1; ; k++) {
                // the timer that gives up sends nothing
                long at = connect + RetransmissionTimeoutModel.synTimerAtNanos(k, t.connect().synLinearTimeouts());
                if (at - giveUp >= 0 || at - untilNanos > 0) {
                    break;
                }
                ticks.add(new Tick(Kind.SEGMENT, SegmentRole.RETRANSMISSION, k, at));
            }
        } else if (pulled && (fault.workload() == Workload.STREAM || mechanism.heartbeat().isPresent())
                && t.firstUnackedSendAt() > 0) {
            for (int k = 1; ; k++) {
                long at = t.firstUnackedSendAt() + RetransmissionTimeoutModel.retransmissionAtNanos(k);
                if (at - untilNanos > 0) {
                    break;
                }
                ticks.add(new Tick(Kind.SEGMENT, SegmentRole.RETRANSMISSION, k, at));
            }
        } else if (pulled && mechanism.keepalive().isPresent()) {
            TcpKeepalive keepalive = mechanism.keepalive().get();
            for (int k = 0; k < keepalive.count(); k++) {
                long at = t.lastPeerSegmentAt() + keepalive.probeNanos(k);
                if (at - untilNanos > 0) {
                    break;
                }
                ticks.add(new Tick(Kind.SEGMENT, SegmentRole.KEEPALIVE_PROBE, k + 1, at));
            }
            long end = t.lastPeerSegmentAt() + keepalive.probeNanos(keepalive.count());
            if (end - untilNanos <= 0 && !fault.plugsBack()) {
                ticks.add(new Tick(Kind.SEGMENT, SegmentRole.RST, 1, end));
            }
        }
        NeighbourResolution arp = t.arp();
        if (pulled && arp != null && arp.startAt() >= 0) {
            for (int k = 0; k < arp.solicits(); k++) {
                long at = arp.startAt() + k * arp.retransNanos();
                if (at - untilNanos <= 0) {
                    ticks.add(new Tick(Kind.ARP_REQUEST, null, k + 1, at));
                }
            }
        }
        return new RuleSchedule(ticks);
    }
}
