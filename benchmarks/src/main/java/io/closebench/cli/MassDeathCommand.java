package io.closebench.cli;

import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.CableFault;
import io.closebench.cable.Mechanism;
import io.closebench.massdeath.ConnectionLimits;
import io.closebench.massdeath.MassDeathLog;
import io.closebench.schema.row.MassDeathTrialRecord;
import io.closebench.massdeath.MassDeathResult;
import io.closebench.massdeath.MassDeathSpec;
import io.closebench.analysis.report.MassDeathView;
import io.closebench.massdeath.MassDeathTrial;
import io.closebench.fault.MassFault;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.results.ResultsFolder;
import io.closebench.rig.RunControl;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.massdeath.MassDeathPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code closebench mass-death}: N peers die at once; how long until the server knows of every one. */
@Command(name = "mass-death", mixinStandardHelpOptions = true,
        description = {"N connections to one server, all their peers dead at once (a client process killed, an "
                + "in-process abortive close of all N, a host that reboots): how long until each observer model knew of "
                + "every dead peer, and what it cost the server. Prints the table; writes every trial and every "
                + "connection as CSV, and the detections as HdrHistogram logs, into a new folder under --results.",
                "N beyond this machine's file descriptor or port limits is refused with the limit, the need and how to "
                        + "raise it (exit status 2)."})
