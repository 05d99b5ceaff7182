package io.closebench.cable;

import io.closebench.fault.ChildClassPath;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildProcess;
import io.closebench.netns.HostPair;
import io.closebench.netns.NamespaceThread;
import io.closebench.trace.TraceFilter;
import io.closebench.transport.SocketHome;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The namespace topology of one pulled-cable trial: two hosts ({@link HostPair}) joined by a veth
 * cable; the server host's {@code net.*} settings as the trial's mechanisms need them; the
 * server's sockets made in its namespace by a thread that entered it ({@link #serverSockets()}), so
 * that its observers run in the harness's JVM on its clock; the client host's program started in
 * the other ({@link ClientHost}). Removed again at close, also after a failure.
 */
public final class NamespaceHosts implements PulledCableHosts {

    private final HostPair pair;
    private final NamespaceThread serverSockets;
    private final KernelRules rules;

    private NamespaceHosts(HostPair pair, NamespaceThread serverSockets, KernelRules rules) {
        this.pair = pair;
        this.serverSockets = serverSockets;
        this.rules = rules;
    }

    /**
     * Two fresh hosts, the server's {@code sysctls} set in its namespace only, the client's
     * link-layer address pinned at the server where {@code pinClient} says so.
     */
    public static NamespaceHosts create(Map<String, String> sysctls, boolean pinClient) throws IOException {
        HostPair pair = HostPair.create();
        try {
            String srv = pair.serverNamespace();
            sysctls.forEach((key, value) -> pair.setSysctl(srv, key, value));
            if (pinClient) {
                pair.pinClientAddressAtServer();
            }
            String neigh = "net.ipv4.neigh." + pair.serverDevice() + ".";
            KernelRules rules = new KernelRules(intSysctl(pair, "net.ipv4.tcp_retries2"),
                    intSysctl(pair, "net.ipv4.tcp_syn_retries"), synLinearTimeouts(pair),
                    Long.parseLong(pair.readSysctl(srv, neigh + "retrans_time_ms").trim()) * 1_000_000L,
                    intSysctl(pair, neigh + "mcast_solicit"));
            return new NamespaceHosts(pair, NamespaceThread.enter(srv), rules);
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public HostPair pair() {
        return pair;
    }

    /** Where the server host's sockets are made: its namespace. */
    @Override
    public SocketHome serverSockets() {
        return serverSockets;
    }

    @Override
    public KernelRules rules() {
        return rules;
    }

    @Override
    public InetAddress serverAddress() {
        return pair.serverAddress();
    }

    @Override
    public InetAddress clientAddress() {
        return pair.clientAddress();
    }

    /**
     * Starts the client host's program in its namespace: {@code connections} connections to each of
     * the server's {@code ports}, in order, with the fault's options; it halts after {@code capSeconds}
     * whatever happens. The peer it returns is what the fault acts on.
     *
     * @param peerCpus where it runs: a CPU list or "unpinned"
     * @param onCarrierLoss hears each loss of the server's carrier, as it is seen
     */
    @Override
    public CableClient startClient(CableFault fault, List<Integer> ports, List<Integer> connections, long capSeconds,
                           String peerCpus, java.util.function.LongConsumer onCarrierLoss)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(pair.serverAddress().getHostAddress(), String.valueOf(capSeconds),
                peerCpus));
        if (fault.stopsReading()) {
            args.add("rcvbuf=" + CableFault.NOT_READING_RECEIVE_BUFFER);
        }
        if (fault.reconnects()) {
            args.add("listen=" + CableClient.SERVICE_PORT);
        }
        for (int g = 0; g < ports.size(); g++) {
            args.add(ports.get(g) + ":" + connections.get(g));
        }
        // ip netns exec execs java: the pid is the JVM's
        List<String> argv = ChildClassPath.jvmCommand(CablePeerMain.class, "-Xmx96m", args);
        ChildProcess client = ChildProcess.start("the client host", pair.processIn(pair.clientNamespace(),
                argv.toArray(String[]::new)));
        try {
            return new ClientHost(this, client, fault, CarrierWatch.start(pair, capSeconds, onCarrierLoss));
        } catch (IOException | InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The server kernel's view of its sockets now ({@code ss -tin} in its namespace). */
    @Override
    public KernelSocketView serverView() {
        return KernelSocketView.sample(pair, pair.serverNamespace());
    }

    /** The same, only the sockets whose local port is one of {@code localPorts}: a short poll. */
    @Override
    public KernelSocketView serverView(Collection<Integer> localPorts) {
        return KernelSocketView.sample(pair, pair.serverNamespace(), localPorts);
    }

    /** ICMP messages the server's kernel dropped to its rate limits so far. */
    @Override
    public long icmpRateLimited() {
        return IcmpRateLimitCount.read(pair, pair.serverNamespace());
    }

    @Override
    public CableCapture captureServer(Path dir, String name, Collection<Integer> ports, TraceFilter traced) {
        return CableCapture.start(pair.serverNamespace(), pair.serverDevice(), dir, name, ports, traced);
    }

    @Override
    public void close() {
        serverSockets.close();
        pair.close();
    }

    private static int intSysctl(HostPair pair, String key) {
        return Integer.parseInt(pair.readSysctl(pair.serverNamespace(), key).trim());
    }

    /** {@code net.ipv4.tcp_syn_linear_timeouts} (Linux 6.5+); 0 where the kernel has no such setting. */
    private static int synLinearTimeouts(HostPair pair) {
        try {
            return intSysctl(pair, "net.ipv4.tcp_syn_linear_timeouts");
        } catch (RuntimeException absent) {
            return 0;
        }
    }

    /** Waits for the client's word that all its connections are open. */
    public static void awaitAllConnected(ChildProcess client, long deadline) throws IOException, InterruptedException {
        while (!client.next(deadline, "its connections").is(Word.ALL_CONNECTED)) {
            // CONNECTED: the server's accepts say the same, with the group
        }
    }
}
