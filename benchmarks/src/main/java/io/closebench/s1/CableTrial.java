package io.closebench.s1;

import io.closebench.cable.CableCapture;
import io.closebench.cable.CableFault;
import io.closebench.cable.CableWire;
import io.closebench.cable.CableClient;
import io.closebench.cable.KernelRules;
import io.closebench.cable.PulledCableHosts;
import io.closebench.cable.ConnectionTimeline;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.JiffyClock;
import io.closebench.cable.KernelSocketView;
import io.closebench.cable.NeighbourResolution;
import io.closebench.cable.ServerGroupSpec;
import io.closebench.cable.Theory;
import io.closebench.cable.TrialControl;

import io.closebench.rig.FaultInstant;
import io.closebench.rig.PeerHome;
import io.closebench.rig.Observing;
import io.closebench.rig.Rig;
import io.closebench.rig.Stage;
import io.closebench.rig.Watchers;
import io.closebench.trace.TraceFilter;
import io.closebench.transport.Connection;
import io.closebench.wire.Endpoint;
import io.closebench.fault.PeerReport;
import io.closebench.schema.Asleep;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Map<Long, Long> windowProbes = f.stopsReading()
                ? WindowProbeWatch.starts(spec, hosts, accepted, listeners, t0, bound) : Map.of();
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
        TrialSamples samples = new TrialSamples(number, spec, hosts, accepted, t0BoundNanos, rttNanos);
        TrialSamples.Timeline tl = new TrialSamples.Timeline(t0, client.ipReturnedAt(), plugAt, client.carrierLostAt(t0),
                bound, rules.retries2(), atFault, atEnd, null, windowProbes, connect, listeners, icmpLimited, wire, jiffies);
        NeighbourResolution arp = new NeighbourResolution(f.pullsCable() && !f.keepsNeighbour() && hosts.serverLosesCarrier()
                ? samples.arpStart(control, tl) : -1, rules.arpRetransNanos(), rules.arpSolicits());
        return samples.of(control, tl.withArp(arp), GRACE_NANOS);
    }

    @Override
    public List<CableSample> failed(String why) {
        return TrialSamples.failures(number, spec, why);
    }

    private static void sleepUntil(long instant) throws InterruptedException {
        long left = instant - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

}