final class MassDeathCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--connections", split = ",", paramLabel = "N", defaultValue = "1,10,100,1000",
            description = "How many connections die at once, e.g. 1,100,1000,10000 (default: ${DEFAULT-VALUE}).")
    List<Integer> connections = new ArrayList<>(List.of(1, 10, 100, 1000));

    @Option(names = "--observers", split = ",", paramLabel = "MODEL",
            description = "Observers: BLOCKING, VIRTUAL, NIO, NIO_PER_CORE, NETTY_NIO, NETTY_EPOLL, NETTY_IOURING "
                    + "(default: all; one that cannot run here is skipped with the reason).")
    List<Observer> observers = new ArrayList<>(java.util.stream.Stream.concat(ObserverModels.singleConnection().stream(),
            java.util.stream.Stream.of(Observer.NIO_PER_CORE)).toList());

    @Option(names = "--faults", split = ",", paramLabel = "FAULT",
            description = "KILL, KILL_UNREAD, ABORT, HOST (default: KILL,KILL_UNREAD,ABORT; HOST needs root and network "
                    + "namespaces).")
    List<MassFault> faults = new ArrayList<>(List.of(MassFault.KILL, MassFault.KILL_UNREAD, MassFault.ABORT));

    @Option(names = "--trials", defaultValue = "3", paramLabel = "N",
            description = "Trials per combination, for intervals over repeated trials (default: ${DEFAULT-VALUE}).")
    int trials = 3;

    @Option(names = "--warmup-trials", defaultValue = "1", paramLabel = "N",
            description = "Trials per combination run first and not recorded: class loading and the JIT's first "
                    + "compilations stay out of the figures (default: ${DEFAULT-VALUE}).")
    int warmupTrials = 1;

    @Option(names = "--placement", defaultValue = "OS", paramLabel = "PLACEMENT",
            description = "OS (default: the server's threads and the peer wherever the scheduler puts them), SAME_CPU, "
                    + "CROSS_CPU (the server on one CPU, the peer on another).")
    Placement placement = Placement.OS;

    @Option(names = "--load", defaultValue = "0", paramLabel = "N",
            description = "Background connections streaming through the same observer meanwhile (default: ${DEFAULT-VALUE}).")
    int load;

    @Option(names = "--host-mechanisms", split = ",", paramLabel = "TOKEN", defaultValue = "KEEPALIVE:2:1:3,HEARTBEAT:500:3",
            description = "For HOST: how the server finds out, as the cable cases write it (default: ${DEFAULT-VALUE}).")
    List<String> hostMechanisms = new ArrayList<>(List.of("KEEPALIVE:2:1:3", "HEARTBEAT:500:3"));

    @Option(names = "--host-connections", split = ",", paramLabel = "N",
            description = "For HOST: the N to run, if not --connections' (each HOST trial builds two hosts in network "
                    + "namespaces and waits for the mechanism: seconds, not milliseconds).")
    List<Integer> hostConnections;

    @Option(names = "--bound", defaultValue = "10", paramLabel = "SECONDS",
            description = "After t0, how long a connection may take before it counts as undetected (default: "
                    + "${DEFAULT-VALUE}).")
    int boundSeconds = 10;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @picocli.CommandLine.Mixin
    PeerOptions peerOptions = new PeerOptions();

    /** Where the peers live: set by {@link #call()} from --peer; this host for the main job. */
    private PeerHome home;

    /** The main job's mass deaths: the profile's N, faults and trials, the rest on their defaults. */
    void apply(MassDeathPlan profile) {
        connections = new ArrayList<>(profile.connections());
        if (!profile.hostConnections().isEmpty()) {
            hostConnections = new ArrayList<>(profile.hostConnections());
        }
        if (!profile.hostMechanisms().isEmpty()) {
            hostMechanisms = new ArrayList<>(profile.hostMechanisms());
        }
        faults = new ArrayList<>(profile.faults());
        trials = profile.trials();
        warmupTrials = profile.warmupTrials();
    }

    @Override
    public Integer call() throws Exception {
        List<MassDeathSpec> plan = plan();
        PathOptions.writableFolder(spec, "--results", results);
        home = peerOptions.home(spec);
        try {
            return RunLifecycle.start(results, "mass-death", folder -> parameters(plan),
                    (folder, control) -> runInto(plan, folder, control));
        } finally {
            home.close();
        }
    }

    /** The combinations to run; bad input (and an N beyond this machine's limits) is exit status 2. */
    List<MassDeathSpec> plan() {
        Refusals.requireRange(spec, "--connections", connections, "", 1, 100_000);
        if (hostConnections != null) {
            Refusals.requireRange(spec, "--host-connections", hostConnections, "", 1, 10_000);
        }
        Refusals.requireRange(spec, "--trials", trials, "", 1, 100);
        Refusals.requireRange(spec, "--warmup-trials", warmupTrials, "", 0, 10);
        Refusals.requireRange(spec, "--bound", boundSeconds, "s", 1, 3600);
        Refusals.requireRange(spec, "--load", load, "", 0, 10_000);
        CpuPlan.unavailableReason(placement).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), "--placement " + placement + " cannot run here: " + why);
        });
        // asked for by name, a combination beyond this machine's limits is refused; among the defaults, it is skipped with the reason
        boolean named = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--faults")
                && spec.commandLine().getParseResult().hasMatchedOption("--connections");
        if (named) {
            int largest = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
            for (MassFault f : faults) {
                if (f.onLoopback()) {
                    ConnectionLimits.makeRoom(f, largest + load).ifPresent(why -> {
                        throw new ParameterException(spec.commandLine(), why);
                    });
                }
            }
        }
        List<Mechanism> mechanisms = new ArrayList<>();
        for (String token : hostMechanisms) {
            try {
                mechanisms.add(Mechanism.decode(token));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--host-mechanisms: " + e.getMessage());
            }
        }
        CpuPlan cpus = CpuPlan.of(placement);
        List<MassDeathSpec> plan = new ArrayList<>();
        for (MassFault f : faults) {
            for (int n : f == MassFault.HOST && hostConnections != null ? hostConnections : connections) {
                for (Observer o : observers) {
                    for (Optional<Mechanism> m : f == MassFault.HOST ? mechanisms.stream().map(Optional::of).toList()
                            : List.<Optional<Mechanism>>of(Optional.empty())) {
                        if (m.isPresent() && !m.get().observers().contains(o == Observer.NIO_PER_CORE ? Observer.NIO : o)) {
                            continue;
                        }
                        if (f == MassFault.HOST && o == Observer.NIO_PER_CORE) {
                            continue; // the cable's server host runs one loop per group
                        }
                        plan.add(new MassDeathSpec(f, o, n, cpus, load, Duration.ofSeconds(boundSeconds), m));
                    }
                }
            }
        }
        return plan;
    }

    Map<String, String> parameters(List<MassDeathSpec> plan) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("massdeath.connections", connections.toString());
        p.put("massdeath.observers", observers.toString());
        p.put("massdeath.faults", faults.toString());
        p.put("massdeath.trials", String.valueOf(trials));
        p.put("massdeath.warmup_trials", warmupTrials + " per combination, not recorded");
        p.put("massdeath.placement", placement + ": " + CpuPlan.of(placement).describe());
        p.put("massdeath.load_connections", String.valueOf(load));
        p.put("massdeath.bound_seconds", String.valueOf(boundSeconds));
        p.put("massdeath.host_mechanisms", hostMechanisms.toString());
        p.put("massdeath.host_connections", String.valueOf(hostConnections == null ? connections : hostConnections));
        p.put("massdeath.combinations", String.valueOf(plan.size()));
        p.put("massdeath.peer_home", home().describe());
        p.putAll(PeerOptions.metadata(home()));
        return p;
    }

    void runInto(List<MassDeathSpec> plan, ResultsFolder folder, RunControl control) throws Exception {
        System.out.printf("closebench mass-death: %d combinations x %d trials, placement %s -> %s%n", plan.size(), trials,
                placement, folder.dir());
        List<MassDeathTrialRecord> written;
        String parameters = placement + "-load" + load;
        PeerHome home = home();
        try (MassDeathLog log = new MassDeathLog(folder.dir(), parameters, home.place())) {
            for (MassDeathSpec s : plan) {
                if (home.lost().isPresent()) {
                    break;
                }
                Optional<String> skipped = skipReason(s, home);
                if (skipped.isPresent()) {
                    log.append(MassDeathResult.failedWith(s, 1, MassDeathTrialRecord.SKIPPED + " " + skipped.get()));
                    continue;
                }
                for (int w = 0; w < warmupTrials && !control.stopRequested(); w++) {
                    control.nowDoing("mass-death " + s.describe() + " warm-up");
                    MassDeathTrial.run(s, 0, home);
                }
                for (int t = 1; t <= trials && !control.stopRequested() && home.lost().isEmpty(); t++) {
                    control.nowDoing("mass-death " + s.describe() + " trial " + t);
                    long start = System.nanoTime();
                    MassDeathResult r = MassDeathTrial.run(s, t, home);
                    log.append(r);
                    control.repetitionDone();
                    System.out.printf("  %-48s trial %d: %s detected, all in %s  (%.1f s)%s%n", s.describe(), t,
                            r.detected() + "/" + s.connections(), ThreeFigureDuration.of(r.lastNanos()),
                            (System.nanoTime() - start) / 1e9, r.failure().isEmpty() ? "" : "  " + r.failure());
                }
                if (control.stopRequested()) {
                    break;
                }
            }
            written = log.trials();
        }
        System.out.println();
        System.out.print(MassDeathView.plainText(written));
        System.out.println(MassDeathView.LEGEND);
        if (home.lost().isPresent()) {
            throw new RunLifecycle.JobFailed("the peer's home was lost during the run, which stopped there: "
                    + home.lost().get());
        }
    }

    /** The home --peer named, or this host (the main job's mass deaths), made the first time it is asked for. */
    private synchronized PeerHome home() {
        if (home == null) {
            home = new ThisHost();
        }
        return home;
    }

    private static Optional<String> skipReason(MassDeathSpec s, PeerHome home) {
        Optional<String> model = ObserverModels.onlyInTheMatrix(s.observer()).or(() -> ObserverModels.unavailableReason(s.observer()));
        if (model.isPresent()) {
            return model;
        }
        if (s.fault().onLoopback()) {
            Optional<String> limits = ConnectionLimits.makeRoom(s.fault(), s.connections() + s.loadConnections());
            if (limits.isPresent()) {
                return limits;
            }
        }
        if (s.fault() == MassFault.HOST) {
            return home.cannotPull(CableFault.HOST_REBOOTED, Map.of()).map(why -> "HOST needs " + why);
        }
        return Optional.empty();
    }
}
