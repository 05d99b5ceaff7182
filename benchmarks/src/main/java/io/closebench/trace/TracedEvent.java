package io.closebench.trace;

import java.util.EnumSet;
import java.util.Set;

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
    ICMP_SENT("icmp", "icmp_send"),
    /**
     * {@code timer:timer_start}, kept to the TCP retransmission timer's function
     * ({@code tcp_write_timer}, {@code net/ipv4/tcp_timer.c}, the {@code icsk_retransmit_timer} of every
     * TCP socket): every time the timer wheel enqueues it ({@code enqueue_timer()},
     * {@code kernel/time/timer.c}), with the jiffy it was armed for ({@code expires}), the bucket the
     * wheel put it in ({@code bucket_expiry}, and the level in {@code flags}' index), {@code jiffies}
     * then ({@code now}) and the CPU whose timer base holds it. Not traced: a re-arm that
     * {@code __mod_timer()} satisfies without re-enqueueing (the same expiry, or the same bucket index).
     * Machine-wide (every TCP socket of every namespace), so it is recorded in an instance of its own
     * ({@link #socketEvents()} are not).
     */
    TIMER_START("timer", "timer_start"),
    /**
     * {@code timer:timer_expire_entry}, kept to {@code tcp_write_timer} as {@link #TIMER_START}: the
     * wheel runs the timer's function ({@code call_timer_fn()}), with {@code jiffies} ({@code now}) and
     * the bucket's jiffy being run ({@code baseclk}).
     */
    TIMER_EXPIRY("timer", "timer_expire_entry");

    /** The symbol whose address the timer events are filtered to. */
    public static final String RETRANSMIT_TIMER_FUNCTION = "tcp_write_timer";

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

    /** True for the events of the TCP retransmission timer, filtered by its function, not by sockets. */
    public boolean timerEvent() {
        return this == TIMER_START || this == TIMER_EXPIRY;
    }

    /** The events a {@link TraceFilter} selects by socket: all but the timer events. */
    public static Set<TracedEvent> socketEvents() {
        return EnumSet.of(RETRANSMIT_ATTEMPT, STATE_CHANGE, ICMP_SENT);
    }

    /** The retransmission timer's events. */
    public static Set<TracedEvent> timerEvents() {
        return EnumSet.of(TIMER_START, TIMER_EXPIRY);
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
