package io.closebench.rig;

import io.closebench.fault.Peer;
import io.closebench.transport.Connection;
import java.util.List;

/**
 * What one trial holds open: the misbehaving peer, wherever it lives, and the observer's ends of
 * the connections between them, in order. Closing it closes the peer first (kills what is left of
 * it) and then every connection, also when the trial failed half-way.
 */
public interface Stage extends AutoCloseable {

    Peer peer();

    /** The observer's ends of the trial's connections, in the order the peer made them. */
    List<Connection> connections();

    @Override
    void close();
}
