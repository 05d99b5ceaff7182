package io.closebench.cable;

import java.io.IOException;
import java.net.InetAddress;

/**
 * One group's connections inside the server child, watched by one observer. The three
 * implementations are three ordinary servers; {@link ObservedConnection} holds what they share.
 */
interface ServerGroup {

    /** Binds a listener of its own; returns the port. */
    int listen(InetAddress bind) throws IOException;

    /** Accepts the group's connections by {@code deadline}, reporting each ({@code ACCEPTED}). */
    void acceptAll(long deadline) throws IOException, InterruptedException;

    /** Starts watching: timers, pings and stream chunks count from {@code now}. */
    void start(long now);

    /** The 1-byte write made right after a decision: does the socket still take data? */
    byte[] FOLLOW_UP = {ObservedConnection.FILL};
}
