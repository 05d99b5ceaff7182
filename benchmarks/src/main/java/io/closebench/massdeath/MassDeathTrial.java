package io.closebench.massdeath;

import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import io.closebench.fault.PeerReport;

import io.closebench.bench.BackgroundLoad;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.Affinity;
import io.closebench.placement.CpuPlan;
import io.closebench.placement.CpuSet;
import io.closebench.resources.ProcessSample;
import io.closebench.rig.FaultInstant;
import io.closebench.rig.Observing;
import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import io.closebench.rig.Rig;
import io.closebench.rig.Stage;
import io.closebench.rig.Watchers;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.transport.Connection;
import io.closebench.transport.SocketHome;
import io.closebench.transport.SocketSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.closebench.s1.CableTrial;
import io.closebench.s1.TrialListener;
import io.closebench.cable.CableFault;
import io.closebench.s1.CableGroup;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.TrialSpec;

/**
 * One mass death through the {@link Rig}: the server opens its observer (one loop, one per CPU, or a
 * thread per connection, as the model does), accepts N connections from the peer and watches all
 * of them; then, at t0, the peer dies (SIGKILL of the client process, or an in-process abortive
 * close of all N); every connection's t1 is recorded as it comes ({@link DetectionTimes}); the trial
 * ends when all are in or the bound has passed. {@link MassFault#HOST} is the pulled cable's trial
 * with N connections (network namespaces, root).
 *
 * <p>Never throws for what the network, the peer or the harness does: a trial that cannot run
 * returns every connection as HARNESS_FAILURE with the reason.
 */
public final class MassDeathTrial implements Observing<MassDeathResult> {

    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int UNREAD_BYTES = 1024;
    private static final int LISTENER_ADDRESSES = 8;

    private final MassDeathSpec spec;
    private final int trial;
    private final PeerHome home;
    private final DetectionTimes times;
    private Watchers stage;
    private ProcessSample before;
    private long allocatedBefore;
    private long faultAtMillis;

    private MassDeathTrial(MassDeathSpec spec, int trial, PeerHome home) {
        this.spec = spec;
        this.trial = trial;
        this.home = home;
        this.times = new DetectionTimes(spec.connections());
    }

    /** One trial from set-up to tear-down, its peers on this host. */
    public static MassDeathResult run(MassDeathSpec spec, int trial) {
        try (ThisHost here = new ThisHost()) {
            return run(spec, trial, here);
        }
    }

    /** One trial from set-up to tear-down, its peers where {@code home} puts them. */
    public static MassDeathResult run(MassDeathSpec spec, int trial, PeerHome home) {
        if (spec.fault() == MassFault.HOST) {
            return host(spec, trial, home);
        }
        Optional<String> limits = ConnectionLimits.makeRoom(spec.fault(), spec.connections() + spec.loadConnections());
        if (limits.isPresent()) {
            return MassDeathResult.failed(spec, trial, limits.get());
        }
        MassDeathTrial t = new MassDeathTrial(spec, trial, home);
        return Rig.run(t::setStage, t, System.nanoTime() + SETUP_NANOS + spec.bound().toNanos());
    }

    /**
     * A trial set up and ready for its fault ({@link #dieAndCollect()}), for a harness that times
     * the phases itself (the JMH benchmark). Close it whatever happens.
     */
    public static MassDeathTrial prepared(MassDeathSpec spec, int trial) throws Exception {
        if (!spec.fault().onLoopback()) {
            throw new IllegalArgumentException(spec.fault() + " runs on the pulled-cable machinery: use run()");
        }
        Optional<String> limits = ConnectionLimits.makeRoom(spec.fault(), spec.connections() + spec.loadConnections());
        if (limits.isPresent()) {
            throw new IllegalStateException(limits.get());
        }
        MassDeathTrial t = new MassDeathTrial(spec, trial, new ThisHost());
        try {
            t.prepare(t.setStage(), System.nanoTime() + SETUP_NANOS);
            return t;
        } catch (Exception | Error e) {
            t.close();
            throw e;
        }
    }

