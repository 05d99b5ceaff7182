package io.closebench.remote;

import io.closebench.cable.CableFault;
import io.closebench.cable.PulledCableHosts;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import io.closebench.fault.PeerPlace;
import io.closebench.fault.PeerRuntime;
import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.Side;
import io.closebench.transport.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer on another host, where a peer agent ({@code closebench peer}) plays it: every peer of the
 * matrix's, the benchmarks' and mass death's cases is made there on the harness's orders, over one
 * authenticated control connection ({@link ControlConnection}), and connected to the observer here,
 * on a connection of its own. The observer listens on this host's address of the control connection,
 * where the agent connects back; in the client-side cases it connects to the agent's test port.
 *
 * <p>What the peer's host cannot do (a bash child without bash, the pulled cable without Linux,
 * root and nftables) is refused by name ({@link #cannotPlay}, {@link #pulledCableUnavailable}).
 */
public final class RemoteHome implements PeerHome {

    /** The system properties that give a benchmark fork the agent: {@code HOST:PORT} and the token file. */
    public static final String PEER_PROPERTY = "closebench.peer";
    public static final String TOKEN_FILE_PROPERTY = "closebench.peer.token-file";
    /** How long a new session waits for an agent still busy with the previous one (a fork that just ended). */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(15);
    /** How long the observer's side of a connection may take to be recognised. */
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(10);

    private final ControlConnection control;
    private final InetSocketAddress agent;
    private final AtomicLong objects = new AtomicLong();

    private RemoteHome(ControlConnection control, InetSocketAddress agent) {
        this.control = control;
        this.agent = agent;
    }

    /**
     * A session with the agent at {@code agent}, authenticated with the token in {@code tokenFile};
     * an agent busy with another session is asked again for a few seconds.
     *
     * @throws IOException saying why there is no session: no token, unreachable, refused, an impostor
     */
    public static RemoteHome connect(InetSocketAddress agent, Path tokenFile) throws IOException {
        SharedToken token = SharedToken.read(tokenFile);
        long until = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            try {
                return new RemoteHome(ControlConnection.open(agent, token), agent);
            } catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("busy") || System.nanoTime() - until > 0) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The agent named by the system properties {@value #PEER_PROPERTY} and {@value #TOKEN_FILE_PROPERTY}, if any. */
    public static Optional<RemoteHome> fromSystemProperties() throws IOException {
        String peer = System.getProperty(PEER_PROPERTY);
        if (peer == null || peer.isBlank()) {
            return Optional.empty();
        }
        String tokenFile = System.getProperty(TOKEN_FILE_PROPERTY);
        if (tokenFile == null) {
            throw new IOException("-D" + PEER_PROPERTY + " without -D" + TOKEN_FILE_PROPERTY);
        }
        return Optional.of(connect(HostAndPort.parse(peer), Path.of(tokenFile)));
    }

    @Override
    public String describe() {
        PeerPlace p = control.place();
        return "peer agent at " + ControlConnection.show(agent) + " (" + p.host() + ", " + p.osAndVersion() + ", " + p.jdk()
                + "), round trip " + String.format("%.1f us", control.roundTrip() / 1e3);
    }

    @Override
    public PeerPlace place() {
        return control.place();
    }

    public AgentCapabilities capabilities() {
        return control.capabilities();
    }

    /** The round trip of the latest clock exchange, ns. */
    public long roundTrip() {
        return control.roundTrip();
    }

    /** The control connection, for the clock estimates of a test. */
    ControlConnection control() {
        return control;
    }

    /** This host's address on the control connection: the agent reaches the observer there. */
    @Override
    public InetAddress observerAddress(InetAddress loopback) {
        return control.localAddress();
    }

    /**
     * Why the matrix captures nothing on the wire with a peer here ({@code --peer} implies no capture,
     * every observation's {@code wire_unavailable} says so): the capture listens on this host's loopback.
     */
    public static final String NOT_ON_LOOPBACK =
            "the peer is on another host: its connections do not cross this host's loopback";

    /** None: the agent's peers listen on its host, not on this one's loopback. */
    @Override
    public java.util.Set<Integer> peerPorts() {
        return java.util.Set.of();
    }

    @Override
    public Optional<String> cannotPlay(Scenario s) {
        if (s.runtime() == PeerRuntime.BASH_CHILD && control.capabilities().bash().isPresent()) {
            return Optional.of("the peer on " + control.place().osAndVersion() + " cannot run a bash child: "
                    + control.capabilities().bash().get());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> lost() {
        return control.lost();
    }

    @Override
    public Connected connect(Scenario s, InetSocketAddress listener, ObserverEnds observer, long deadline)
            throws IOException {
        cannotPlay(s).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        String object = "c" + objects.incrementAndGet();
        CaseOrder order = new CaseOrder(s.runtime(), s.side(), s.fault(), s.side() == Side.SERVER ? listener.getPort() : 0,
                s.runtime() == PeerRuntime.IN_PROCESS ? CaseOrder.NO_SCRIPT : ThisHost.childScript(s),
                s.preparation().peerBytes());
        Connection observed = null;
        try {
            List<String> opened = control.call(Word.OPEN, object, RemotePeer.budget(deadline),
                    concat(CaseOrder.KIND, order.fields()));
            if (s.side() == Side.SERVER) {
                observed = observer.accept(deadline);
                ThisHost.expectToken(observer, observed, opened.get(0), deadline);
            } else {
                observed = observer.connect(new InetSocketAddress(agent.getAddress(), Integer.parseInt(opened.get(1))),
                        deadline);
                control.call(Word.TAKE, object, RemotePeer.budget(Math.min(deadline,
                        System.nanoTime() + CONNECT_BOUND.toNanos())), observed.localAddress().getPort());
            }
            return new Connected(new RemotePeer(control, object, s.fault(), s.runtime(), observed), observed);
        } catch (IOException | RuntimeException e) {
            if (observed != null) {
                observed.close();
            }
            try {
                control.call(Word.CLOSE, object, Duration.ofSeconds(5));
            } catch (IOException ignored) {
                // the session closes it at the latest
            }
            throw e;
        }
    }

    private static Object[] concat(Object first, List<Object> rest) {
        Object[] all = new Object[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    @Override
    public MassPeer massPeer(MassFault fault) {
        return new RemoteMassPeer(control, "m" + objects.incrementAndGet(), fault);
    }

    @Override
    public Optional<String> pulledCableUnavailable() {
        return control.capabilities().cable().map(why -> "the peer on " + control.place().osAndVersion() + ": " + why);
    }

    @Override
    public Optional<String> cannotPull(CableFault fault, Map<String, String> sysctls) {
        Optional<String> cable = pulledCableUnavailable();
        if (cable.isPresent()) {
            return cable;
        }
        if (!sysctls.isEmpty()) {
            return Optional.of("it sets " + String.join(", ", sysctls.keySet()) + " where the server lives; across hosts "
                    + "the server is this host's own network namespace, whose settings closebench does not change "
                    + "(TCP_USER_TIMEOUT bounds the same per socket)");
        }
        if (fault == CableFault.RECONNECT) {
            return Optional.of("g is a dead host whose address the server forgets when its link loses carrier; across "
                    + "hosts the cable is pulled by a drop rule on the peer's host, the server's link stays up and the "
                    + "address known: that is g'");
        }
        if (fault.freezesClient() && control.capabilities().freeze().isPresent()) {
            return Optional.of("the peer cannot freeze a process: " + control.capabilities().freeze().get());
        }
        if (fault.wipesClientTcpState() && control.capabilities().wipe().isPresent()) {
            return Optional.of("the peer cannot wipe its TCP state: " + control.capabilities().wipe().get());
        }
        return Optional.empty();
    }

    /**
     * The pulled cable across hosts: this host the server, the agent's the client, the cable pulled there
     * for the trial's connections only ({@link RemoteCableHosts}); {@code pinClient} changes nothing,
     * as the server's link stays up and keeps the client's address.
     *
     * @throws IllegalStateException for sysctls, which would change this host's own settings
     */
    @Override
    public PulledCableHosts pulledCable(Map<String, String> sysctls, boolean pinClient) throws IOException {
        pulledCableUnavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (!sysctls.isEmpty()) {
            throw new IllegalStateException(cannotPull(CableFault.PULLED_IDLE, sysctls).orElseThrow());
        }
        return new RemoteCableHosts(control, objects);
    }

    /** BYE: the agent closes every object of this session and waits for the next. */
    @Override
    public void close() {
        control.close();
    }
}
