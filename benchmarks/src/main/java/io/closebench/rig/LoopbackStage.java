package io.closebench.rig;

import io.closebench.fault.Peer;
import io.closebench.transport.Connection;
import io.closebench.transport.KernelTcpState;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One repetition's connection on this kernel and its peer (in this JVM or a child process): both
 * closed whatever happens, the observer's end on the observer's own thread.
 */
final class LoopbackStage implements Stage {

    private final CaseRunner runner;
    private final Connection observed;
    private final Peer peer;
    /** The observer's ends, taken while its socket is open, to find it in the kernel's tables. */
    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    LoopbackStage(CaseRunner runner, Connection observed, Peer peer) {
        this.runner = runner;
        this.observed = observed;
        this.peer = peer;
        this.local = observed.localAddress();
        this.remote = observed.remoteAddress();
    }

    @Override
    public Peer peer() {
        return peer;
    }

    @Override
    public List<Connection> connections() {
        return List.of(observed);
    }

    /** The connection's ends, where the model knows them. */
    Optional<Observation.Ends> ends() {
        return local == null || remote == null ? Optional.empty() : Optional.of(new Observation.Ends(local, remote));
    }

    /** The kernel's state of the observer's socket now, where the run records it; "" otherwise. */
    String tcpState() {
        return runner.settings().tcpStates() ? KernelTcpState.of(local, remote) : "";
    }

    @Override
    public void close() {
        peer.close();
        runner.closeObserved(observed);
    }
}
