package io.closebench.cli;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.Combination;
import io.closebench.cable.ConnectTimeout;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.SynRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.Theory;
import io.closebench.cable.UserTimeout;
import io.closebench.matrix.ConformanceMatrix;
import io.closebench.rig.PeerHome;
import io.closebench.rig.ThisHost;
import io.closebench.s1.CableCsv;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.settings.JavaApi;
import io.closebench.settings.Preset;
import io.closebench.settings.SettingsPlan;
import io.closebench.settings.SettingsTable;
import io.closebench.settings.TargetSolver;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code closebench settings}: how long until a server notices that its peer is gone, with the
 * user's settings, a stack's defaults ({@code --preset}), or settings chosen to meet a target
 * ({@code --detect-within}), measured on S1's faults in network namespaces against each rule.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "How long until my server notices? Runs S1's faults (idle, sending, host rebooted, peer frozen, "
                + "peer not reading, reconnect to the dead host) on network namespaces with the given settings, on every "
                + "observer named, side by side, and prints per fault the time to notice, what the program saw, the "
                + "settings' rule and the ratio. A rule longer than --max-wait is given by the rule only, with a shorter "
                + "setting of the same mechanism measured beside it. Needs root and network namespaces (without them "
                + "the rules alone are printed, exit status 2).")
final class SettingsCommand implements Callable<Integer> {

    /** The observers the settings run on when none are named: every one of these that can apply them. */
    static final List<Observer> DEFAULT_OBSERVERS = List.of(Observer.BLOCKING, Observer.NIO, Observer.NETTY_EPOLL);

    @Spec
    CommandSpec spec;

    @Option(names = "--keepalive", paramLabel = "IDLE,INTERVAL,COUNT",
            description = "TCP keepalive: idle time, probe interval (whole seconds) and probe count, e.g. 5s,1s,3.")
    String keepalive;

