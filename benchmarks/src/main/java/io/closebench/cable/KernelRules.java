package io.closebench.cable;

/**
 * What the server's kernel does with a silent peer, read where the server lives: the numbers the
 * mechanisms' theories count with.
 *
 * @param retries2          {@code net.ipv4.tcp_retries2}
 * @param synRetries        {@code net.ipv4.tcp_syn_retries}
 * @param synLinearTimeouts {@code net.ipv4.tcp_syn_linear_timeouts} (Linux 6.5+; 0 before)
 * @param arpRetransNanos   the neighbour table's {@code retrans_time_ms} on the server's device
 * @param arpSolicits       its {@code mcast_solicit}
 */
public record KernelRules(int retries2, int synRetries, int synLinearTimeouts, long arpRetransNanos, int arpSolicits) {
}
