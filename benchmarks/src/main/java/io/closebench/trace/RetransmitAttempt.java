package io.closebench.trace;

/**
 * One call of {@code __tcp_retransmit_skb()} ({@code tcp:tcp_retransmit_skb}): a retransmission
 * the kernel attempted, whether or not anything left.
 *
 * @param monotonicNanos when, on {@link System#nanoTime()}'s clock
 * @param ends           the socket's ends
 * @param state          the socket's state at the attempt
 * @param err            the attempt's result: 0 sent (handed to the IP layer), {@value #STILL_IN_HOST_QUEUE}
 *                       skipped because the previous copy still waits in a queue of this host,
 *                       other negative errno values for the kernel's other refusals
 * @param skb            the tracepoint's {@code skbaddr}: which segment of the socket's retransmit queue
 *                       was attempted. The retransmission timer always attempts the queue's head
 *                       ({@code tcp_retransmit_timer()}: {@code tcp_rtx_queue_head(sk)}), a tail loss probe
 *                       its tail ({@code tcp_send_loss_probe()}); the address stays the same while the
 *                       segment is unacknowledged, and may be reused once it is freed
 * @param sk             the tracepoint's {@code skaddr}: the socket, as the kernel addresses it (its
 *                       retransmission timer lies at a fixed offset in it, {@link TimerStart})
 */
public record RetransmitAttempt(long monotonicNanos, SocketEnds ends, TcpState state, int err, long skb, long sk)
        implements KernelEvent {

    /** {@code -EBUSY}: {@code skb_still_in_host_queue()}, counted as {@code TCPSpuriousRtxHostQueues}. */
    public static final int STILL_IN_HOST_QUEUE = -16;

    /** True when the segment was handed on ({@code err == 0}). */
    public boolean sent() {
        return err == 0;
    }

    /** True when it was skipped because its previous copy had not left this host yet. */
    public boolean stillInHostQueue() {
        return err == STILL_IN_HOST_QUEUE;
    }

    @Override
    public TracedEvent kind() {
        return TracedEvent.RETRANSMIT_ATTEMPT;
    }
}
