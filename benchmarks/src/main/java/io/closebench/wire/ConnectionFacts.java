package io.closebench.wire;

import java.util.List;
import java.util.Optional;

/**
 * What one connection's segments say, relative to its fault instant t0: who ended it how and when,
 * whether an RST left before queued data, what crossed after the fault, and every segment placed
 * on a timeline.
 *
 * <p>Rules, per sender, in capture order (sequence numbers compared modulo 2^32):
 * <ul>
 *   <li>A segment is a <b>retransmission</b> when the sequence space it occupies (payload, SYN, FIN)
 *       starts below the highest its sender had already used: the same data (or SYN, or FIN) sent
 *       again, whether by the retransmission timer, fast retransmit or a tail loss probe. Its bytes
 *       beyond that highest point, if any, still count as new.</li>
 *   <li>A segment is a <b>probe</b> when it carries only ACK, at most one byte, and
 *       {@code seq = SND.UNA - 1} (one below what the other side last acknowledged): Linux's
 *       keepalive and zero-window probes both look like that ({@code tcp_xmit_probe_skb}); it is a
 *       <b>zero-window probe</b> when the other side's last advertised window was 0, else a
 *       <b>keepalive probe</b>. Checked before the retransmission rule, which a one-byte probe would
 *       otherwise match.</li>
 *   <li>The <b>first end</b> is the first FIN or RST in capture order, from either side.</li>
 * </ul>
 *
 * <p>If the 4-tuple carried more than one connection in the capture (a new SYN with a new initial
 * sequence number), the one that had started by t0 (the latest such), else the first, is analysed.
 *
 * @param connection    the connection asked about
 * @param timeline      its segments, placed
 * @param handshakeSeen whether both SYNs were captured: byte counts are relative to them, so
 *                      {@link #rstAgainstData()} needs them
 * @param rstAgainstData the first RST against its sender's data, when there was an RST and the
 *                      handshake was seen
 * @param captureProblems the capture's {@link CaptureResult#problems()}: when not empty, anything
 *                      absent from the timeline may simply have been missed
 */
public record ConnectionFacts(FourTuple connection, List<TimelineEntry> timeline, boolean handshakeSeen,
                              Optional<RstAgainstData> rstAgainstData, List<String> captureProblems) {

    public ConnectionFacts {
        timeline = List.copyOf(timeline);
        captureProblems = List.copyOf(captureProblems);
    }

    /** True when the capture holds at least one segment of the connection. */
    public boolean found() {
        return !timeline.isEmpty();
    }

    /** The first FIN, from either side. */
    public Optional<WireEvent> firstFin() {
        return first(SegmentRole.FIN);
    }

    /** The first RST, from either side. */
    public Optional<WireEvent> firstRst() {
        return first(SegmentRole.RST);
    }

    /** The first FIN sent by {@code side}. */
    public Optional<WireEvent> firstFinFrom(Party side) {
        return timeline.stream().filter(e -> e.role() == SegmentRole.FIN && e.sender() == side).findFirst()
                .map(TimelineEntry::event);
    }

    /** The first RST sent by {@code side}. */
    public Optional<WireEvent> firstRstFrom(Party side) {
        return timeline.stream().filter(e -> e.role() == SegmentRole.RST && e.sender() == side).findFirst()
                .map(TimelineEntry::event);
    }

    /** The first FIN or RST, whichever came first. */
    public Optional<WireEvent> firstEndEvent() {
        return timeline.stream().filter(e -> e.role() == SegmentRole.FIN || e.role() == SegmentRole.RST).findFirst()
                .map(TimelineEntry::event);
    }

    /** FIN, RST or NONE: how the connection's first end appeared. */
    public WireEnd firstEnd() {
        return firstEndEvent().map(e -> e.segment().flags().rst() ? WireEnd.RST : WireEnd.FIN).orElse(WireEnd.NONE);
    }

    /** New data bytes {@code side} put on the wire after t0 (segments stamped after t0). */
    public long bytesAfterFault(Party side) {
        return timeline.stream().filter(e -> e.sender() == side && e.at().nanos() > 0)
                .mapToLong(TimelineEntry::newBytes).sum();
    }

    /** Every retransmission, before and after t0. */
    public List<TimelineEntry> retransmissions() {
        return timeline.stream().filter(e -> e.role() == SegmentRole.RETRANSMISSION).toList();
    }

    /** Every keepalive and zero-window probe, before and after t0. */
    public List<TimelineEntry> probes() {
        return timeline.stream().filter(e -> e.role().probe()).toList();
    }

    /** Retransmissions stamped after t0. */
    public List<TimelineEntry> retransmissionsAfterFault() {
        return retransmissions().stream().filter(e -> e.at().nanos() > 0).toList();
    }

    /** Probes stamped after t0. */
    public List<TimelineEntry> probesAfterFault() {
        return probes().stream().filter(e -> e.at().nanos() > 0).toList();
    }

    /** The segments {@code side} sent after t0: the S1 timeline of one host's kernel. */
    public List<TimelineEntry> sentAfterFault(Party side) {
        return timeline.stream().filter(e -> e.sender() == side && e.at().nanos() > 0).toList();
    }

    /** The most a {@link #orderAfterFault()} lists before it says how many more there were. */
    static final int ORDER_STEPS = 8;

    /**
     * What left on the wire from t0 on, in capture order, one step per change: "peer FIN, observer
     * data, peer RST". Steps are a side and what it sent (data, FIN, RST, retransmission, probe);
     * acknowledgements are left out and repeats of the same step merged; "" when nothing left.
     */
    public String orderAfterFault() {
        List<String> steps = new java.util.ArrayList<>();
        String last = null;
        int more = 0;
        for (TimelineEntry e : timeline) {
            if (e.at().nanos() < 0 || e.role() == SegmentRole.ACK) {
                continue;
            }
            String what = e.sender().name().toLowerCase(java.util.Locale.ROOT) + " " + switch (e.role()) {
                case DATA -> "data";
                case FIN -> "FIN";
                case RST -> "RST";
                case RETRANSMISSION -> "retransmission";
                case KEEPALIVE_PROBE -> "keepalive probe";
                case ZERO_WINDOW_PROBE -> "window probe";
                case SYN -> "SYN";
                case SYN_ACK -> "SYN-ACK";
                case ACK -> "ACK";
            };
            if (what.equals(last)) {
                continue;
            }
            last = what;
            if (steps.size() < ORDER_STEPS) {
                steps.add(what);
            } else {
                more++;
            }
        }
        return String.join(", ", steps) + (more == 0 ? "" : ", and " + more + " more");
    }

    private Optional<WireEvent> first(SegmentRole role) {
        return timeline.stream().filter(e -> e.role() == role).findFirst().map(TimelineEntry::event);
    }
}
