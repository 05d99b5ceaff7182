package io.closebench.cable;

import io.closebench.fault.RealtimeToMonotonic;
import io.closebench.wire.BytesWritten;
import io.closebench.wire.ConnectionFacts;
import io.closebench.wire.FourTuple;
import io.closebench.wire.LinkEvents;
import io.closebench.wire.SinceFault;
import io.closebench.wire.WireRecord;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a pulled-cable trial's captures hold ({@link CableCapture}), asked per connection and timed
 * from the trial's fault instant: the segments on the server's cable, the ARP requests it sent, and
 * the host-unreachable reports its kernel gave itself. Or, when there was no capture, why.
 *
 * @param segments     the cable's TCP segments, with the capture's clock
 * @param arpRequests  the ARP requests on the cable
 * @param reports      the ICMP unreachables on the server's loopback
 * @param reportsClock the loopback capture's clock (realtime minus monotonic), to time the reports
 * @param kernel       the server kernel's own account of the trial's sockets, or why there is none
 * @param unavailable  why there is nothing; empty when there is
 */
public record CableWire(Optional<WireRecord> segments, List<LinkEvents.ArpRequest> arpRequests,
                        List<LinkEvents.Unreachable> reports, RealtimeToMonotonic.Offset reportsClock,
                        KernelAccount kernel, String unavailable) {

    /** The timestamp resolution of the captures' files (nanosecond pcap). */
    private static final long RESOLUTION_NANOS = 1;

    public CableWire {
        arpRequests = List.copyOf(arpRequests);
        reports = List.copyOf(reports);
    }

    static CableWire unavailable(String why) {
        return new CableWire(Optional.empty(), List.of(), List.of(), new RealtimeToMonotonic.Offset(0, 0),
                KernelAccount.unavailable(why), why);
    }

    /** True when the trial was captured. */
    public boolean captured() {
        return segments.isPresent();
    }

    /** The facts of one connection on the cable, when captured. */
    public Optional<ConnectionFacts> facts(FourTuple connection, long t0) {
        return segments.map(s -> s.facts(connection, t0, BytesWritten.unknown()));
    }

    /** When each ARP request for {@code target} left, after t0. */
    public List<SinceFault> arpRequestsFor(InetAddress target, long t0) {
        RealtimeToMonotonic.Offset clock = segments.map(WireRecord::clock).orElse(reportsClock);
        return arpRequests.stream().filter(a -> a.target().equals(target))
                .map(a -> since(a.epochNanos(), clock, t0)).toList();
    }

    /** Each report of a segment of {@code connection}, with when it was delivered, after t0. */
    public List<Report> reportsOf(FourTuple connection, long t0) {
        return reports.stream().filter(r -> r.reports(connection))
                .map(r -> new Report(since(r.epochNanos(), reportsClock, t0), r.code(), r.syn().orElse(false),
                        r.sequence()))
                .toList();
    }

    /**
     * One host-unreachable report of a connection's segment.
     *
     * @param at   when the kernel delivered it, after t0
     * @param code the ICMP code (1: host unreachable)
     * @param syn  it reports a SYN
     * @param sequence the reported segment's sequence number
     */
    public record Report(SinceFault at, int code, boolean syn, long sequence) {
    }

    private static SinceFault since(long epochNanos, RealtimeToMonotonic.Offset clock, long t0) {
        return new SinceFault(epochNanos - clock.toEpochNanos(t0), clock.errorBoundNanos() + RESOLUTION_NANOS);
    }
}
