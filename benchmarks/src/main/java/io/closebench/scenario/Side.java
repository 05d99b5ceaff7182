package io.closebench.scenario;

/** Which end of the connection observes; the other end misbehaves. */
public enum Side {
    /** The server observes (the note's S cases): the observer is the accepted socket. */
    SERVER,
    /** The client observes (the note's C cases): the observer is the connecting socket. */
    CLIENT
}
