package io.closebench.wire;

import io.closebench.fault.RealtimeToMonotonic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A capture read back: its TCP segments, the clock to place them against a monotonic t0, and what
 * may be missing; the place to ask per-connection questions.
 *
 * @param segments the decoded segments and the packets that were not
 * @param clock    realtime minus monotonic over the capture, with its bound
 * @param timestampResolutionNanos 1 for a nanosecond file, 1000 for a microsecond one
 * @param problems the capture's problems, plus any from decoding
 */
public record WireRecord(TcpSegments segments, RealtimeToMonotonic.Offset clock, long timestampResolutionNanos,
                         List<String> problems) {

    public WireRecord {
        problems = List.copyOf(problems);
    }

    static WireRecord of(CaptureResult capture, PcapFile pcap) {
        return of(pcap, capture.clock(), capture.problems());
    }

    /** A pcap file read with a clock offset measured around its capture and the capture's problems. */
    public static WireRecord of(PcapFile pcap, RealtimeToMonotonic.Offset clock, List<String> captureProblems) {
        TcpSegments segments = TcpSegments.decode(pcap);
        List<String> problems = new ArrayList<>(captureProblems);
        if (segments.headersCut() > 0) {
            problems.add(segments.headersCut() + " packets were cut inside their headers (snap length "
                    + pcap.snapLength() + ")");
        }
        return new WireRecord(segments, clock, pcap.timestampResolutionNanos(), problems);
    }

    /**
     * The facts of one connection against its fault instant.
     *
     * @param connection the connection, by its observer's and peer's endpoints
     * @param t0Nanos    the fault instant, {@code System.nanoTime()} of this JVM (any process on the
     *                   machine: CLOCK_MONOTONIC is system-wide)
     * @param written    bytes each side's application wrote, where known
     */
    public ConnectionFacts facts(Connection connection, long t0Nanos, BytesWritten written) {
        return ConnectionAnalysis.analyse(segments.segments(), connection, clock.toEpochNanos(t0Nanos),
                clock.errorBoundNanos() + timestampResolutionNanos, written, problems);
    }

    /**
     * The endpoints that opened connections to {@code listener} (sent it a SYN), in the order of
     * their first SYN: to find a repetition's connection when only the listener is known.
     */
    public List<Endpoint> clientsOf(Endpoint listener) {
        Set<Endpoint> clients = new LinkedHashSet<>();
        for (TcpSegment s : segments.segments()) {
            if (s.flags().syn() && !s.flags().ack() && s.destination().equals(listener)) {
                clients.add(s.source());
            }
        }
        return List.copyOf(clients);
    }

    /** True when nothing suggests missing packets. */
    public boolean complete() {
        return problems.isEmpty();
    }
}
