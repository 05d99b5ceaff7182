package io.closebench.s1;

import io.closebench.cable.CableCapture;
import io.closebench.cable.CableFault;
import io.closebench.cable.CableWire;
import io.closebench.cable.CableClient;
import io.closebench.cable.KernelAccount;
import io.closebench.cable.KernelRules;
import io.closebench.cable.PulledCableHosts;
import io.closebench.cable.ConnectionTimeline;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.JiffyClock;
import io.closebench.cable.KernelSocketView;
import io.closebench.cable.Mechanism;
import io.closebench.cable.NeighbourResolution;
import io.closebench.cable.OutcomeLine;
import io.closebench.cable.RetransmissionTimeoutModel;
import io.closebench.cable.RuleSchedule;
import io.closebench.cable.ServerGroupSpec;
import io.closebench.cable.Theory;
import io.closebench.cable.TrialControl;
import io.closebench.cable.Workload;

import io.closebench.observe.Detection;
import io.closebench.observe.ObserverModels;
import io.closebench.rig.FaultInstant;
import io.closebench.rig.PeerHome;
import io.closebench.rig.Observing;
import io.closebench.rig.Rig;
import io.closebench.rig.Stage;
import io.closebench.rig.Watchers;
import io.closebench.trace.TimerExpiry;
import io.closebench.trace.TimerStart;
import io.closebench.trace.TraceFilter;
import io.closebench.transport.Connection;
import io.closebench.wire.Endpoint;
import io.closebench.wire.FourTuple;
import io.closebench.fault.PeerReport;
import io.closebench.schema.Asleep;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One pulled-cable trial ({@link TrialSpec}) through the {@link Rig}: the two hosts the peer's home
 * gives ({@link PulledCableHosts}: network namespaces on this machine), the server's observers in
 * this JVM with their sockets made where the server lives, one group per mechanism and model
 * ({@link WatchedGroup}), the client host's program ({@link CableClient}); one fault at t0; every
 * connection's outcome collected; everything removed again, also when something fails.
 *
 * <p>Sequence: the server's sysctls (and, for g', the client's address pinned there); its listeners;
 * the client connects; watching starts; settle; fault (t0 right before the call that causes it: the
 * pull, the SIGSTOP, or the client told to stop reading); after 300 ms, the server kernel's view of
 * when it last heard from each peer ({@code ss -i}), while the cable is still out; for a peer that
 * stopped reading, the server kernel's persist timers polled until each connection's first
 * zero-window probe is known; for a plugged-back fault, the plug after the downtime; outcomes until
 * all are in or the bound has passed; the kernel's final state of each connection.
 *
 * <p>Never throws for what the network or the children do: a trial that cannot run returns
 * HARNESS_FAILURE samples with the reason. The only exception that escapes is a namespace that
 * cannot be removed, which must not go unnoticed.
 */
public final class CableTrial implements Observing<List<CableSample>> {

    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(40);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long PEER_VIEW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** How long the persist timers are polled for after a peer stopped reading, and how often. */
    private static final long WINDOW_WATCH_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final long WINDOW_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int number;
    private final TrialSpec spec;
    private final CableSettings settings;
    private final TrialListener listener;
    private final TrialControl control;
    private final List<WatchedGroup> groups = new ArrayList<>();
    /** Each group's listening port, by group index. */
    private final Map<Integer, Integer> listeners = new HashMap<>();
    /** Every connection the server accepted: its group and the client's port. */
    private final List<int[]> accepted = new ArrayList<>();
    private PulledCableHosts hosts;
    private CableCapture capture = CableCapture.unavailable("not captured");
    private CableClient client;
    /** t0's bound and the round trip to the client's host, where it took t0 on its own clock; 0 and -1 here. */
    private long t0BoundNanos;
    private long rttNanos = -1;
    private long bound;
    private long icmpLimitedBefore;

    private final PeerHome home;

    private CableTrial(int number, TrialSpec spec, CableSettings settings, TrialListener listener, PeerHome home) {
        this.home = home;
        this.number = number;
        this.spec = spec;
        this.settings = settings;
        this.listener = listener;
        this.control = new TrialControl(spec.connections());
    }

    /** Runs the trial on {@code home}'s hosts; one sample per connection, in group order. */
    public static List<CableSample> run(int number, TrialSpec spec, CableSettings settings, TrialListener listener,
                                        PeerHome home) {
        CableTrial t = new CableTrial(number, spec, settings, listener, home);
        return Rig.run(t::setStage, t, Long.MAX_VALUE);
    }

