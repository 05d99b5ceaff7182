package io.closebench.cable;

import io.closebench.fault.ChildClassPath;
import io.closebench.observe.Detection;
import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import io.closebench.fault.ChildProcess;
import io.closebench.netns.BoundedCommand;
import io.closebench.netns.HostPair;
import io.closebench.netns.NamespaceThread;
import java.net.InetSocketAddress;
import io.closebench.schema.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link TrialSpec} for real: two hosts ({@link HostPair}), the server JVM in the server's
 * namespace, the client JVM in the client's, all connections up and watched, one fault at t0, every
 * connection's outcome collected, and everything removed again, also when something fails.
 *
 * <p>Sequence: sysctls in the server's namespace (and, for g', the client's address pinned
 * there); server up (one listener per group); client connects; START; settle; fault (t0 right
 * before the call that causes it: the pull, the SIGSTOP, or the client told to stop reading);
 * after 300 ms, the server kernel's view of when it last heard from each peer ({@code ss -i}),
 * while the cable is still out; for a peer that stopped reading, the server kernel's persist
 * timers polled until each connection's first zero-window probe is known; for a plugged-back
 * fault, the plug after the downtime; outcomes until all are in or the bound has passed; the
 * kernel's final state of each connection; END.
 *
 * <p>Never throws for what the network or the children do: a trial that cannot run returns
 * HARNESS_FAILURE samples with the reason. The only exception that escapes is a namespace that
 * cannot be removed, which must not go unnoticed.
 */
public final class CableTrial {

    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(40);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long PEER_VIEW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** How long the persist timers are polled for after a peer stopped reading, and how often. */
    private static final long WINDOW_WATCH_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final long WINDOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The client's service port, where the reconnect faults connect to. */
    static final int SERVICE_PORT = 7070;

    private final int number;
    private final TrialSpec spec;
    private final CableSettings settings;
    private final TrialListener listener;

    private CableTrial(int number, TrialSpec spec, CableSettings settings, TrialListener listener) {
        this.number = number;
        this.spec = spec;
        this.settings = settings;
        this.listener = listener;
    }

    /** Runs the trial; one sample per connection, in group order. */
    public static List<CableSample> run(int number, TrialSpec spec, CableSettings settings, TrialListener listener) {
        return new CableTrial(number, spec, settings, listener).run();
    }

