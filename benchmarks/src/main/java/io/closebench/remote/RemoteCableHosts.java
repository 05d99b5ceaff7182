package io.closebench.remote;

import io.closebench.cable.CableClient;
import io.closebench.cable.CableFault;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.KernelRules;
import io.closebench.cable.KernelSocketView;
import io.closebench.cable.PulledCableHosts;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.machine.KernelFile;
import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import io.closebench.transport.SocketHome;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The two hosts of a pulled-cable trial across a real network: the server is this host (its observers'
 * sockets in this process's own network namespace, its kernel's rules read here), the client host is
 * the peer agent's, a Linux peer as root, where the client program runs and the cable is pulled for
 * the trial's connections alone by an nftables drop ({@code remote.agent.linux}). The server's link
 * stays up: it does not lose carrier, and it keeps the client's link-layer address, as across a switch
 * whose port to the client went dark. The server's sysctls are not changed: this host's are its own.
 */
final class RemoteCableHosts implements PulledCableHosts {

    /** Beyond the trial's own cap, how long the pull may stay before the agent's kernel drops it. */
    private static final Duration PULL_SLACK = Duration.ofSeconds(30);

    private final ControlConnection control;
    private final AtomicLong ids;
    private final KernelRules rules;
    /** The server's listening ports of the trial, once its client starts: its view is of them alone. */
    private volatile List<Integer> listening = List.of();

    RemoteCableHosts(ControlConnection control, AtomicLong ids) throws IOException {
        this.control = control;
        this.ids = ids;
        this.rules = rulesHere(control.agent().getAddress());
    }

    @Override
    public SocketHome serverSockets() {
        return SocketHome.HERE;
    }

    @Override
    public KernelRules rules() {
        return rules;
    }

    @Override
    public InetAddress serverAddress() {
        return control.localAddress();
    }

    @Override
    public InetAddress clientAddress() {
        return control.agent().getAddress();
    }

    @Override
    public boolean serverLosesCarrier() {
        return false;
    }

    @Override
    public CableClient startClient(CableFault fault, List<Integer> ports, List<Integer> connections, long capSeconds,
                                   String peerCpus, LongConsumer onCarrierLoss) throws IOException {
        listening = List.copyOf(ports);
        String object = "k" + ids.incrementAndGet();
        List<Object> fields = new ArrayList<>(List.of("CABLE", fault.name(), capSeconds,
                fault.stopsReading() ? CableFault.NOT_READING_RECEIVE_BUFFER : 0,
                fault.reconnects() ? CableClient.SERVICE_PORT : 0,
                Duration.ofSeconds(capSeconds).plus(PULL_SLACK).toMillis()));
        for (int g = 0; g < ports.size(); g++) {
            fields.add(ports.get(g) + ":" + connections.get(g));
        }
        control.call(Word.OPEN, object, Duration.ofSeconds(60), fields.toArray());
        return new RemoteCableClient(control, object);
    }

    /** The server's sockets of this trial: its listeners' connections, and its own connects to the client's service. */
    @Override
    public KernelSocketView serverView() {
        List<String> filter = new ArrayList<>(KernelSocketView.localPortsFilter(listening.isEmpty() ? List.of(0) : listening));
        filter.addAll(List.of("or", "(", "dst", clientAddress().getHostAddress(), "and", "dport", "=",
                ":" + CableClient.SERVICE_PORT, ")"));
        return KernelSocketView.sampleHere(filter);
    }

    @Override
    public KernelSocketView serverView(Collection<Integer> localPorts) {
        return KernelSocketView.sampleHere(KernelSocketView.localPortsFilter(localPorts));
    }

    /** The count of this host's own namespace: other programs' ICMP share it. */
    @Override
    public long icmpRateLimited() {
        return IcmpRateLimitCount.readHere();
    }

    /** Nothing of its own: the client closes with its object, the rule with it. */
    @Override
    public void close() {
    }

    /** This host's rules: its own sysctls, and the neighbour table's of the device that leads to the agent. */
    static KernelRules rulesHere(InetAddress agent) throws IOException {
        String device = deviceTowards(agent);
        return new KernelRules(intSysctl("tcp_retries2"), intSysctl("tcp_syn_retries"), optionalSysctl("tcp_syn_linear_timeouts"),
                Long.parseLong(read("neigh/" + device + "/retrans_time_ms")) * 1_000_000L,
                Integer.parseInt(read("neigh/" + device + "/mcast_solicit")));
    }

    private static String deviceTowards(InetAddress agent) throws IOException {
        CommandResult r = BoundedCommand.run("ip", "-o", "route", "get", agent.getHostAddress());
        String[] w = r.stdout().strip().split("\\s+");
        for (int i = 0; i + 1 < w.length; i++) {
            if (w[i].equals("dev")) {
                return w[i + 1];
            }
        }
        throw new IOException("no route to the peer agent at " + agent.getHostAddress() + ": " + r.stdout() + r.stderr());
    }

    private static int intSysctl(String name) throws IOException {
        return Integer.parseInt(read(name));
    }

    private static int optionalSysctl(String name) {
        try {
            return intSysctl(name);
        } catch (IOException | NumberFormatException absent) {
            return 0;
        }
    }

    /** One sysctl of this process's namespace, read as the kernel serves it ({@link KernelFile}). */
    private static String read(String name) throws IOException {
        String v = KernelFile.readTrimmed(Path.of("/proc/sys/net/ipv4", name));
        if (v.isEmpty() || v.equals("unknown")) {
            throw new IOException("cannot read /proc/sys/net/ipv4/" + name);
        }
        return v;
    }
}
