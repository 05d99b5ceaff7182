package io.closebench.wire;

import io.closebench.fault.RealtimeToMonotonic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A capture read back: its TCP segments, the clock to place them against a monotonic t0, and what
 * may be missing; the place to ask per-connection questions. Immutable and thread-safe.
 */
public final class WireRecord {

    private final TcpSegments segments;
    private final RealtimeToMonotonic.Offset clock;
    private final long timestampResolutionNanos;
    private final List<String> problems;
    private final Map<Set<Endpoint>, List<TcpSegment>> byEnds;

    /**
     * @param segments                 the decoded segments and the packets that were not
     * @param clock                    realtime minus monotonic over the capture, with its bound
     * @param timestampResolutionNanos 1 for a nanosecond file, 1000 for a microsecond one
     * @param problems                 the capture's problems, plus any from decoding
     */
    public WireRecord(TcpSegments segments, RealtimeToMonotonic.Offset clock, long timestampResolutionNanos,
                      List<String> problems) {
        this.segments = segments;
        this.clock = clock;
        this.timestampResolutionNanos = timestampResolutionNanos;
        this.problems = List.copyOf(problems);
        Map<Set<Endpoint>, List<TcpSegment>> index = new HashMap<>();
        for (TcpSegment s : segments.segments()) {
            index.computeIfAbsent(ends(s.source(), s.destination()), k -> new ArrayList<>()).add(s);
        }
        this.byEnds = index;
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
    public ConnectionFacts facts(FourTuple connection, long t0Nanos, BytesWritten written) {
        List<TcpSegment> mine = byEnds.getOrDefault(ends(connection.observer(), connection.peer()), List.of());
        return ConnectionAnalysis.analyse(mine, connection, clock.toEpochNanos(t0Nanos),
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

    /** The decoded segments and the packets that were not. */
    public TcpSegments segments() {
        return segments;
    }

    /** Realtime minus monotonic over the capture, with its bound. */
    public RealtimeToMonotonic.Offset clock() {
        return clock;
    }

    /** The capture's problems, plus any from decoding; empty when nothing suggests missing packets. */
    public List<String> problems() {
        return problems;
    }

    /** True when nothing suggests missing packets. */
    public boolean complete() {
        return problems.isEmpty();
    }

    private static Set<Endpoint> ends(Endpoint a, Endpoint b) {
        Set<Endpoint> key = new HashSet<>(2);
        key.add(a);
        key.add(b);
        return key;
    }
}
