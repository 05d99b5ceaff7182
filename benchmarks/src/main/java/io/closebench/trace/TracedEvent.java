package io.closebench.trace;

/**
 * The kernel tracepoints a {@link KernelTrace} can record, each under its tracefs name
 * ({@code events/<system>/<name>}).
 */
public enum TracedEvent {
    /**
     * {@code tcp:tcp_retransmit_skb}: every retransmission attempt, with its result. Where the
     * tracepoint has an {@code err} field (a {@link KernelTrace} requires it), it sits at the single
     * exit of {@code __tcp_retransmit_skb()} ({@code net/ipv4/tcp_output.c}) and records its return
     * value: 0 when the segment was handed to the IP layer, {@code -EBUSY} when
     * {@code skb_still_in_host_queue()} found the previous copy still waiting in a queue of this
     * host (nothing is sent), other negative values for the other refusals. Older kernels traced
     * only the attempts that sent. Not traced: a tail loss probe whose copy still waits, which
     * {@code tcp_send_loss_probe()} skips before calling {@code __tcp_retransmit_skb()} (it counts
     * in {@code TCPSpuriousRtxHostQueues} all the same).
     */
    RETRANSMIT_ATTEMPT("tcp", "tcp_retransmit_skb"),
    /**
     * {@code sock:inet_sock_set_state}: every TCP state change of a socket
     * ({@code inet_sk_state_store()}/{@code inet_sk_set_state()}, {@code net/ipv4/af_inet.c}),
     * e.g. ESTABLISHED to CLOSE when the retransmission timer gives up ({@code tcp_done()}).
     */
    STATE_CHANGE("sock", "inet_sock_set_state"),
    /**
     * {@code icmp:icmp_send}: an ICMPv4 message this host sends about a packet
     * ({@code __icmp_send()}, {@code net/ipv4/icmp.c}). The tracepoint fires after both rate limits
     * ({@code icmpv4_global_allow()}, {@code icmpv4_xrlim_allow()}), right before
     * {@code icmp_push_reply()}: a report the limits dropped is not traced (it is counted in
     * {@code OutRateLimitGlobal}/{@code OutRateLimitHost}).
     */
    ICMP_SENT("icmp", "icmp_send");

    private final String system;
    private final String name;

    TracedEvent(String system, String name) {
        this.system = system;
        this.name = name;
    }

    /** The tracefs event system: "tcp", "sock", "icmp". */
    public String system() {
        return system;
    }

    /** The tracepoint's name as the kernel prints it on each line. */
    public String tracepoint() {
        return name;
    }

    /** {@code system/name}, the path below {@code events/}. */
    public String path() {
        return system + "/" + name;
    }

    /** The one whose tracepoint is {@code name}, or null. */
    static TracedEvent byTracepoint(String name) {
        for (TracedEvent event : values()) {
            if (event.name.equals(name)) {
                return event;
            }
        }
        return null;
    }
}
