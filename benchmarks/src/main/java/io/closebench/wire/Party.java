package io.closebench.wire;

/** Which end of a connection sent a segment: the one whose detection is measured, or its peer. */
public enum Party {
    OBSERVER,
    PEER;

    /** The other end. */
    public Party other() {
        return this == OBSERVER ? PEER : OBSERVER;
    }
}
