package io.closebench.trace;

import io.closebench.wire.Endpoint;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which sockets a {@link KernelTrace} records: those whose own end is one of {@link #localEnds()}
 * (a listening endpoint also selects every connection it accepts: they share its address and
 * port) or whose other end is one of {@link #remoteEnds()}. IPv4 only. Compiled to the kernel's
 * own event filters, so the ring buffer holds nothing else.
 *
 * <p>Tracepoints are machine-wide: they fire for every network namespace and carry no namespace.
 * A socket of another namespace with the same address and port is recorded too. ICMP reports are
 * selected by address alone ({@link IcmpSent}: the kernel gives no TCP ports): a report about a
 * packet from a local end's address or to a remote end's address, whatever its ports.
 *
 * @param localEnds  sockets whose local address and port is one of these
 * @param remoteEnds sockets connected to one of these
 */
public record TraceFilter(Set<Endpoint> localEnds, Set<Endpoint> remoteEnds) {

    /** The kernel refuses a filter of a page or more ({@code event_filter_write()}). */
    static final int MAX_EXPRESSION_BYTES = 4095;
    private static final int IPPROTO_TCP = 6;

    /**
     * @throws IllegalArgumentException when both are empty, an end is not IPv4, or there are too
     *                                  many ends for one kernel filter (a page)
     */
    public TraceFilter {
        localEnds = Set.copyOf(localEnds);
        remoteEnds = Set.copyOf(remoteEnds);
        if (localEnds.isEmpty() && remoteEnds.isEmpty()) {
            throw new IllegalArgumentException("a trace filter needs at least one end");
        }
        for (Endpoint end : union(localEnds, remoteEnds)) {
            if (!(end.address() instanceof Inet4Address)) {
                throw new IllegalArgumentException("only IPv4 ends can be traced: " + end);
            }
        }
        for (TracedEvent event : TracedEvent.socketEvents()) {
            int bytes = expressionOf(event, localEnds, remoteEnds).getBytes(StandardCharsets.US_ASCII).length;
            if (bytes > MAX_EXPRESSION_BYTES) {
                throw new IllegalArgumentException("too many ends for one kernel filter: " + bytes + " bytes for "
                        + event.path() + ", at most " + MAX_EXPRESSION_BYTES);
            }
        }
    }

    /** Sockets with one of these local ends (for a server: its listening address and port). */
    public static TraceFilter localEnds(Endpoint... ends) {
        return new TraceFilter(Set.of(ends), Set.of());
    }

    /** Sockets connected to one of these ends (for a client: the server's address and port). */
    public static TraceFilter remoteEnds(Endpoint... ends) {
        return new TraceFilter(Set.of(), Set.of(ends));
    }

    /**
     * The filter expression written to {@code events/<system>/<name>/filter} for one socket tracepoint.
     *
     * @throws IllegalArgumentException for a timer event: those are filtered by function, not by socket
     */
    public String expression(TracedEvent event) {
        if (event.timerEvent()) {
            throw new IllegalArgumentException(event.path() + " is not filtered by socket");
        }
        return expressionOf(event, localEnds, remoteEnds);
    }

    private static String expressionOf(TracedEvent event, Set<Endpoint> locals, Set<Endpoint> remotes) {
        List<String> clauses = new ArrayList<>();
        if (event == TracedEvent.ICMP_SENT) {
            for (Endpoint end : locals) {
                clauses.add("saddr == " + hex(end));
            }
            for (Endpoint end : remotes) {
                clauses.add("daddr == " + hex(end));
            }
            return String.join(" || ", new LinkedHashSet<>(clauses));
        }
        for (Endpoint end : locals) {
            clauses.add("(saddr == " + hex(end) + " && sport == " + end.port() + ")");
        }
        for (Endpoint end : remotes) {
            clauses.add("(daddr == " + hex(end) + " && dport == " + end.port() + ")");
        }
        // no family test: Java's sockets are AF_INET6 even for IPv4 peers (v4-mapped), and the
        // tracepoints' saddr/daddr hold the IPv4 address (inet_saddr, inet_daddr) for both
        String ends = String.join(" || ", clauses);
        return event == TracedEvent.STATE_CHANGE ? "protocol == " + IPPROTO_TCP + " && (" + ends + ")" : ends;
    }

    /**
     * An IPv4 address as the filter compares it: the tracepoints store it as {@code __u8[4]} in
     * network order, and the filter reads a four-byte field as one integer in this machine's byte
     * order.
     */
    static String hex(Endpoint end) {
        return "0x" + Long.toHexString(addressAsNativeInt(end.address().getAddress()));
    }

    /** The four bytes of an address read as an unsigned integer in this machine's byte order. */
    static long addressAsNativeInt(byte[] address) {
        return ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).getInt() & 0xffff_ffffL;
    }

    private static Set<Endpoint> union(Set<Endpoint> a, Set<Endpoint> b) {
        Set<Endpoint> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