    @Option(names = "--user-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "TCP_USER_TIMEOUT, e.g. 4s (Netty's native transports only: NETTY_EPOLL, NETTY_IOURING).")
    Duration userTimeout;

    @Option(names = "--tcp-retries2", paramLabel = "N",
            description = "net.ipv4.tcp_retries2, 1-15, set in the server's network namespace only.")
    Integer retries2;

    @Option(names = "--tcp-syn-retries", paramLabel = "N",
            description = "net.ipv4.tcp_syn_retries, 1-127, set in the server's network namespace only.")
    Integer synRetries;

    @Option(names = {"--read-timeout", "--so-timeout"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A read deadline (SO_TIMEOUT; a selector's or Netty's timer), e.g. 30s.")
    Duration readTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A connect timeout, e.g. 3s.")
    Duration connectTimeout;

    @Option(names = "--heartbeat", paramLabel = "INTERVAL,MISSES",
            description = "An application heartbeat: a ping every INTERVAL, the peer dead after MISSES intervals without "
                    + "an answer, e.g. 1s,3.")
    String heartbeat;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A stack's defaults: jdk, linux, go, redis, grpc, node, pgjdbc, kafka, etcd, client-go (sources "
                    + "in docs/settings.md). Options given beside it replace its parts.")
    String preset;

    @Option(names = "--detect-within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Choose settings that detect every fault within DURATION (from the rules, fewest mechanisms "
                    + "first), then measure them; prints the Java API that sets each and what they cost.")
    Duration detectWithin;

    @Option(names = "--observers", split = ",", paramLabel = "MODEL",
            description = "Observers: BLOCKING, VIRTUAL, NIO, NETTY_NIO, NETTY_EPOLL, NETTY_IOURING (default: a preset's "
                    + "own; else BLOCKING, NIO and NETTY_EPOLL, those whose API can apply the settings).")
    List<Observer> observers;

    @Option(names = "--connections", defaultValue = "5", paramLabel = "N",
            description = "Connections per observer and fault, 1-20 (default: ${DEFAULT-VALUE}; at most 5 reconnects).")
    int connections = 5;

    @Option(names = "--max-wait", defaultValue = "10m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest rule that is measured (default: ${DEFAULT-VALUE}); a longer one is given by the "
                    + "rule only, marked, with a shorter setting of the same mechanism measured beside it.")
    Duration maxWait = Duration.ofMinutes(10);

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the run's folder is created (default: ${DEFAULT-VALUE}).")
    Path results = Path.of("results");

    @Override
    public Integer call() throws Exception {
        Combination settings = settings();
        List<Observer> chosen = observers(settings);
        Refusals.requireRange(spec, "--connections", connections, "", 1, 20);
        if (maxWait.toSeconds() < 1) {
            throw new ParameterException(spec.commandLine(), "--max-wait: " + ThreeFigureDuration.of(maxWait.toNanos())
                    + " is below 1 s; give 1s or more");
        }
        SettingsPlan plan = SettingsPlan.of(settings, chosen, connections, maxWait, CableSettings.standard());
        System.out.println("closebench settings: " + settings.label() + ": " + settings.settings() + " on " + chosen);
        printRules(plan);
        PeerHome probe = new ThisHost();
        Optional<String> unavailable = probe.pulledCableUnavailable();
        probe.close();
        if (unavailable.isPresent()) {
            System.err.println("closebench settings: nothing measured: the faults run on network namespaces, which need "
                    + "root and ip netns with veth (" + unavailable.get() + "); the rules above are what the settings give");
            return Refusals.STATUS;
        }
        System.out.printf("%d trials side by side (%d connections per observer), the longest bounded at %s%n",
                plan.trials().size(), connections, ThreeFigureDuration.of(plan.longestBoundNanos()));
        PathOptions.writableFolder(spec, "--results", results);
        return RunLifecycle.start(results, "settings", folder -> plan.parameters(), (folder, control) -> {
            List<CableSample> samples = new ArrayList<>();
            try (PeerHome home = new ThisHost();
                 CableCsv csv = CableCsv.create(folder.file(plan.fileName()), plan.cable().placement().placement().name())) {
                List<CableSample> rules = plan.ruleOnlyRows(plan.trials().size() + 1);
                csv.append(rules);
                control.nowDoing("settings " + settings.label());
                samples.addAll(ConformanceMatrix.pulledCable(home, plan.trials(), plan.cable(),
                        Math.max(1, plan.trials().size()), control, csv::append, System.out));
                samples.addAll(rules);
            }
            System.out.println();
            SettingsTable.print(plan, samples, System.out);
            System.out.println();
            System.out.println("summary: " + String.join(" | ", SettingsTable.summary(plan, samples).entrySet().stream()
                    .map(e -> e.getKey().letter() + " " + e.getValue()).toList()));
            System.out.println();
            System.out.println("how a Java program sets these:");
            JavaApi.lines(settings).forEach(l -> System.out.println("  " + l));
            TargetSolver.costs(settings).forEach(l -> System.out.println("  cost: " + l));
            if (detectWithin != null) {
                verdict(plan, samples);
            }
            System.out.println("every sample: " + folder.file(plan.fileName()));
        });
    }

    /** The settings asked about: a target's, a preset's (with any part replaced), or the options'. */
    Combination settings() {
        if (detectWithin != null) {
            if (preset != null || anyPart()) {
                throw new ParameterException(spec.commandLine(), "--detect-within chooses the settings itself: give it "
                        + "alone, without --preset or the settings options");
            }
            TargetSolver.refusal(detectWithin).ifPresent(why -> {
                throw new ParameterException(spec.commandLine(), "--detect-within: " + why);
            });
            Combination solved = TargetSolver.solve(detectWithin, "within-" + slug(detectWithin));
            System.out.println("--detect-within " + ThreeFigureDuration.of(detectWithin.toNanos()) + ": from the rules");
            TargetSolver.reasons(solved, detectWithin).forEach(l -> System.out.println("  " + l));
            return solved;
        }
        Combination c = Combination.nothing("settings");
        if (preset != null) {
            c = Preset.byId(preset).orElseThrow(() -> new ParameterException(spec.commandLine(), "--preset: unknown '"
                    + preset + "'; give one of " + String.join(", ", Preset.ids()))).settings();
        }
        if (keepalive != null) {
            c = c.withKeepalive(keepaliveOption());
        }
        if (userTimeout != null) {
            requirePositive("--user-timeout", userTimeout, "0 means the system's default: leave the option out");
            c = c.withUserTimeout(new UserTimeout(userTimeout.toMillis()));
        }
        if (retries2 != null) {
            Refusals.requireRange(spec, "--tcp-retries2", retries2, "", 1, 15);
            c = c.withRetries2(new ShortRetries(retries2));
        }
        if (synRetries != null) {
            Refusals.requireRange(spec, "--tcp-syn-retries", synRetries, "", 1, 127);
            c = c.withSynRetries(new SynRetries(synRetries));
        }
        if (readTimeout != null) {
            requirePositive("--read-timeout", readTimeout, "0 means no timeout: leave the option out");
            c = c.withReadDeadline(new ReadDeadline(readTimeout.toMillis()));
        }
        if (connectTimeout != null) {
            requirePositive("--connect-timeout", connectTimeout, "0 means no timeout: leave the option out");
            c = c.withConnectTimeout(new ConnectTimeout(connectTimeout.toMillis()));
        }
        if (heartbeat != null) {
            c = c.withHeartbeat(heartbeatOption());
        }
        return preset != null && anyPart() ? c.named(c.label() + "-modified") : c;
    }

    private boolean anyPart() {
        return keepalive != null || userTimeout != null || retries2 != null || synRetries != null || readTimeout != null
                || connectTimeout != null || heartbeat != null;
    }

    private TcpKeepalive keepaliveOption() {
        String[] p = keepalive.split(",");
        if (p.length != 3) {
            throw new ParameterException(spec.commandLine(), "--keepalive: '" + keepalive + "' is not IDLE,INTERVAL,COUNT "
                    + "(e.g. 5s,1s,3)");
        }
        long idle = wholeSeconds("--keepalive idle", p[0]);
        long interval = wholeSeconds("--keepalive interval", p[1]);
        int count = count("--keepalive count", p[2], "the kernel would abort at the first unanswered probe's timer "
                + "without waiting for it; give 1 or more");
        if (idle > 32767 || interval > 32767 || count > 127) {
            throw new ParameterException(spec.commandLine(), "--keepalive: the kernel takes idle and interval up to 32767 s "
                    + "and a count up to 127; got " + keepalive);
        }
        return new TcpKeepalive((int) idle, (int) interval, count);
    }

    private AppHeartbeat heartbeatOption() {
        String[] p = heartbeat.split(",");
        if (p.length != 2) {
            throw new ParameterException(spec.commandLine(), "--heartbeat: '" + heartbeat + "' is not INTERVAL,MISSES "
                    + "(e.g. 1s,3)");
        }
        Duration interval = duration("--heartbeat interval", p[0]);
        if (interval.toMillis() < 10) {
            throw new ParameterException(spec.commandLine(), "--heartbeat: an interval of "
                    + ThreeFigureDuration.of(interval.toNanos()) + " is below 10 ms; give 10ms or more");
        }
        int misses = count("--heartbeat misses", p[1], "the peer would be dead before its first answer could come; give 1 "
                + "or more");
        return new AppHeartbeat(interval.toMillis(), misses);
    }

    private long wholeSeconds(String what, String text) {
        Duration d = duration(what, text);
        if (d.toMillis() % 1000 != 0 || d.toSeconds() < 1) {
            throw new ParameterException(spec.commandLine(), what + ": " + text.trim() + " is not a whole number of seconds "
                    + "of at least 1 (the kernel's keepalive timers count in seconds)");
        }
        return d.toSeconds();
    }

    private Duration duration(String what, String text) {
        try {
            return new DurationConverter().convert(text);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage());
        }
    }

    private int count(String what, String text, String whyNotZero) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), what + ": '" + text.trim() + "' is not a whole number");
        }
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), what + ": " + (n < 0 ? n + " is negative" : "0") + ": "
                    + whyNotZero);
        }
        return n;
    }

    private void requirePositive(String option, Duration d, String whyNotZero) {
        if (d.toMillis() < 1) {
            throw new ParameterException(spec.commandLine(), option + ": " + ThreeFigureDuration.of(d.toNanos()) + ": "
                    + whyNotZero);
        }
    }

    /** The observers named, each able to apply every part; or the defaults that can. */
    List<Observer> observers(Combination settings) {
        if (observers == null || observers.isEmpty()) {
            if (preset != null && detectWithin == null) {
                Observer own = Preset.byId(preset).orElseThrow().observer();
                if (settings.observers().contains(own)) {
                    return List.of(own);
                }
            }
            List<Observer> able = DEFAULT_OBSERVERS.stream().filter(settings.observers()::contains)
                    .filter(o -> ObserverModels.unavailableReason(o).isEmpty()).toList();
            if (able.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no observer of " + DEFAULT_OBSERVERS + " can apply "
                        + settings.settings() + " here (TCP_USER_TIMEOUT needs Netty's epoll or io_uring transport); "
                        + "name one with --observers");
            }
            return able;
        }
        for (Observer o : observers) {
            if (!ObserverModels.singleConnection().contains(o)) {
                throw new ParameterException(spec.commandLine(), "--observers: " + o + " does not watch single connections "
                        + "here; give some of " + ObserverModels.singleConnection());
            }
            ObserverModels.unavailableReason(o).ifPresent(why -> {
                throw new ParameterException(spec.commandLine(), "--observers: " + o + " cannot run here: " + why);
            });
            if (!settings.observers().contains(o)) {
                throw new ParameterException(spec.commandLine(), "--observers: " + o + " cannot apply "
                        + settings.settings() + ": its API cannot set TCP_USER_TIMEOUT (the JDK has no option for it); "
                        + "give NETTY_EPOLL or NETTY_IOURING, or a heartbeat instead of the user timeout");
            }
        }
        return List.copyOf(observers);
    }

    /** What the rules give per fault, before anything runs (and all there is without namespaces). */
    private static void printRules(SettingsPlan plan) {
        AlignedTable t = new AlignedTable("fault", "the settings' rule", "here");
        for (SettingsPlan.FaultPlan f : plan.faults()) {
            String rule = f.nominalNanos() == Theory.NEVER ? "never" : ThreeFigureDuration.of(f.nominalNanos());
            String here = switch (f.treatment()) {
                case MEASURED -> "measured";
                case NEVER -> "measured until the quiet bound, to show nothing comes";
                case RULE_ONLY -> "rule only (beyond --max-wait " + ThreeFigureDuration.of(plan.maxWait().toNanos()) + ")"
                        + f.standIn().map(s -> "; measured instead: " + s.label() + " " + s.settings()).orElse("");
            };
            t.row(SettingsTable.label(f.fault()), rule, here);
        }
        System.out.print(t.plainText());
        System.out.println("(rule: after the fault, or for g after the wait before the connect; the table after the run "
                + "counts each from the instant its rule names)");
    }

    /** For --detect-within: every fault's slowest connection against the target. */
    private void verdict(SettingsPlan plan, List<CableSample> samples) throws RunLifecycle.JobFailed {
        long target = detectWithin.toNanos();
        List<String> missed = new ArrayList<>();
        for (CableFault f : SettingsPlan.FAULTS) {
            List<CableSample> own = samples.stream().filter(s -> s.fault() == f && s.mechanism().equals(plan.settings()))
                    .toList();
            long worst = own.stream().mapToLong(s -> f.reconnects() ? s.sinceReferenceNanos() : s.detectionNanos())
                    .max().orElse(Long.MAX_VALUE);
            boolean ok = !own.isEmpty() && own.stream().noneMatch(s -> s.reachedBound() || s.ruleOnly()
                    || s.failure().length() > 0) && worst <= target;
            System.out.println("  " + SettingsTable.label(f) + ": slowest " + ThreeFigureDuration.of(worst)
                    + (ok ? " <= " : " > ") + ThreeFigureDuration.of(target) + (ok ? "  within" : "  MISSED"));
            if (!ok) {
                missed.add(f.letter());
            }
        }
        if (!missed.isEmpty()) {
            throw new RunLifecycle.JobFailed("--detect-within " + ThreeFigureDuration.of(target) + ": the chosen settings "
                    + "missed the target in fault " + String.join(", ", missed) + " (measured above)");
        }
        System.out.println("every fault detected within " + ThreeFigureDuration.of(target) + ", measured");
    }

    private static String slug(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