    /** The server's observer up, N connections accepted and watched, the peer ready to die. */
    private Watchers setStage() throws Exception {
        CpuPlan.pinCurrent(spec.plan().peer());
        long setupStart = System.nanoTime();
        MassPeer peer = home.massPeer(spec.fault());
        stage = new Watchers(peer);
        try {
            for (Optional<CpuSet> cpus : loops(spec)) {
                stage.open(spec.observer(), "massdeath-" + stage.sides().size(), cpus, SocketHome.HERE);
            }
            // a new listener, on another loopback address each trial: the dead clients' TIME_WAITs stay behind on the old
            InetSocketAddress bind = new InetSocketAddress(home.observerAddress(InetAddress.getByAddress(
                    new byte[] {127, 0, 0, (byte) (1 + trial % LISTENER_ADDRESSES)})), 0);
            long deadline = setupStart + SETUP_NANOS;
            InetSocketAddress listening = stage.listen(0, bind);
            Thread connecting = new Thread(() -> {
                try {
                    peer.connect(listening, spec.connections(), deadline);
                } catch (IOException | InterruptedException e) {
                    // the accepts below time out and say so
                }
            }, "massdeath-connect");
            connecting.start();
            List<Connection> accepted = stage.accept(0, spec.connections(), SocketSettings.NONE, deadline);
            connecting.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
            if (spec.fault() == MassFault.KILL_UNREAD) {
                ByteBuffer unread = ByteBuffer.allocate(UNREAD_BYTES);
                stage.onSide(0, () -> {
                    for (Connection c : accepted) {
                        c.write(unread.clear(), deadline);
                    }
                    return null;
                });
            }
            // round robin over the loops: connection i to loop i mod loops
            stage.watchRoundRobin(accepted, times::slot);
            if (spec.loadConnections() > 0) {
                stage.alsoClose(BackgroundLoad.start(spec.loadConnections(), stage.sides().get(0), spec.plan().loadGenerator()));
            }
            setupNanos = System.nanoTime() - setupStart;
            return stage;
        } catch (Exception | Error e) {
            stage.close();
            throw e;
        }
    }

    private long setupNanos;

