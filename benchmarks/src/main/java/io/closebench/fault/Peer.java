package io.closebench.fault;

import io.closebench.transport.Connection;
import java.io.IOException;

/**
 * The misbehaving end of one repetition, wherever it runs: a socket in the harness's JVM
 * ({@link InProcessPeer}) or a child process ({@link ChildPeer}). A repetition holds exactly one,
 * and talks to it only through these steps, in this order.
 */
public interface Peer extends AutoCloseable {

    /**
     * The peer's part of the preparation, once the observer's first send (if any) is on its way:
     * read it or leave it unread, send or fill the buffers; then arrange what the fault call needs
     * (SO_LINGER), so that t0 precedes the call only. A child does its part by its script.
     */
    void prepare(PeerPreparation preparation, long deadline) throws IOException, InterruptedException;

    /**
     * The observer is in its probe: do what the scenario has the peer do meanwhile, up to the fault
     * (stream data for an in-process peer; for a child, start its script, which streams and, for
     * an exit, ends by itself).
     */
    void whileObserverProbes(long deadline) throws IOException, InterruptedException;

    /** @return whether the harness injects the fault ({@link #injectFault}); false: the peer ends by itself */
    boolean faultByHarness();

    /**
     * Injects the fault and returns t0, the harness's clock read right before the call that causes
     * it. {@code observed} is the observer's own connection, for the faults that act on it.
     */
    long injectFault(Connection observed, long deadline) throws IOException, InterruptedException;

    /** Once the observer has its outcome: what the peer sent and reported. */
    PeerReport report(long deadline) throws InterruptedException;

    /** Closes or kills whatever is left, whatever state it is in. */
    @Override
    void close();
}
