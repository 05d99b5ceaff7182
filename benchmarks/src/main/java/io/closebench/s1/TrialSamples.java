package io.closebench.s1;

import io.closebench.cable.CableClient;
import io.closebench.cable.CableFault;
import io.closebench.cable.CableWire;
import io.closebench.cable.ConnectionTimeline;
import io.closebench.cable.JiffyClock;
import io.closebench.cable.KernelAccount;
import io.closebench.cable.KernelSocketView;
import io.closebench.cable.Mechanism;
import io.closebench.cable.NeighbourResolution;
import io.closebench.cable.OutcomeLine;
import io.closebench.cable.PulledCableHosts;
import io.closebench.cable.RetransmissionTimeoutModel;
import io.closebench.cable.RuleSchedule;
import io.closebench.cable.Theory;
import io.closebench.cable.TrialControl;
import io.closebench.cable.Workload;
import io.closebench.observe.Detection;
import io.closebench.observe.ObserverModels;
import io.closebench.trace.StateChange;
import io.closebench.trace.TimerExpiry;
import io.closebench.trace.TimerStart;
import io.closebench.wire.Endpoint;
import io.closebench.wire.FourTuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A pulled-cable trial's samples: each connection's outcome beside what the kernel and the wire
 * showed of it (its last segment from the peer, its retransmission timer, its segments on the
 * cable, the rule's schedule), reduced to one {@link CableSample} per connection. Computes only;
 * everything it reads was collected by {@link CableTrial} before the namespaces went away.
 */
final class TrialSamples {

    private final int number;
    private final TrialSpec spec;
    private final PulledCableHosts hosts;
    /** Every connection the server accepted: its group and the client's port. */
    private final List<int[]> accepted;
    private final long t0BoundNanos;
    private final long rttNanos;

    TrialSamples(int number, TrialSpec spec, PulledCableHosts hosts, List<int[]> accepted, long t0BoundNanos,
                 long rttNanos) {
        this.number = number;
        this.spec = spec;
        this.hosts = hosts;
        this.accepted = accepted;
        this.t0BoundNanos = t0BoundNanos;
        this.rttNanos = rttNanos;
    }

    /** One sample per connection, in group order; a connection without an outcome is a harness failure. */
    List<CableSample> of(TrialControl seen, Timeline tl, long graceNanos) {
        List<CableSample> samples = new ArrayList<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            CableGroup group = spec.groups().get(g);
            for (int i = 0; i < group.connections(); i++) {
                OutcomeLine o = seen.outcome(g, i);
                samples.add(o == null
                        ? CableSample.harnessFailure(number, spec.fault(), group, i, "the server host decided no outcome "
                        + "by the bound plus " + TimeUnit.NANOSECONDS.toSeconds(graceNanos) + " s")
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
    long arpStart(TrialControl seen, Timeline tl) {
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
                        .map(Duration::toNanos).orElse(Theory.NEVER));
        long windowProbing = tl.windowProbes.getOrDefault(WindowProbeWatch.portsKey(listener, o.remotePort()), -1L);
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
                    OptionalLong.empty(), tl.wire.unavailable(), tl.wire.unavailable());
        }
        List<CableWireFacts.ExpectedSegment> rules = RuleSchedule.of(group.mechanism(), fault, ct, o.t1()).ticks()
                .stream().map(t -> new CableWireFacts.ExpectedSegment(t, t.atNanos() - tl.t0)).toList();
        FourTuple connection = connectionOf(listener, o);
        KernelAccount kernel = tl.wire.kernel();
        List<CableWireFacts.Attempt> attempts = kernel.attemptsOf(connection).stream()
                .map(a -> new CableWireFacts.Attempt(a.monotonicNanos() - tl.t0, a.err(), a.skb())).toList();
        OptionalLong connect = sinceT0(kernel.connectOf(connection), tl);
        OptionalLong end = sinceT0(kernel.endOf(connection), tl);
        return new CableWireFacts(tl.wire.facts(connection, tl.t0), tl.wire.reportsOf(connection, tl.t0),
                tl.wire.arpRequestsFor(hosts.clientAddress(), tl.t0), rules, attempts, connect, end, kernel.unavailable(), "");
    }

    private static OptionalLong sinceT0(Optional<StateChange> change, Timeline tl) {
        return change.map(c -> OptionalLong.of(c.monotonicNanos() - tl.t0)).orElse(OptionalLong.empty());
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

    static List<CableSample> failures(int number, TrialSpec spec, String why) {
        List<CableSample> samples = new ArrayList<>();
        for (CableGroup group : spec.groups()) {
            for (int i = 0; i < group.connections(); i++) {
                samples.add(CableSample.harnessFailure(number, spec.fault(), group, i, why));
            }
        }
        return samples;
    }

    /**
     * The trial-wide instants and views that each sample is computed from; {@code arp} is null until
     * {@link #arpStart} has found where the shared resolution began ({@link #withArp}).
     */
    record Timeline(long t0, long ipReturned, long plugAt, long linkDownAt, long bound, int retries2,
                    KernelSocketView atFault, KernelSocketView atEnd, NeighbourResolution arp,
                    Map<Long, Long> windowProbes, ConnectionTimeline.ConnectRules connect,
                    Map<Integer, Integer> listeners, long icmpRateLimited, CableWire wire,
                    Optional<JiffyClock> jiffies) {

        Timeline withArp(NeighbourResolution resolution) {
            return new Timeline(t0, ipReturned, plugAt, linkDownAt, bound, retries2, atFault, atEnd, resolution,
                    windowProbes, connect, listeners, icmpRateLimited, wire, jiffies);
        }
    }
}
