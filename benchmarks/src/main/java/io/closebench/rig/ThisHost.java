package io.closebench.rig;

import io.closebench.cable.NamespaceHosts;
import io.closebench.cable.PulledCableHosts;
import io.closebench.fault.ChildMode;
import io.closebench.fault.ChildPeer;
import io.closebench.fault.ChildScript;
import io.closebench.fault.Fault;
import io.closebench.fault.InProcessPeer;
import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import io.closebench.fault.PeerPlace;
import io.closebench.fault.PeerRuntime;
import io.closebench.netns.LeftoverSweep;
import io.closebench.observe.KernelAsleepProbe;
import io.closebench.netns.NetnsCapability;
import io.closebench.scenario.Preparation;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.Side;
import io.closebench.transport.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The peer on this host: a socket in the harness's JVM ({@link InProcessPeer}), a child process that
 * connects itself and exits or is killed ({@link ChildPeer}), the clients of a mass death, and for a
 * pulled cable the hosts of a pair of network namespaces. What the scenario's runtime says decides
 * which. Its listeners, one per loopback address the observer uses, are made the first time an
 * address is asked for and kept until {@link #close()}; a peer listener stays blocking and is never
 * registered (see InProcessPeer).
 */
public final class ThisHost implements PeerHome {

    /** A child ends by itself after this many seconds whatever happens. */
    private static final int CHILD_CAP_SECONDS = 30;
    /** The byte cap of a child that streams until killed (it is killed long before). */
    private static final long STREAM_CAP_BYTES = 1L << 30;

    private final Map<InetAddress, ServerSocketChannel> peerListeners = new HashMap<>();
    private volatile NetnsCapability namespaces;

    @Override
    public String describe() {
        return "this host: a socket in the harness's JVM or a child process, on loopback; network namespaces for S1";
    }

    @Override
    public PeerPlace place() {
        return PeerPlace.here();
    }

    @Override
    public InetAddress observerAddress(InetAddress loopback) throws IOException {
        peerListener(loopback);
        return loopback;
    }

    /**
     * What a child peer of {@code s} is told: read what the observer sent (or leave it unread), send,
     * and end as the fault says; a streaming child sends until killed (bounded by a byte cap), and
     * every child ends by itself after {@value #CHILD_CAP_SECONDS} s. The same on every host.
     */
    public static ChildScript childScript(Scenario s) {
        Preparation prep = s.preparation();
        return new ChildScript(prep.peerReadsIt() ? prep.observerSends() : 0,
                s.fault() == Fault.SIGKILL_WHILE_SENDING ? STREAM_CAP_BYTES : prep.peerBytes(),
                prep.peerWriteSize(), ChildMode.of(s.fault()), CHILD_CAP_SECONDS);
    }

    @Override
    public synchronized java.util.Set<Integer> peerPorts() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        peerListeners.values().forEach(l -> ports.add(l.socket().getLocalPort()));
        return ports;
    }

    @Override
    public Connected connect(Scenario s, InetSocketAddress listener, ObserverEnds observer, long deadline)
            throws IOException {
        Preparation prep = s.preparation();
        if (s.runtime() != PeerRuntime.IN_PROCESS) {
            // child peers are clients: only server-side cases need a process to die
            ChildPeer child = ChildPeer.start(s.runtime(), listener, childScript(s), prep.peerBytes());
            Connection observed = null;
            try {
                observed = observer.accept(deadline);
                expectToken(observer, observed, child.token(), deadline);
                return new Connected(child, observed);
            } catch (IOException | RuntimeException e) {
                child.close();
                if (observed != null) {
                    observed.close();
                }
                throw e;
            }
        }
        if (s.side() == Side.SERVER) {
            SocketChannel peerChannel = SocketChannel.open(listener);
            try {
                Connection observed = observer.accept(deadline);
                InProcessPeer peer = new InProcessPeer(peerChannel, System::nanoTime, s.fault(), observed,
                        KernelAsleepProbe.INSTANCE);
                if (observed.remotePort() != peer.localPort()) {
                    peer.close();
                    observed.close();
                    throw new IOException("accepted a connection from port " + observed.remotePort()
                            + ", expected the peer's " + peer.localPort());
                }
                return new Connected(peer, observed);
            } catch (IOException | RuntimeException e) {
                peerChannel.close();
                throw e;
            }
        }
        ServerSocketChannel peerListener = peerListener(listener.getAddress());
        Connection observed = observer.connect((InetSocketAddress) peerListener.getLocalAddress(), deadline);
        try {
            return new Connected(new InProcessPeer(peerListener.accept(), System::nanoTime, s.fault(), observed,
                    KernelAsleepProbe.INSTANCE), observed);
        } catch (IOException | RuntimeException e) {
            observed.close();
            throw e;
        }
    }

    /** The peer's listener on {@code address}, the observer's own loopback address for this repetition. */
    private synchronized ServerSocketChannel peerListener(InetAddress address) throws IOException {
        ServerSocketChannel l = peerListeners.get(address);
        if (l == null) {
            l = ServerSocketChannel.open();
            try {
                l.bind(new InetSocketAddress(address, 0), 512);
            } catch (IOException | RuntimeException e) {
                l.close();
                throw e;
            }
            peerListeners.put(address, l);
        }
        return l;
    }

    /**
     * Reads the token a peer sends first on its connection and checks it is {@code token}: the
     * connection the observer accepted is that peer's, not another's.
     */
    public static void expectToken(ObserverEnds observer, Connection c, String token, long deadline) throws IOException {
        byte[] expected = token.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer got = ByteBuffer.allocate(expected.length);
        while (got.hasRemaining()) {
            Probing.expectOk(observer.onObserver(() -> c.read(got, deadline)), "child's token");
        }
        if (!Arrays.equals(got.array(), expected)) {
            throw new IOException("accepted a connection that is not this child's (token mismatch)");
        }
    }

    @Override
    public MassPeer massPeer(MassFault fault) {
        return MassPeer.of(fault);
    }

    @Override
    public Optional<String> pulledCableUnavailable() {
        NetnsCapability c = capability();
        return c.available() ? Optional.empty() : Optional.of("network namespaces unavailable: " + c.reason());
    }

    @Override
    public PulledCableHosts pulledCable(Map<String, String> sysctls, boolean pinClient) throws IOException {
        pulledCableUnavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return NamespaceHosts.create(sysctls, pinClient);
    }

    /** Whether namespaces work here, probed once (leftovers of killed earlier runs swept then). */
    private NetnsCapability capability() {
        if (namespaces == null) {
            synchronized (this) {
                if (namespaces == null) {
                    namespaces = NetnsCapability.probe();
                    if (namespaces.available()) {
                        LeftoverSweep.sweep();
                    }
                }
            }
        }
        return namespaces;
    }

    @Override
    public synchronized void close() {
        for (ServerSocketChannel l : peerListeners.values()) {
            try {
                l.close();
            } catch (IOException ignored) {
                // teardown
            }
        }
        peerListeners.clear();
    }
}