    private List<CableSample> run() {
        HostPair pair = null;
        try {
            pair = HostPair.create();
            return execute(pair);
        } catch (Exception e) {
            return failures(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (pair != null) {
                pair.close();
            }
        }
    }

    private List<CableSample> execute(HostPair pair) throws IOException, InterruptedException {
        String srv = pair.serverNamespace();
        spec.serverSysctls().forEach((key, value) -> pair.setSysctl(srv, key, value));
        if (spec.fault().keepsNeighbour()) {
            pair.pinClientAddressAtServer();
        }
        int retries2 = Integer.parseInt(pair.readSysctl(srv, "net.ipv4.tcp_retries2").trim());
        int synRetries = Integer.parseInt(pair.readSysctl(srv, "net.ipv4.tcp_syn_retries").trim());
        int synLinear = synLinearTimeouts(pair, srv);
        String neigh = "net.ipv4.neigh." + pair.serverDevice() + ".";
        long arpRetrans = Long.parseLong(pair.readSysctl(srv, neigh + "retrans_time_ms").trim()) * 1_000_000L;
        int arpSolicits = Integer.parseInt(pair.readSysctl(srv, neigh + "mcast_solicit").trim());
        long bound = spec.boundNanos(settings, retries2);
        long cap = TimeUnit.NANOSECONDS.toSeconds(2 * SETUP_NANOS + bound + settings.downtime().toNanos()) + 30;

        TrialControl control = new TrialControl(spec.connections());
        List<WatchedGroup> groups = new ArrayList<>();
        InetSocketAddress service = new InetSocketAddress(pair.clientAddress(), SERVICE_PORT);
        // the server host's sockets are made in its namespace; its observers run in this JVM, on this clock
        try (NamespaceThread serverHome = NamespaceThread.enter(srv);
             CarrierWatch carrier = CarrierWatch.start(pair, cap, control::carrierLost)) {
            try {
                Map<Integer, Integer> ports = new HashMap<>();
                for (int g = 0; g < spec.groups().size(); g++) {
                    CableGroup group = spec.groups().get(g);
                    WatchedGroup watched = new WatchedGroup(new ServerGroupSpec(g, group.observer(), spec.fault().workload(),
                            group.connections(), group.mechanism()), control, settings.placement().observer(), serverHome,
                            pair.serverAddress(), service);
                    groups.add(watched);
                    ports.put(g, watched.listen(pair.serverAddress()));
                }
                List<String> clientArgs = new ArrayList<>(List.of(pair.serverAddress().getHostAddress(), String.valueOf(cap),
                        settings.placement().peerCpus()));
                if (spec.fault().stopsReading()) {
                    clientArgs.add("rcvbuf=" + CableFault.NOT_READING_RECEIVE_BUFFER);
                }
                if (spec.fault().reconnects()) {
                    clientArgs.add("listen=" + SERVICE_PORT);
                }
                for (int g = 0; g < spec.groups().size(); g++) {
                    clientArgs.add(ports.get(g) + ":" + spec.groups().get(g).connections());
                }
                try (ChildProcess client = host(pair, pair.clientNamespace(), "the client host", CablePeerMain.class,
                        clientArgs)) {
                    try {
                        return observe(pair, groups, client, control, carrier, bound, retries2, arpRetrans, arpSolicits,
                                new ConnectionTimeline.ConnectRules(synRetries, synLinear, Theory.NEVER), ports);
                    } finally {
                        if (spec.fault().freezesClient()) {
                            client.kill(); // a stopped process cannot read the EOF that would end it
                        }
                    }
                }
            } finally {
                groups.forEach(WatchedGroup::close);
            }
        }
    }

    /** A host's program: a child JVM inside {@code namespace} ({@code ip netns exec} execs java: the pid is the JVM's). */
    private static ChildProcess host(HostPair pair, String namespace, String name, Class<?> main, List<String> args)
            throws IOException {
        List<String> argv = ChildClassPath.jvmCommand(main, "-Xmx96m", args);
        return ChildProcess.start(name, pair.processIn(namespace, argv.toArray(String[]::new)));
    }

    /** {@code net.ipv4.tcp_syn_linear_timeouts} (Linux 6.5+); 0 where the kernel has no such setting. */
    private static int synLinearTimeouts(HostPair pair, String namespace) {
        try {
            return Integer.parseInt(pair.readSysctl(namespace, "net.ipv4.tcp_syn_linear_timeouts").trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private List<CableSample> observe(HostPair pair, List<WatchedGroup> groups, ChildProcess client,
                                      TrialControl control, CarrierWatch carrier, long bound, int retries2, long arpRetrans,
                                      int arpSolicits, ConnectionTimeline.ConnectRules connect, Map<Integer, Integer> listeners)
            throws IOException, InterruptedException {
        long setupBy = System.nanoTime() + SETUP_NANOS;
        List<int[]> accepted = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (int clientPort : groups.get(g).acceptAll(setupBy)) {
                accepted.add(new int[] {g, clientPort});
            }
        }
        while (!client.next(setupBy, "its connections").is(Word.ALL_CONNECTED)) {
            // CONNECTED: the groups' accepts say the same, with the group
        }
        long started = System.nanoTime();
        for (WatchedGroup g : groups) {
            g.start(started);
        }
        listener.started(spec);
        long icmpLimitedBefore = IcmpRateLimitCount.read(pair, pair.serverNamespace());
        TimeUnit.NANOSECONDS.sleep(settings.settle().toNanos());

        CableFault fault = spec.fault();
        long t0;
        long ipReturned = -1;
        if (fault.freezesClient()) {
            t0 = System.nanoTime();
            BoundedCommand.runChecked("kill", "-s", "STOP", String.valueOf(client.pid()));
        } else if (fault.stopsReading()) {
            t0 = System.nanoTime();
            client.send(ChildMessage.of(Word.FAULT, t0, t0 + bound));
        } else {
            t0 = System.nanoTime();
            pair.pullCable();
            ipReturned = System.nanoTime();
        }
        control.fault(t0, t0 + bound);
        listener.faultInjected(spec, t0);
        if (fault.killsClient()) {
            client.kill();
        }
        if (fault.wipesClientTcpState()) {
            // what a reboot does to the client's TCP stack: every socket gone, no RST sent (the cable is out)
            BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                    pair.commandIn(pair.clientNamespace(), "ss", "-K", "-t", "-a", "-n"));
        }
        KernelSocketView atFault = null;
        if (fault.pullsCable()) {
            sleepUntil(t0 + PEER_VIEW_AFTER_NANOS);
            atFault = KernelSocketView.sample(pair, pair.serverNamespace());
        }
        Map<Long, Long> windowProbes = fault.stopsReading() ? windowProbingStarts(pair, accepted, listeners, t0, bound)
                : Map.of();
        long plugAt = -1;
        if (fault.plugsBack()) {
            sleepUntil(t0 + settings.downtime().toNanos());
            plugAt = System.nanoTime();
            pair.plugCable();
            control.plugged(plugAt);
        }

        control.awaitAllDecided(t0 + bound + GRACE_NANOS);
        KernelSocketView atEnd = KernelSocketView.sample(pair, pair.serverNamespace());
        long icmpLimited = IcmpRateLimitCount.between(icmpLimitedBefore, IcmpRateLimitCount.read(pair, pair.serverNamespace()));
        long linkDownAt = carrier.lostAt(t0);
        Timeline partial = new Timeline(t0, ipReturned, plugAt, linkDownAt, bound, retries2, atFault, atEnd, null,
                windowProbes, connect, listeners, icmpLimited);
        NeighbourResolution arp = new NeighbourResolution(fault.pullsCable() && !fault.keepsNeighbour()
                ? arpStart(control, partial) : -1, arpRetrans, arpSolicits);
        return samples(control, new Timeline(t0, ipReturned, plugAt, linkDownAt, bound, retries2, atFault, atEnd, arp,
                windowProbes, connect, listeners, icmpLimited));
    }

    /**
     * Polls the server kernel's persist timers, for the groups with {@code TCP_USER_TIMEOUT} (whose
     * rule counts from there; {@code ss} filtered to their listeners, so that a poll stays short),
     * until each connection's probes have backed off twice, the watch's time is up, or the bound
     * has passed; what the server reports meanwhile waits in its queue. For each connection, the
     * latest expiry seen of its persist timer with no backoff yet: where the probing began for good
     * (a probe that found the window open a crack starts the kernel's count again). Keys:
     * {@link #portsKey}.
     */
    private Map<Long, Long> windowProbingStarts(HostPair pair, List<int[]> accepted, Map<Integer, Integer> listeners,
                                                long t0, long bound) throws InterruptedException {
        Map<Long, Long> starts = new HashMap<>();
        List<int[]> watched = new ArrayList<>();
        for (int[] a : accepted) {
            if (spec.groups().get(a[0]).mechanism().socketSettings().userTimeoutMillis().isPresent()) {
                watched.add(new int[] {listeners.get(a[0]), a[1]});
            }
        }
        List<Integer> listening = watched.stream().map(w -> w[0]).distinct().toList();
        long until = t0 + Math.min(WINDOW_WATCH_NANOS, bound);
        List<int[]> open = new ArrayList<>(watched);
        while (!open.isEmpty() && System.nanoTime() - until < 0) {
            KernelSocketView view = KernelSocketView.sample(pair, pair.serverNamespace(), listening);
            open.removeIf(w -> {
                view.unbackedWindowProbeAt(w[0], w[1]).ifPresent(at -> starts.put(portsKey(w[0], w[1]), at));
                return starts.containsKey(portsKey(w[0], w[1])) && view.windowProbesBackedOff(w[0], w[1], 2);
            });
            TimeUnit.NANOSECONDS.sleep(WINDOW_POLL_NANOS);
        }
        return starts;
    }

    /** One connection of the server's by its two ports, its listener's and the client's. */
    private static long portsKey(int listenerPort, int clientPort) {
        return ((long) listenerPort << 16) | clientPort;
    }

    private List<CableSample> samples(TrialControl seen, Timeline tl) {
        List<CableSample> samples = new ArrayList<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            CableGroup group = spec.groups().get(g);
            for (int i = 0; i < group.connections(); i++) {
                OutcomeLine o = seen.outcome(g, i);
                samples.add(o == null
                        ? CableSample.harnessFailure(number, spec.fault(), group, i, "the server host decided no outcome "
                        + "by the bound plus " + TimeUnit.NANOSECONDS.toSeconds(GRACE_NANOS) + " s")
                        : sample(group, o, tl));
            }
        }
        return samples;
    }

    /**
     * The trial's first segment after the server's end lost carrier, which starts the ARP
     * resolution all its connections share: the applications' first sends, and the keepalive
     * probes the kernel sends on idle connections (computed from each one's last segment).
     */
    private long arpStart(TrialControl seen, Timeline tl) {
        long lossAt = tl.linkDownAt >= 0 ? tl.linkDownAt : tl.t0;
        long start = Long.MAX_VALUE;
        for (OutcomeLine o : seen.outcomes()) {
            if (o.firstUnackedSendAt() > 0) {
                start = Math.min(start, o.firstUnackedSendAt());
            }
            Mechanism m = spec.groups().get(o.group()).mechanism();
            if (m.keepalive().isPresent() && spec.fault().workload() == Workload.IDLE) {
                long probe = m.keepalive().get().firstProbeAtOrAfter(lossAt, lastPeerSegment(o, tl));
                if (probe > 0) {
                    start = Math.min(start, probe);
                }
            }
        }
        return start == Long.MAX_VALUE ? -1 : start;
    }

    private long lastPeerSegment(OutcomeLine o, Timeline tl) {
        Optional<Long> heard = tl.atFault == null ? Optional.empty()
                : tl.atFault.lastPeerSegmentAt(tl.listeners.get(o.group()), o.remotePort());
        return heard.isPresent() && !spec.fault().freezesClient() ? heard.get() : tl.t0;
    }

    private CableSample sample(CableGroup group, OutcomeLine o, Timeline tl) {
        CableFault fault = spec.fault();
        int listener = tl.listeners.get(o.group());
        boolean sampled = tl.atFault != null && tl.atFault.lastPeerSegmentAt(listener, o.remotePort()).isPresent()
                && !fault.freezesClient();
        long lastPeer = lastPeerSegment(o, tl);
        ConnectionTimeline.ConnectRules connect = new ConnectionTimeline.ConnectRules(tl.connect.synRetries(),
                tl.connect.synLinearTimeouts(), io.closebench.observe.ObserverModels.of(group.observer()).defaultConnectTimeout().map(java.time.Duration::toNanos)
                        .orElse(Theory.NEVER));
        ConnectionTimeline ct = new ConnectionTimeline(tl.t0, lastPeer, sampled, o.firstUnackedSendAt(), o.lastReadAt(),
                tl.plugAt, tl.retries2, tl.arp, tl.windowProbes.getOrDefault(portsKey(listener, o.remotePort()), -1L), connect);
        Theory theory = group.mechanism().theory(fault, ct);
        return new CableSample(number, fault, group.mechanism(), group.observer(), o.index(),
                new Detection(o.outcome(), o.detectedBy(), "", o.exceptionClass(), o.message(), o.t1() - tl.t0),
                sampled ? o.t1() - lastPeer : -1,
                o.t1() - o.lastReadAt(), tl.plugAt < 0 ? -1 : o.t1() - tl.plugAt, theory,
                o.t1() - theory.referenceInstant(ct), o.nextWrite(),
                fault.reconnects() ? tl.atEnd.stateOfLocal(o.remotePort()) : tl.atEnd.stateOf(listener, o.remotePort()), tl.bound,
                tl.retries2, tl.linkDownAt < 0 ? -1 : tl.linkDownAt - tl.t0,
                tl.ipReturned < 0 ? -1 : tl.ipReturned - tl.t0, tl.plugAt < 0 ? -1 : tl.plugAt - tl.t0,
                tl.arp.startAt() < 0 ? -1 : tl.arp.startAt() - tl.t0,
                tl.icmpRateLimited, o.bytesWritten(), o.pongs(), "");
    }

    private List<CableSample> failures(String why) {
        List<CableSample> samples = new ArrayList<>();
        for (CableGroup group : spec.groups()) {
            for (int i = 0; i < group.connections(); i++) {
                samples.add(CableSample.harnessFailure(number, spec.fault(), group, i, why));
            }
        }
        return samples;
    }

    private static void sleepUntil(long instant) throws InterruptedException {
        long left = instant - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The trial-wide instants and views that each sample is computed from. */
    private record Timeline(long t0, long ipReturned, long plugAt, long linkDownAt, long bound, int retries2,
                            KernelSocketView atFault, KernelSocketView atEnd, NeighbourResolution arp,
                            Map<Long, Long> windowProbes, ConnectionTimeline.ConnectRules connect,
                            Map<Integer, Integer> listeners, long icmpRateLimited) {
    }
}
