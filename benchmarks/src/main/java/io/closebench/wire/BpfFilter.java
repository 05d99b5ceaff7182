package io.closebench.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which packets a capture keeps, as typed values: TCP, optionally only segments with one of these
 * ports at either end, optionally only with one of these hosts at either end; and, where asked, the
 * ARP and ICMP packets that decide a dead peer's connections ({@link LinkEvents}). Rendered to a
 * pcap-filter expression only at the edge ({@link #expression()}), so callers never write filter
 * syntax.
 *
 * <p>Filtering by the listeners' ports keeps every connection any repetition made to them and
 * nothing of the other traffic on a shared interface (the root namespace's loopback carries other
 * programs' connections too).
 *
 * @param ports TCP ports (1-65535); empty means any port
 * @param hosts IP addresses; empty means any host
 * @param also  the other packets kept besides those TCP segments
 */
public record BpfFilter(SortedSet<Integer> ports, Set<InetAddress> hosts, Set<Also> also) {

    /** Packets kept besides the TCP segments. */
    public enum Also {
        /** Every ARP packet. */
        ARP,
        /** Every ICMP packet. */
        ICMP
    }

    public BpfFilter {
        for (int port : ports) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
        ports = Collections.unmodifiableSortedSet(new TreeSet<>(ports));
        hosts = Set.copyOf(hosts);
        also = also.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(also));
    }

    /** Every TCP segment. */
    public static BpfFilter allTcp() {
        return new BpfFilter(new TreeSet<>(), Set.of(), Set.of());
    }

    /** TCP segments with one of {@code ports} as source or destination port. */
    public static BpfFilter tcpPorts(int... ports) {
        SortedSet<Integer> set = new TreeSet<>();
        for (int port : ports) {
            set.add(port);
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no ports: use allTcp() for every TCP segment");
        }
        return new BpfFilter(set, Set.of(), Set.of());
    }

    /** This filter, further limited to segments with one of {@code addresses} at either end. */
    public BpfFilter withHosts(InetAddress... addresses) {
        return new BpfFilter(new TreeSet<>(ports), Set.of(addresses), also);
    }

    /** This filter, keeping {@code more} besides. */
    public BpfFilter alsoKeeping(Also... more) {
        EnumSet<Also> all = EnumSet.noneOf(Also.class);
        all.addAll(also);
        all.addAll(List.of(more));
        return new BpfFilter(new TreeSet<>(ports), hosts, all);
    }

    /**
     * The pcap-filter(7) expression, e.g. {@code tcp and (port 40001 or port 40002)}, or
     * {@code (tcp and (port 40001)) or arp} with {@link Also#ARP}.
     */
    public String expression() {
        List<String> parts = new ArrayList<>();
        parts.add("tcp");
        if (!ports.isEmpty()) {
            parts.add(ports.stream().map(p -> "port " + p).collect(Collectors.joining(" or ", "(", ")")));
        }
        if (!hosts.isEmpty()) {
            parts.add(hosts.stream().map(h -> (h instanceof Inet6Address ? "ip6 host " : "host ") + h.getHostAddress())
                    .sorted().collect(Collectors.joining(" or ", "(", ")")));
        }
        String tcp = String.join(" and ", parts);
        if (also.isEmpty()) {
            return tcp;
        }
        return "(" + tcp + ")" + also.stream().map(a -> " or " + a.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }

    /** True when the segment passes this filter (what tcpdump's compiled filter decides, in Java). */
    public boolean accepts(TcpSegment segment) {
        boolean portOk = ports.isEmpty() || ports.contains(segment.source().port())
                || ports.contains(segment.destination().port());
        boolean hostOk = hosts.isEmpty() || hosts.contains(segment.source().address())
                || hosts.contains(segment.destination().address());
        return portOk && hostOk;
    }

    @Override
    public String toString() {
        return expression();
    }
}
