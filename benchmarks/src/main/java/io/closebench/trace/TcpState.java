package io.closebench.trace;

/**
 * The kernel's TCP states by their numbers ({@code include/net/tcp_states.h}), as the tracepoints
 * record them.
 */
public enum TcpState {
    ESTABLISHED(1),
    SYN_SENT(2),
    SYN_RECV(3),
    FIN_WAIT1(4),
    FIN_WAIT2(5),
    TIME_WAIT(6),
    CLOSE(7),
    CLOSE_WAIT(8),
    LAST_ACK(9),
    LISTEN(10),
    CLOSING(11),
    NEW_SYN_RECV(12);

    private final int number;

    TcpState(int number) {
        this.number = number;
    }

    /** The kernel's number for it. */
    public int number() {
        return number;
    }

    /**
     * The state of a kernel number.
     *
     * @throws IllegalArgumentException for a number this list does not know
     */
    public static TcpState ofNumber(int number) {
        for (TcpState state : values()) {
            if (state.number == number) {
                return state;
            }
        }
        throw new IllegalArgumentException("not a TCP state number: " + number);
    }
}
