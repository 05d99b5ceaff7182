package io.closebench.wire;

/**
 * The kernel's TCP counters a capture or a kernel trace is checked against, per network namespace
 * ({@code /proc/net/snmp} "Tcp:" and {@code /proc/net/netstat} "TcpExt:" lines, and one "Icmp:"
 * counter of TCP's host-unreachable reports).
 */
public enum TcpCounter {
    /** Segments sent, retransmissions excluded (RSTs and pure ACKs included). */
    OUT_SEGS("Tcp", "OutSegs"),
    /** Segments sent with RST, whichever path sent them. */
    OUT_RSTS("Tcp", "OutRsts"),
    /**
     * Segments retransmitted (data, SYN, FIN). Not every resend on the wire: on Linux 6.18, over a
     * pulled veth, the wire showed one to three more retransmissions than this counted (6 to 8
     * against 5 or 6 in 15 runs, TCPLossProbes 2 or 3, TCPRetransFail 0 where read), around the tail loss
     * probes; a check against it can only be "at least".
     */
    RETRANS_SEGS("Tcp", "RetransSegs"),
    /** close() with unread data: an RST instead of a FIN ({@code tcp_close}, data_was_unread). */
    ABORT_ON_CLOSE("TcpExt", "TCPAbortOnClose"),
    /** close() with SO_LINGER 0, or new data arriving after this side's close: an RST. */
    ABORT_ON_DATA("TcpExt", "TCPAbortOnData"),
    /** Keepalive probes sent. */
    KEEPALIVE("TcpExt", "TCPKeepAlive"),
    /** Zero-window probes sent. */
    WIN_PROBE("TcpExt", "TCPWinProbe"),
    /** Retransmission timer expiries. */
    TIMEOUTS("TcpExt", "TCPTimeouts"),
    /** Tail loss probes sent (a resend of the last segment, or new data). */
    LOSS_PROBES("TcpExt", "TCPLossProbes"),
    /** Retransmissions the device refused (counted instead of RetransSegs). */
    RETRANS_FAIL("TcpExt", "TCPRetransFail"),
    /**
     * Retransmissions skipped because the previous copy still waited in a queue of this host
     * ({@code skb_still_in_host_queue()} in {@code __tcp_retransmit_skb()}): nothing sent.
     */
    SPURIOUS_RTX_HOST_QUEUES("TcpExt", "TCPSpuriousRtxHostQueues"),
    /**
     * Not TCP's own: ICMP destination-unreachable messages sent ("Icmp:" line of
     * {@code /proc/net/snmp}), e.g. the host-unreachable reports for TCP segments whose neighbour
     * resolution failed; only those the ICMP rate limits let pass.
     */
    ICMP_OUT_DEST_UNREACHS("Icmp", "OutDestUnreachs");

    private final String group;
    private final String field;

    TcpCounter(String group, String field) {
        this.group = group;
        this.field = field;
    }

    /** The line prefix, without the colon: "Tcp" or "TcpExt". */
    public String group() {
        return group;
    }

    /** The column name as the kernel prints it. */
    public String field() {
        return field;
    }
}
