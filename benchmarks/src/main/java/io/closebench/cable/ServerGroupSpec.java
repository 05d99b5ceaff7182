package io.closebench.cable;

import io.closebench.schema.Observer;
/**
 * One group of connections as the server child receives it on its command line: its id, the
 * observer and mechanism that watch it, what the server sends on it, and how many connections.
 * One token, {@code id,OBSERVER,WORKLOAD,connections,MECHANISM}.
 */
record ServerGroupSpec(int id, Observer observer, Workload workload, int connections, Mechanism mechanism) {

    /** The 1-byte write made right after a decision: does the socket still take data? */
    static final byte[] FOLLOW_UP = {ObservedConnection.FILL};

    ServerGroupSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("a group needs at least one connection");
        }
        if (!mechanism.observers().contains(observer)) {
            throw new IllegalArgumentException(mechanism.label() + " cannot be applied by the " + observer + " observer");
        }
    }

    String encode() {
        return id + "," + observer + "," + workload + "," + connections + "," + mechanism.encode();
    }

    static ServerGroupSpec decode(String token) {
        String[] p = token.split(",", 5);
        return new ServerGroupSpec(Integer.parseInt(p[0]), Observer.valueOf(p[1]), Workload.valueOf(p[2]),
                Integer.parseInt(p[3]), Mechanism.decode(p[4]));
    }
}
