package io.closebench.cable;

import io.closebench.schema.Observer;
/**
 * One group of a trial's connections as the server watches them: its index in the trial, the
 * observer and mechanism that watch it, what the server sends on it, and how many connections.
 */
public record ServerGroupSpec(int id, Observer observer, Workload workload, int connections, Mechanism mechanism) {

    /** The 1-byte write made right after a decision: does the socket still take data? */
    public static final byte[] FOLLOW_UP = {ObservedConnection.FILL};

    public ServerGroupSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("a group needs at least one connection");
        }
        if (!mechanism.observers().contains(observer)) {
            throw new IllegalArgumentException(mechanism.label() + " cannot be applied by the " + observer + " observer");
        }
    }
}