    /** The hosts, the server's observers listening in its namespace, the client's connections accepted. */
    private Watchers setStage() throws IOException, InterruptedException {
        hosts = home.pulledCable(spec.serverSysctls(), spec.fault().keepsNeighbour());
        Watchers stage = new Watchers();
        stage.alsoClose(hosts);
        try {
            bound = spec.boundNanos(settings, hosts.rules().retries2());
            long cap = TimeUnit.NANOSECONDS.toSeconds(2 * SETUP_NANOS + bound + settings.downtime().toNanos()) + 30;
            List<Integer> ports = new ArrayList<>();
            for (int g = 0; g < spec.groups().size(); g++) {
                CableGroup group = spec.groups().get(g);
                int side = stage.open(group.observer(), "g" + g + "-" + group.observer().name().toLowerCase(),
                        settings.placement().observer(), hosts.serverSockets());
                ports.add(stage.listen(side, new InetSocketAddress(hosts.serverAddress(), 0)).getPort());
                listeners.put(g, ports.get(g));
            }
            if (settings.captureTo().isPresent()) {
                // from before the first SYN: the handshake tells each connection's options; stopped in await()
                List<Integer> captured = new ArrayList<>(ports);
                if (spec.fault().reconnects()) {
                    captured.add(CableClient.SERVICE_PORT); // the server's own connects go there
                }
                // the kernel's account: the server's listeners and what they accepted, or its own connects to the client
                TraceFilter traced = spec.fault().reconnects()
                        ? TraceFilter.remoteEnds(new Endpoint(hosts.clientAddress(), CableClient.SERVICE_PORT))
                        : TraceFilter.localEnds(ports.stream().map(p -> new Endpoint(hosts.serverAddress(), p))
                                .toArray(Endpoint[]::new));
                capture = hosts.captureServer(settings.captureTo().get(), spec.fault().scenarioId().replace('\'', 'p')
                        + "-trial" + number, captured, traced);
                stage.alsoClose(capture);
            }
            client = hosts.startClient(spec.fault(), ports, spec.groups().stream().map(CableGroup::connections).toList(),
                    cap, settings.placement().peerCpus(), control::carrierLost);
            stage.attach(client);
            long setupBy = System.nanoTime() + SETUP_NANOS;
            InetSocketAddress service = new InetSocketAddress(hosts.clientAddress(), CableClient.SERVICE_PORT);
            for (int g = 0; g < spec.groups().size(); g++) {
                CableGroup group = spec.groups().get(g);
                List<Connection> mine = stage.accept(g, group.connections(), group.mechanism().socketSettings(), setupBy);
                mine.forEach(c -> accepted.add(new int[] {groups.size(), c.remotePort()}));
                groups.add(new WatchedGroup(new ServerGroupSpec(g, group.observer(), spec.fault().workload(),
                        group.connections(), group.mechanism()), control, stage, g, mine, hosts.serverAddress(), service));
            }
            client.awaitAllConnected(setupBy);
            return stage;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    /** Watching starts: pings, streams and timers count from now; the connections run a while. */
    @Override
    public void prepare(Stage stage, long deadline) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (WatchedGroup g : groups) {
            g.start(started);
        }
        listener.started(spec);
        icmpLimitedBefore = hosts.icmpRateLimited();
        TimeUnit.NANOSECONDS.sleep(settings.settle().toNanos());
    }

    @Override
    public FaultInstant inject(Stage stage, long deadline) throws IOException, InterruptedException {
        long t0 = client.injectFault(deadline);
        // a client on another host took t0 on its clock: converted now, with its bound
        PeerReport refined = client.faultInstant(t0);
        t0 = refined.t0();
        t0BoundNanos = refined.t0BoundNanos();
        rttNanos = refined.rttNanos();
        control.fault(t0, t0 + bound);
        listener.faultInjected(spec, t0);
        return new FaultInstant(t0, refined.t0Source(), Asleep.NOT_APPLICABLE, -1, t0, t0BoundNanos);
    }

    @Override
    public List<CableSample> await(Stage stage, FaultInstant fault, long deadline) throws IOException, InterruptedException {
        long t0 = fault.t0();
        CableFault f = spec.fault();
        client.afterFault(t0, deadline);
        KernelSocketView atFault = null;
        if (f.pullsCable()) {
            sleepUntil(t0 + PEER_VIEW_AFTER_NANOS);
            atFault = hosts.serverView();
        }
        Map<Long, Long> windowProbes = f.stopsReading() ? windowProbingStarts(t0) : Map.of();
        long plugAt = -1;
        if (f.plugsBack()) {
            sleepUntil(t0 + settings.downtime().toNanos());
            plugAt = client.plugBack();
            control.plugged(plugAt);
        }
        control.awaitAllDecided(t0 + bound + GRACE_NANOS);
        KernelSocketView atEnd = hosts.serverView();
        CableWire wire = capture.stop();
        long icmpLimited = IcmpRateLimitCount.between(icmpLimitedBefore, hosts.icmpRateLimited());
        KernelRules rules = hosts.rules();
        ConnectionTimeline.ConnectRules connect = new ConnectionTimeline.ConnectRules(rules.synRetries(),
                rules.synLinearTimeouts(), Theory.NEVER);
        // the kernel's jiffies against nanoTime, for the timer wheel of the retransmission rule: only where traced
        Optional<JiffyClock> jiffies = wire.kernel().unavailable().isEmpty() ? JiffyClock.read() : Optional.empty();
        Timeline partial = new Timeline(t0, client.ipReturnedAt(), plugAt, client.carrierLostAt(t0), bound,
                rules.retries2(), atFault, atEnd, null, windowProbes, connect, listeners, icmpLimited, wire, jiffies);
        NeighbourResolution arp = new NeighbourResolution(f.pullsCable() && !f.keepsNeighbour() && hosts.serverLosesCarrier()
                ? arpStart(control, partial) : -1, rules.arpRetransNanos(), rules.arpSolicits());
        return samples(control, new Timeline(t0, client.ipReturnedAt(), plugAt, client.carrierLostAt(t0), bound,
                rules.retries2(), atFault, atEnd, arp, windowProbes, connect, listeners, icmpLimited, wire, jiffies));
    }

    @Override
    public List<CableSample> failed(String why) {
        return failures(why);
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
    private Map<Long, Long> windowProbingStarts(long t0) throws InterruptedException {
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
            KernelSocketView view = hosts.serverView(listening);
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
     * probes the kernel sends on idle connections (computed from each one's last segment), also on
     * the established connections of a reconnect trial, whose probes can start the resolution
     * before the reconnects do.
     */
    private long arpStart(TrialControl seen, Timeline tl) {
        long lossAt = tl.linkDownAt >= 0 ? tl.linkDownAt : tl.t0;
        long start = Long.MAX_VALUE;
        for (OutcomeLine o : seen.outcomes()) {
            if (o.firstUnackedSendAt() > 0) {
                start = Math.min(start, o.firstUnackedSendAt());
            }
        }
        if (spec.fault().workload() != Workload.STREAM) {
            for (int[] a : accepted) {
                Mechanism m = spec.groups().get(a[0]).mechanism();
                if (m.keepalive().isPresent()) {
                    long probe = m.keepalive().get().firstProbeAtOrAfter(lossAt, lastPeerSegment(a[0], a[1], tl));
                    if (probe > 0) {
                        start = Math.min(start, probe);
                    }
                }
            }
        }
        return start == Long.MAX_VALUE ? -1 : start;
    }

    private long lastPeerSegment(int group, int clientPort, Timeline tl) {
        Optional<Long> heard = tl.atFault == null ? Optional.empty()
                : tl.atFault.lastPeerSegmentAt(tl.listeners.get(group), clientPort);
        return heard.isPresent() && !spec.fault().freezesClient() ? heard.get() : tl.t0;
    }

    private long lastPeerSegment(OutcomeLine o, Timeline tl) {
        return lastPeerSegment(o.group(), o.remotePort(), tl);
    }

    private CableSample sample(CableGroup group, OutcomeLine o, Timeline tl) {
        CableFault fault = spec.fault();
        int listener = tl.listeners.get(o.group());
        boolean sampled = tl.atFault != null && tl.atFault.lastPeerSegmentAt(listener, o.remotePort()).isPresent()
                && !fault.freezesClient();
        long lastPeer = lastPeerSegment(o, tl);
        ConnectionTimeline.ConnectRules connect = new ConnectionTimeline.ConnectRules(tl.connect.synRetries(),
                tl.connect.synLinearTimeouts(), ObserverModels.of(group.observer()).defaultConnectTimeout()
                        .map(java.time.Duration::toNanos).orElse(Theory.NEVER));
        long windowProbing = tl.windowProbes.getOrDefault(portsKey(listener, o.remotePort()), -1L);
        ConnectionTimeline untraced = new ConnectionTimeline(tl.t0, lastPeer, sampled, o.firstUnackedSendAt(),
                o.lastReadAt(), tl.plugAt, tl.retries2, tl.arp, windowProbing, connect);
        CableWireFacts wire = wireFacts(group, listener, o, tl, untraced);
        ConnectionTimeline ct = new ConnectionTimeline(tl.t0, lastPeer, sampled, o.firstUnackedSendAt(), o.lastReadAt(),
                tl.plugAt, tl.retries2, tl.arp, windowProbing, connect,
                retransmission(wire, listener, o, tl, tl.wire.kernel().timerStartsOf(connectionOf(listener, o)),
                        tl.wire.kernel().timerRunsOf(connectionOf(listener, o))));
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
                tl.icmpRateLimited, o.bytesWritten(), o.pongs(), "", wire, t0BoundNanos, rttNanos);
    }

    /**
     * What the kernel showed of the connection's retransmission timer after its first unacknowledged
     * send: its RTO before backoff ({@code ss -i} 300 ms after the pull: {@code rto:} halved
     * {@code backoff:} times), the attempts on the head of its retransmit queue (the segment of its
     * last attempt: once the timer has fired, every attempt is on the head), the reports of its
     * oldest segment, the jiffies, and where traced the timer wheel's enqueueings of its timer
     * and ran it ({@code timerStarts}, {@code timerRuns}); empty where any but the last is unknown (no trace, no attempt, no
     * {@code ss} sample, no jiffies).
     */
    private static Optional<ConnectionTimeline.RetransmissionEvidence> retransmission(CableWireFacts wire, int listener,
                                                                                    OutcomeLine o, Timeline tl,
                                                                                    List<TimerStart> timerStarts,
                                                                                    List<TimerExpiry> timerRuns) {
        if (o.firstUnackedSendAt() <= 0 || !wire.kernelUnavailable().isEmpty() || tl.atFault == null
                || tl.jiffies.isEmpty()) {
            return Optional.empty();
        }
        Optional<KernelSocketView.Entry> view = tl.atFault.entry(listener, o.remotePort());
        long rtoMillis = view.map(KernelSocketView.Entry::rtoMillis).orElse(0L);
        List<CableWireFacts.Attempt> after = wire.attempts().stream()
                .filter(a -> a.sinceT0Nanos() + tl.t0 - o.firstUnackedSendAt() > 0).toList();
        if (rtoMillis <= 0 || after.isEmpty()) {
            return Optional.empty();
        }
        long head = after.get(after.size() - 1).skb();
        long rto = Math.max(TimeUnit.MILLISECONDS.toNanos(rtoMillis) >> Math.min(view.get().backoff(), 30),
                RetransmissionTimeoutModel.RTO_MIN.toNanos());
        return Optional.of(new ConnectionTimeline.RetransmissionEvidence(rto, after.stream().filter(a -> a.skb() == head)
                .map(a -> new ConnectionTimeline.HeadAttempt(a.sinceT0Nanos() + tl.t0, a.sent())).toList(),
                wire.revertingReports().stream().map(r -> r.at().nanos() + tl.t0).toList(), tl.jiffies.get(),
                timerStarts.stream().map(t -> new ConnectionTimeline.TimerArm(t.monotonicNanos(), t.now(), t.expires(),
                        t.level(), t.bucketExpiry())).toList(),
                timerRuns.stream().map(t -> new ConnectionTimeline.TimerRun(t.monotonicNanos(), t.now())).toList()));
    }

    /** The connection's segments on the cable and its reports, by its four addresses, beside what the rules expect. */
    private CableWireFacts wireFacts(CableGroup group, int listener, OutcomeLine o, Timeline tl, ConnectionTimeline ct) {
        CableFault fault = spec.fault();
        if (!tl.wire.captured()) {
            return new CableWireFacts(Optional.empty(), List.of(), List.of(), List.of(), List.of(), OptionalLong.empty(),
                    tl.wire.unavailable(), tl.wire.unavailable());
        }
        List<CableWireFacts.ExpectedSegment> rules = RuleSchedule.of(group.mechanism(), fault, ct, o.t1()).ticks()
                .stream().map(t -> new CableWireFacts.ExpectedSegment(t, t.atNanos() - tl.t0)).toList();
        FourTuple connection = connectionOf(listener, o);
        KernelAccount kernel = tl.wire.kernel();
        List<CableWireFacts.Attempt> attempts = kernel.attemptsOf(connection).stream()
                .map(a -> new CableWireFacts.Attempt(a.monotonicNanos() - tl.t0, a.err(), a.skb())).toList();
        OptionalLong end = kernel.endOf(connection).map(e -> OptionalLong.of(e.monotonicNanos() - tl.t0))
                .orElse(OptionalLong.empty());
        return new CableWireFacts(tl.wire.facts(connection, tl.t0), tl.wire.reportsOf(connection, tl.t0),
                tl.wire.arpRequestsFor(hosts.clientAddress(), tl.t0), rules, attempts, end, kernel.unavailable(), "");
    }

    /** The server's socket of {@code o} by its four addresses. */
    private FourTuple connectionOf(int listener, OutcomeLine o) {
        // a reconnect's connection is the server's own, to the client's service port: remotePort() is its local port
        return spec.fault().reconnects()
                ? new FourTuple(new Endpoint(hosts.serverAddress(), o.remotePort()),
                        new Endpoint(hosts.clientAddress(), CableClient.SERVICE_PORT))
                : new FourTuple(new Endpoint(hosts.serverAddress(), listener),
                        new Endpoint(hosts.clientAddress(), o.remotePort()));
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
                            Map<Integer, Integer> listeners, long icmpRateLimited, CableWire wire,
                            Optional<JiffyClock> jiffies) {
    }
}
