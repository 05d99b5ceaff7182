package io.closebench.trace;

/**
 * One TCP state change of a socket ({@code sock:inet_sock_set_state}, protocol TCP).
 *
 * @param monotonicNanos when, on {@link System#nanoTime()}'s clock
 * @param ends           the socket's ends at that instant
 * @param oldState       before
 * @param newState       after
 * @param sk             the tracepoint's {@code skaddr}: the socket, as the kernel addresses it
 */
public record StateChange(long monotonicNanos, SocketEnds ends, TcpState oldState, TcpState newState, long sk)
        implements KernelEvent {

    /**
     * True for the change into CLOSE of a connection: its end in this kernel, from a synchronized state
     * or, for a connect that failed, from SYN_SENT (not a listener's close).
     */
    public boolean endsConnection() {
        return newState == TcpState.CLOSE && oldState != TcpState.LISTEN;
    }

    /** True for the change into SYN_SENT: the connect call, right before its SYN is sent ({@code tcp_v4_connect()}). */
    public boolean startsConnect() {
        return newState == TcpState.SYN_SENT;
    }

    @Override
    public TracedEvent kind() {
        return TracedEvent.STATE_CHANGE;
    }
}
