package io.closebench.wire;

/** Which end of a connection sent a segment: the one whose detection is measured, or its peer. */
public enum Side {
    OBSERVER,
    PEER;

    /** The other end. */
    public Side other() {
        return this == OBSERVER ? PEER : OBSERVER;
    }
}