    @Override
    public void prepare(Stage set, long deadline) throws InterruptedException {
        if (spec.fault() == MassFault.KILL_UNREAD) {
            // the bytes must sit in the client's receive buffers before it dies: loopback moves them at once; make sure
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public FaultInstant inject(Stage set, long deadline) throws Exception {
        before = ProcessSample.now();
        allocatedBefore = ProcessSample.allocatedBytes();
        faultAtMillis = System.currentTimeMillis();
        return FaultInstant.byHarness(set.peer().injectFault(deadline));
    }

    @Override
    public MassDeathResult await(Stage set, FaultInstant fault, long deadline) throws InterruptedException {
        long t0 = fault.t0();
        times.awaitAll(t0 + spec.bound().toNanos());
        long cpuAfter = ProcessSample.processCpuNanos();
        long allocated = allocatedBefore < 0 ? -1 : ProcessSample.allocatedBytes() - allocatedBefore;
        // a peer on another host: its t0 converted with the offset estimated now, after the fault, and its bound
        PeerReport report = set.peer().report(deadline);
        long bound = 0;
        if (report.t0Source().otherHost() && report.t0() != FaultInstant.UNKNOWN) {
            t0 = report.t0();
            bound = report.t0BoundNanos();
        }

        long[] latency = new long[spec.connections()];
        Outcome[] outcomes = new Outcome[spec.connections()];
        String[] exceptions = new String[spec.connections()];
        for (int i = 0; i < spec.connections(); i++) {
            // a converted t0 may fall after a quick t1 within its bound: causality makes that 0
            latency[i] = times.detected(i) ? Math.max(0, times.t1(i) - t0) : -1;
            outcomes[i] = times.outcome(i);
            Throwable c = times.cause(i);
            exceptions[i] = c == null ? "" : c.getClass().getSimpleName() + ": " + c.getMessage();
        }
        long peerCpu = ((MassPeer) set.peer()).cpuNanosInThisProcess();
        long serverCpu = before.cpuNanos() < 0 || cpuAfter < 0 ? -1 : cpuAfter - before.cpuNanos() - peerCpu;
        int loops = ObserverModels.of(spec.observer()).threadPerConnection() ? spec.connections() : stage.sides().size();
        long teardownStart = System.nanoTime();
        close();
        long teardown = System.nanoTime() - teardownStart;
        return new MassDeathResult(spec, trial, loops, latency, outcomes, exceptions, serverCpu, peerCpu, allocated,
                before, setupNanos, teardown, report.failure(), faultAtMillis, bound, report.rttNanos());
    }

    @Override
    public MassDeathResult failed(String why) {
        return MassDeathResult.failed(spec, trial, why);
    }

    /** The fault at t0, every connection's end collected (or the bound passed); then everything closed. */
    public MassDeathResult dieAndCollect() throws Exception {
        long deadline = System.nanoTime() + spec.bound().toNanos() + SETUP_NANOS;
        try {
            return await(stage, inject(stage, deadline), deadline);
        } finally {
            close();
        }
    }

    /** Closes the peer, the load, every watch and the observer; idempotent. */
    public void close() {
        if (stage != null) {
            stage.close();
        }
    }

    /**
     * Where the server's watching threads go: one loop (or the model's threads) on the observer's
     * CPUs; for NIO_PER_CORE one loop per CPU it may use, each on its own.
     */
    static List<Optional<CpuSet>> loops(MassDeathSpec spec) {
        if (spec.observer() != Observer.NIO_PER_CORE) {
            return List.of(spec.plan().observer());
        }
        CpuSet cpus = spec.plan().observer().orElse(Affinity.allowed());
        List<Optional<CpuSet>> loops = new ArrayList<>();
        cpus.stream().forEach(cpu -> loops.add(spec.plan().observer().isPresent() ? Optional.of(CpuSet.of(cpu)) : Optional.empty()));
        return loops;
    }

    /** The host reboots: S1's trial of a reboot (fault c) with one group of N connections, on the home's hosts. */
    private static MassDeathResult host(MassDeathSpec spec, int trial, PeerHome home) {
        Optional<String> unavailable = home.cannotPull(CableFault.HOST_REBOOTED, Map.of());
        if (unavailable.isPresent()) {
            return MassDeathResult.failed(spec, trial, "skipped: HOST needs " + unavailable.get());
        }
        long start = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        List<CableSample> samples = CableTrial.run(trial, new TrialSpec(CableFault.HOST_REBOOTED,
                List.of(new CableGroup(spec.hostMechanism().get(), spec.observer(), spec.connections()))),
                CableSettings.standard().placedBy(spec.plan()), TrialListener.NONE, home);
        int n = spec.connections();
        long[] latency = new long[n];
        Outcome[] outcomes = new Outcome[n];
        String[] exceptions = new String[n];
        for (int i = 0; i < n; i++) {
            CableSample s = samples.get(i);
            // the cable trial waits as long as its mechanism's rule needs; this trial's own bound decides what counts
            boolean late = s.reachedBound() || s.detectionNanos() > spec.bound().toNanos();
            boolean detected = s.outcome().isDetection() && !late;
            latency[i] = detected ? s.detectionNanos() : -1;
            outcomes[i] = late ? Outcome.TIMEOUT : s.outcome();
            exceptions[i] = s.exceptionMessage().isEmpty() ? s.failure() : s.exceptionClass() + ": " + s.exceptionMessage();
        }
        String failure = samples.stream().map(CableSample::failure).filter(f -> !f.isEmpty()).findFirst().orElse("");
        CableSample first = samples.get(0);
        return new MassDeathResult(spec, trial, ObserverModels.of(spec.observer()).threadPerConnection() ? n : 1, latency,
                outcomes, exceptions, -1, 0, -1, new ProcessSample(-1, -1, -1, -1),
                System.nanoTime() - start, -1, failure, startedAt, first.t0BoundNanos(), first.rttNanos());
    }
}
