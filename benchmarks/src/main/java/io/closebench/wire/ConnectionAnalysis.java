package io.closebench.wire;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link ConnectionFacts} from a capture's segments; the rules are documented there. */
final class ConnectionAnalysis {

    private static final long MOD = 1L << 32;

    private ConnectionAnalysis() {
    }

    /**
     * @param segments        segments in file order: the capture's, or already only this connection's
     *                        ends' (others are skipped either way)
     * @param connection      the connection to analyse
     * @param faultEpochNanos t0 converted to the capture's clock
     * @param boundNanos      the conversion's bound plus the timestamp resolution
     * @param written         bytes each side's application wrote, where known
     * @param captureProblems the capture's problems, carried into the facts
     */
    static ConnectionFacts analyse(List<TcpSegment> segments, FourTuple connection, long faultEpochNanos,
                                   long boundNanos, BytesWritten written, List<String> captureProblems) {
        List<TcpSegment> mine = incarnation(segments.stream().filter(s -> connection.senderOf(s).isPresent()).toList(),
                faultEpochNanos);
        Map<Party, Flow> flows = new EnumMap<>(Party.class);
        flows.put(Party.OBSERVER, new Flow());
        flows.put(Party.PEER, new Flow());
        List<TimelineEntry> timeline = new ArrayList<>();
        Optional<RstAgainstData> rst = Optional.empty();
        for (TcpSegment segment : mine) {
            Party sender = connection.senderOf(segment).orElseThrow();
            Flow own = flows.get(sender);
            Flow other = flows.get(sender.other());
            SinceFault at = new SinceFault(segment.epochNanos() - faultEpochNanos, boundNanos);
            if (segment.flags().rst() && rst.isEmpty() && own.synSeen() && other.synSeen()) {
                rst = Optional.of(new RstAgainstData(sender, own.dataSent(), own.dataAcked(), written.of(sender)));
            }
            Classified c = classify(segment, own);
            timeline.add(new TimelineEntry(segment, sender, at, c.role, c.newBytes));
            other.learnFrom(segment);
        }
        boolean handshake = flows.get(Party.OBSERVER).synSeen() && flows.get(Party.PEER).synSeen();
        return new ConnectionFacts(connection, timeline, handshake, rst, captureProblems);
    }

    /**
     * The segments of the connection that had started by t0 (the latest), else of the first: a
     * 4-tuple reused after a close starts with a SYN carrying a new initial sequence number.
     */
    static List<TcpSegment> incarnation(List<TcpSegment> all, long faultEpochNanos) {
        List<List<TcpSegment>> incarnations = new ArrayList<>();
        List<TcpSegment> current = new ArrayList<>();
        long isn = -1;
        for (TcpSegment s : all) {
            boolean freshSyn = s.flags().syn() && !s.flags().ack() && s.sequence() != isn;
            if (freshSyn) {
                if (!current.isEmpty()) {
                    incarnations.add(current);
                    current = new ArrayList<>();
                }
                isn = s.sequence();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            incarnations.add(current);
        }
        if (incarnations.isEmpty()) {
            return List.of();
        }
        List<TcpSegment> chosen = incarnations.get(0);
        for (List<TcpSegment> candidate : incarnations) {
            if (candidate.get(0).epochNanos() <= faultEpochNanos) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    private record Classified(SegmentRole role, long newBytes) {
    }

    private static Classified classify(TcpSegment s, Flow own) {
        TcpFlags flags = s.flags();
        if (flags.syn()) {
            if (own.synSeen() && s.sequence() == own.isn) {
                return new Classified(SegmentRole.RETRANSMISSION, 0);
            }
            own.start(s.sequence(), true);
            return new Classified(flags.ack() ? SegmentRole.SYN_ACK : SegmentRole.SYN, 0);
        }
        if (!own.started()) {
            // the handshake was not captured: number from here, as if one byte of SYN preceded
            own.start(subtract(s.sequence(), 1), false);
        }
        long start = own.relative(s.sequence());
        if (flags.rst()) {
            return new Classified(SegmentRole.RST, 0);
        }
        long length = s.payloadLength();
        long end = start + s.sequenceLength();
        if (flags.bits() == TcpFlags.ACK && length <= 1 && own.ackedByOther >= 0 && start == own.ackedByOther - 1) {
            return new Classified(own.windowFromOther == 0 ? SegmentRole.ZERO_WINDOW_PROBE : SegmentRole.KEEPALIVE_PROBE, 0);
        }
        if (s.sequenceLength() == 0) {
            return new Classified(SegmentRole.ACK, 0);
        }
        long previousEnd = own.highestEnd;
        long dataEnd = start + length;
        long newBytes = Math.max(0, dataEnd - Math.max(start, previousEnd));
        own.highestEnd = Math.max(own.highestEnd, end);
        own.dataEnd = Math.max(own.dataEnd, dataEnd);
        if (start < previousEnd) {
            return new Classified(SegmentRole.RETRANSMISSION, newBytes);
        }
        return new Classified(flags.fin() ? SegmentRole.FIN : SegmentRole.DATA, newBytes);
    }

    private static long subtract(long sequence, long n) {
        return Math.floorMod(sequence - n, MOD);
    }

    /**
     * One direction's sequence space, numbered from its SYN (relative 0), and what the other side
     * acknowledged and advertised last.
     */
    private static final class Flow {
        long isn = -1;
        boolean synSeen;
        /** one past the highest relative sequence number used (SYN counts 1) */
        long highestEnd;
        /** one past the highest relative data byte */
        long dataEnd;
        /** highest relative acknowledgement from the other side, -1 before the first */
        long ackedByOther = -1;
        /** last raw window the other side advertised, -1 before the first */
        int windowFromOther = -1;

        boolean started() {
            return isn >= 0;
        }

        boolean synSeen() {
            return synSeen;
        }

        /** Numbers the flow from {@code sequence}: its SYN's, or a stand-in one below the first segment seen. */
        void start(long sequence, boolean fromSyn) {
            isn = sequence;
            synSeen = fromSyn;
            highestEnd = 1;
            dataEnd = 1;
            ackedByOther = -1;
        }

        long relative(long sequence) {
            return Math.floorMod(sequence - isn, MOD);
        }

        /** Data bytes sent (relative data end minus the SYN's one). */
        long dataSent() {
            return Math.max(0, dataEnd - 1);
        }

        /** Data bytes the other side acknowledged (a FIN's acknowledgement not counted). */
        long dataAcked() {
            return Math.max(0, Math.min(ackedByOther, dataEnd) - 1);
        }

        /** Takes the acknowledgement and window of a segment the other side sent. */
        void learnFrom(TcpSegment fromOther) {
            if (!started()) {
                return;
            }
            if (fromOther.flags().ack() && !fromOther.flags().rst()) {
                long acked = relative(fromOther.acknowledgement());
                if (acked > ackedByOther && acked <= highestEnd) {
                    ackedByOther = acked;
                }
            }
            if (!fromOther.flags().rst()) {
                windowFromOther = fromOther.window();
            }
        }
    }
}
