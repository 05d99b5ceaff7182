package io.closebench.trace;

import io.closebench.wire.Endpoint;

/**
 * One ICMPv4 message this host sent ({@code icmp:icmp_send}), after the rate limits let it pass.
 * The tracepoint describes the packet being reported, not the message: its source and
 * destination address, and its ports only when it was UDP ({@code include/trace/events/icmp.h}
 * sets them to 0 for every other protocol). So a report about a TCP segment names the two
 * addresses of its connection but not which connection between them.
 *
 * @param monotonicNanos   when, on {@link System#nanoTime()}'s clock
 * @param type             ICMP type (3: destination unreachable)
 * @param code             ICMP code (1: host unreachable)
 * @param reportedSource   the reported packet's source (port 0 unless UDP)
 * @param reportedDestination the reported packet's destination (port 0 unless UDP)
 */
public record IcmpSent(long monotonicNanos, int type, int code, Endpoint reportedSource, Endpoint reportedDestination)
        implements KernelEvent {

    /** ICMP type destination unreachable. */
    public static final int DEST_UNREACH = 3;
    /** Its code host unreachable: what a failed neighbour resolution reports. */
    public static final int HOST_UNREACH = 1;

    /** True for a host-unreachable report. */
    public boolean hostUnreachable() {
        return type == DEST_UNREACH && code == HOST_UNREACH;
    }

    @Override
    public TracedEvent kind() {
        return TracedEvent.ICMP_SENT;
    }
}
