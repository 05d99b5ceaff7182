package io.closebench.fault;

import java.io.IOException;

/**
 * The misbehaving end of one trial, wherever it runs: a socket in the harness's JVM
 * ({@link InProcessPeer}), a child process ({@link ChildPeer}), the clients of a mass death, the
 * client host of a pair of network namespaces. A trial holds exactly one and talks to it only
 * through these steps, in this order; how the peer was connected to the observer is its home's
 * business.
 */
public interface Peer extends AutoCloseable {

    /**
     * The peer's part of the preparation, once the observer's first send (if any) is on its way:
     * read it or leave it unread, send or fill the buffers; then arrange what the fault call needs
     * (SO_LINGER), so that t0 precedes the call only. Nothing, unless the peer has a part.
     */
    default void prepare(PeerPreparation preparation, long deadline) throws IOException, InterruptedException {
    }

    /**
     * The observer is in its probe: do what the scenario has the peer do meanwhile, up to the fault
     * (stream data for an in-process peer; for a child, start its script, which streams and, for an
     * exit, ends by itself). Nothing, unless the peer has something to do.
     */
    default void whileObserverProbes(long deadline) throws IOException, InterruptedException {
    }

    /** @return whether the harness injects the fault ({@link #injectFault}); false: the peer ends by itself */
    default boolean faultByHarness() {
        return true;
    }

    /** Injects the fault and returns t0, the harness's clock read right before the call that causes it. */
    long injectFault(long deadline) throws IOException, InterruptedException;

    /**
     * What the fault goes on to do once its first call is made, on its own schedule from {@code t0}
     * (the pulled cable's: the client killed, its TCP state wiped, the cable plugged back after the
     * downtime). Nothing, unless the fault has more to it.
     */
    default void afterFault(long t0, long deadline) throws IOException, InterruptedException {
    }

    /** Once the observer has its outcome: what the peer sent and reported. */
    PeerReport report(long deadline) throws InterruptedException;

    /** Closes or kills whatever is left, whatever state it is in. */
    @Override
    void close();
}
