package io.closebench.fault;

/** What a child peer does once told to go. The names are the child's command-line words. */
public enum ChildMode {
    /** Send the bytes, close the socket, exit. */
    CLOSE_THEN_EXIT,
    /** Send the bytes, exit without closing: the kernel closes the socket. */
    EXIT_WITHOUT_CLOSE,
    /** Send until killed (bounded by a byte cap and a time cap, then exit by itself). */
    STREAM;

    public static ChildMode of(Fault fault) {
        return switch (fault) {
            case CLOSE_THEN_EXIT -> CLOSE_THEN_EXIT;
            case EXIT_WITHOUT_CLOSE -> EXIT_WITHOUT_CLOSE;
            case SIGKILL_WHILE_SENDING -> STREAM;
            default -> throw new IllegalArgumentException(fault + " is not done by a child process");
        };
    }
}
