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

    /** True for the change into CLOSE from a synchronized state: the connection's end in this kernel. */
    public boolean closesEstablished() {
        return newState == TcpState.CLOSE && oldState != TcpState.SYN_SENT && oldState != TcpState.LISTEN;
    }

    @Override
    public TracedEvent kind() {
        return TracedEvent.STATE_CHANGE;
    }
}
