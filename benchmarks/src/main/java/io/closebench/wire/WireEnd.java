package io.closebench.wire;

/** How a connection's first end appeared on the wire: a FIN, an RST, or neither (yet). */
public enum WireEnd {
    FIN,
    RST,
    NONE;

    /** The matrix cell: {@code FIN}, {@code RST}, {@code none}. */
    public String cell() {
        return this == NONE ? "none" : name();
    }
}
