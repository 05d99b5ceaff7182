package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.ConnectTimeout;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.KeepaliveWithUserTimeout;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.Mechanism;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.SynRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;
import io.closebench.cable.Workload;

import io.closebench.schema.Observer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the matrix runs for the pulled cable: every fault with every mechanism that says something
 * about it, each mechanism with every observer its API allows, in as few trials as can be run
 * without one group's traffic changing another's outcome.
 *
 * <p>Grouping rule: connections of one trial share the server's namespace, so they share its
 * sysctls and its one ARP entry for the client. Mechanisms that send nothing while the peer is
 * gone (defaults and {@code TCP_USER_TIMEOUT} on an idle connection, a read deadline until it
 * fires) cannot disturb anyone and share a trial; so can heartbeats, whose verdict is the
 * application's. Every kernel mechanism that sends (keepalive probes, retransmissions) gets a trial
 * of its own, because the first segment that needs the client's address starts an ARP resolution
 * whose failure (after 3 s) raises EHOSTUNREACH on every socket waiting for it. A frozen peer loses
 * nothing, so the whole of fault (e) is one trial.
 *
 * <p>The retransmission trials stay small as well: a user timeout of 3 s ends at the very moment
 * the trial's ARP resolution fails (3 s after the first send), and with three times the
 * connections streaming into that resolution the failure's ICMP comes first more often; its RFC
 * 6069 revert re-arms the retransmission timer without the user-timeout clamp, and the abort
 * slips to the next tick (measured: 1.07 to 1.14 times the rule instead of 1.01). So keepalive
 * with a user timeout gets a trial of its own in (b).
 *
 * <p>A peer that stopped reading (f) loses no cable: nothing shares an ARP entry, so the whole
 * fault is one trial. The reconnects to a dead host (g) all start at the same instant, so their
 * SYNs share one resolution: each connect's SYN waits in that entry's queue (its retransmissions
 * are held back while it does), and when the resolution fails the kernel reports each waiting SYN
 * with a local host-unreachable ICMP, which aborts its connect. Those ICMPs pass the namespace's
 * global ICMP limit ({@code net.ipv4.icmp_msgs_burst}, 50): past it they are dropped, counted in
 * {@code OutRateLimitGlobal} ({@link IcmpRateLimitCount}), and their connects fail a whole
 * resolution later (measured with plain non-blocking connects: 60 at once, 10 late and 10 dropped;
 * 90, 3 and 3; 120, 60 and 76; 40, none). That is not all: 90 at once from the JVM, 30 of them
 * Netty NIO, left all 30 Netty connects and 11 others late with 12 dropped; and CI once saw late
 * connects among 36. So g gets at most
 * {@value #RECONNECTS_PER_GROUP} connects per group and two trials. With the address pinned (g'),
 * nothing waits for ARP.
 *
 * <p>Every observer model runs every mechanism its API can apply. The standard settings are short,
 * so that the matrix adds about two minutes: keepalive
 * 2 s + 1 s x 3, {@code tcp_retries2} 3 and 5, a 2 s read deadline, heartbeats every 250 ms, 500 ms
 * and 1 s (dead after 3 missed), {@code TCP_USER_TIMEOUT} 3 s, keepalive 2 s + 1 s x 3 with a user
 * timeout of 3 s and of 10 s (which disagree with its 5 s), for a connect a 1 s connect timeout, a
 * 2 s user timeout and {@code tcp_syn_retries} 2 (the default, 6, takes 131 s: only in the long
 * variants), 10 s to show silence, the cable out for 1 s when it comes back.
 *
 * @param settings    run-wide knobs
 * @param connections connections per group
 * @param trials      the trials, in table order
 * @param parameters  every setting, for the metadata and the file name
 */
public record CablePlan(CableSettings settings, int connections, List<TrialSpec> trials, Map<String, String> parameters) {

    public static final TcpKeepalive KEEPALIVE = new TcpKeepalive(2, 1, 3);
    public static final ShortRetries RETRIES_3 = new ShortRetries(3);
    public static final ShortRetries RETRIES_5 = new ShortRetries(5);
    public static final ReadDeadline READ_DEADLINE = new ReadDeadline(2000);
    public static final AppHeartbeat HEARTBEAT_250 = new AppHeartbeat(250, 3);
    public static final AppHeartbeat HEARTBEAT_500 = new AppHeartbeat(500, 3);
    public static final AppHeartbeat HEARTBEAT_1000 = new AppHeartbeat(1000, 3);
    public static final UserTimeout USER_TIMEOUT = new UserTimeout(3000);
    public static final KernelDefaults DEFAULTS = new KernelDefaults();
    /** Keepalive 5 s, user timeout 3 s: the user timeout is the shorter. */
    public static final KeepaliveWithUserTimeout KEEPALIVE_USER_TIMEOUT_SHORTER =
            new KeepaliveWithUserTimeout(KEEPALIVE, USER_TIMEOUT);
    /** Keepalive 5 s, user timeout 10 s: the user timeout is the longer. */
    public static final KeepaliveWithUserTimeout KEEPALIVE_USER_TIMEOUT_LONGER =
            new KeepaliveWithUserTimeout(KEEPALIVE, new UserTimeout(10_000));
    public static final ConnectTimeout CONNECT_TIMEOUT = new ConnectTimeout(1000);
    /** For a connect: shorter than the 3 s an ARP resolution takes to fail, so that it shows. */
    public static final UserTimeout CONNECT_USER_TIMEOUT = new UserTimeout(2000);
    public static final SynRetries SYN_RETRIES = new SynRetries(2);
    /** Connects per group in fault g: they all wait in one ARP entry's queue. */
    public static final int RECONNECTS_PER_GROUP = 5;
    /** How long a long variant may wait: the default SYN schedule (131 s) plus the timers' slack. */
    static final long LONG_BOUND_NANOS = 240_000_000_000L;
    /** How long the kernel's own abort may take: its model's 924.6 s, plus a quarter, plus slack. */
    static final long KERNEL_ABORT_BOUND_NANOS = 1_300_000_000_000L;

    public CablePlan {
        trials = List.copyOf(trials);
        parameters = Map.copyOf(parameters);
    }

    /**
     * The matrix's plan: every mechanism with every selected observer whose API can apply it
     * ({@link Mechanism#observers()}: TCP_USER_TIMEOUT only on Netty's native transports).
     */
    public static CablePlan standard(CableSettings settings, int connections, Set<Observer> observers) {
        return standard(settings, connections, observers, false);
    }

    /**
     * As {@link #standard(CableSettings, int, Set)}; {@code longVariants} adds what takes minutes:
     * a reconnect with the kernel's default SYN schedule (131 s on this kernel).
     */
    public static CablePlan standard(CableSettings settings, int connections, Set<Observer> observers,
                                     boolean longVariants) {
        return standard(settings, connections, observers, longVariants, false);
    }

    /**
     * As {@link #standard(CableSettings, int, Set, boolean)}; {@code untilKernelAborts} adds the
     * note's S1 as it is most often quoted: data in flight to a dead host and nothing set, until the
     * kernel itself gives up (tcp_retries2 15: about 924.6 s by its own model), keepalive beside it
     * (it waits while data is unacknowledged); it replaces b's 10 s trial of the two, and the other
     * b trials (TCP_USER_TIMEOUT, the heartbeat, short retries) stand beside it in the table. It
     * takes about 16 minutes.
     */
    public static CablePlan standard(CableSettings settings, int connections, Set<Observer> observers,
                                     boolean longVariants, boolean untilKernelAborts) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection per group, got " + connections);
        }
        List<Observer> selected = observers.stream().filter(o -> o != Observer.NIO_PER_CORE).sorted().toList();
        Builder b = new Builder(connections, selected);
        b.trial(CableFault.PULLED_IDLE).add(DEFAULTS).add(READ_DEADLINE).add(USER_TIMEOUT);
        b.trial(CableFault.PULLED_IDLE).add(KEEPALIVE).add(KEEPALIVE_USER_TIMEOUT_SHORTER).add(KEEPALIVE_USER_TIMEOUT_LONGER);
        b.trial(CableFault.PULLED_IDLE).add(HEARTBEAT_250).add(HEARTBEAT_500).add(HEARTBEAT_1000);
        if (!untilKernelAborts) {
            b.trial(CableFault.PULLED_SENDING).add(DEFAULTS).add(KEEPALIVE); // else below: waited for until the kernel aborts
        }
        b.trial(CableFault.PULLED_SENDING).add(RETRIES_3);
        b.trial(CableFault.PULLED_SENDING).add(RETRIES_5);
        b.trial(CableFault.PULLED_SENDING).add(USER_TIMEOUT);
        b.trial(CableFault.PULLED_SENDING).add(KEEPALIVE_USER_TIMEOUT_SHORTER).add(KEEPALIVE_USER_TIMEOUT_LONGER);
        b.trial(CableFault.PULLED_SENDING).add(HEARTBEAT_500);
        b.trial(CableFault.HOST_REBOOTED).add(DEFAULTS).add(HEARTBEAT_1000);
        b.trial(CableFault.HOST_REBOOTED).add(KEEPALIVE);
        b.trial(CableFault.KILLED_REPLUGGED).add(DEFAULTS).add(HEARTBEAT_1000);
        b.trial(CableFault.REPLUGGED).add(DEFAULTS);
        b.trial(CableFault.REPLUGGED).add(HEARTBEAT_250).add(HEARTBEAT_1000);
        b.trial(CableFault.REPLUGGED).add(USER_TIMEOUT);
        b.trial(CableFault.PEER_FROZEN).add(DEFAULTS).add(KEEPALIVE).add(READ_DEADLINE).add(HEARTBEAT_500).add(USER_TIMEOUT);
        b.trial(CableFault.PEER_NOT_READING).add(DEFAULTS).add(KEEPALIVE).add(READ_DEADLINE).add(HEARTBEAT_500)
                .add(USER_TIMEOUT).add(KEEPALIVE_USER_TIMEOUT_SHORTER);
        int reconnects = Math.min(connections, RECONNECTS_PER_GROUP);
        b.trial(CableFault.RECONNECT, reconnects).add(DEFAULTS);
        b.trial(CableFault.RECONNECT, reconnects).add(CONNECT_TIMEOUT).add(CONNECT_USER_TIMEOUT);
        b.trial(CableFault.RECONNECT_KNOWN_ADDRESS).add(SYN_RETRIES);
        b.trial(CableFault.RECONNECT_KNOWN_ADDRESS).add(CONNECT_TIMEOUT).add(CONNECT_USER_TIMEOUT);
        if (longVariants) {
            b.trial(CableFault.RECONNECT_KNOWN_ADDRESS, connections, LONG_BOUND_NANOS).add(DEFAULTS);
        }
        if (untilKernelAborts) {
            // the same two as the 10 s trial above, which it replaces; TCP_USER_TIMEOUT and the heartbeat have their b trials
            b.trial(CableFault.PULLED_SENDING, connections, KERNEL_ABORT_BOUND_NANOS).add(DEFAULTS).add(KEEPALIVE);
        }

        Map<String, String> p = new LinkedHashMap<>();
        p.put("cable.connections_per_group", String.valueOf(connections));
        p.put("cable.observers", selected.toString());
        p.put("cable.placement", settings.placement().placement() + ": " + settings.placement().describe());
        p.put("cable.quiet_bound_ms", String.valueOf(settings.quietBound().toMillis()));
        p.put("cable.settle_ms", String.valueOf(settings.settle().toMillis()));
        p.put("cable.downtime_ms", String.valueOf(settings.downtime().toMillis()));
        p.put("cable.keepalive", KEEPALIVE.settings());
        p.put("cable.tcp_retries2", RETRIES_3.retries() + "," + RETRIES_5.retries());
        p.put("cable.read_deadline_ms", String.valueOf(READ_DEADLINE.millis()));
        p.put("cable.heartbeat_ms", HEARTBEAT_250.intervalMillis() + "," + HEARTBEAT_500.intervalMillis() + ","
                + HEARTBEAT_1000.intervalMillis() + " x" + HEARTBEAT_250.misses());
        p.put("cable.tcp_user_timeout_ms", String.valueOf(USER_TIMEOUT.millis()));
        p.put("cable.keepalive_with_user_timeout", KEEPALIVE_USER_TIMEOUT_SHORTER.settings() + "; "
                + KEEPALIVE_USER_TIMEOUT_LONGER.settings());
        p.put("cable.connect_timeout_ms", String.valueOf(CONNECT_TIMEOUT.millis()));
        p.put("cable.connect_tcp_user_timeout_ms", String.valueOf(CONNECT_USER_TIMEOUT.millis()));
        p.put("cable.tcp_syn_retries", SYN_RETRIES.retries() + (longVariants ? ",default" : ""));
        p.put("cable.reconnects_per_group", reconnects + " (g), " + connections + " (g')");
        p.put("cable.reconnect_after_ms", String.valueOf(Workload.RECONNECT_AFTER.toMillis()));
        p.put("cable.not_reading_rcvbuf", String.valueOf(CableFault.NOT_READING_RECEIVE_BUFFER));
        p.put("cable.long_variants", String.valueOf(longVariants));
        p.put("cable.until_kernel_aborts", String.valueOf(untilKernelAborts));
        return new CablePlan(settings, connections, b.trials, p);
    }

    /**
     * The same plan with only the trials of {@code faults} (S1's variants a run names: "S1b" runs b's
     * trials alone); the plan itself when every fault is named.
     */
    public CablePlan only(java.util.Collection<CableFault> faults) {
        if (faults.containsAll(java.util.EnumSet.allOf(CableFault.class))) {
            return this;
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("cable.faults", faults.stream().map(CableFault::scenarioId).toList().toString());
        return new CablePlan(settings, connections, trials.stream().filter(t -> faults.contains(t.fault())).toList(), p);
    }

    /**
     * The same plan without the trials {@code cannotRun} refuses (a peer's home that cannot set the
     * server's sysctls, or lacks the fault's topology); each refusal is kept in the parameters
     * ({@code cable.not_run}), with its reason, never left out silently.
     */
    public CablePlan playableBy(java.util.function.Function<TrialSpec, java.util.Optional<String>> cannotRun) {
        List<TrialSpec> kept = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (TrialSpec t : trials) {
            java.util.Optional<String> why = cannotRun.apply(t);
            if (why.isPresent()) {
                refused.merge(why.get(), t.describe(), (a, b) -> a + ", " + b);
            } else {
                kept.add(t);
            }
        }
        if (refused.isEmpty()) {
            return this;
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("cable.not_run", String.join("; ", refused.entrySet().stream().map(e -> e.getValue() + ": " + e.getKey())
                .toList()));
        return new CablePlan(settings, connections, kept, p);
    }

    /** Every parameter of the run in a file name: {@code cable-c20-quiet10s-...csv}. */
    public String fileName() {
        return "cable-c" + connections + "-quiet" + settings.quietBound().toSeconds() + "s-settle"
                + settings.settle().toMillis() + "ms-down" + settings.downtime().toMillis() + "ms-keepalive"
                + KEEPALIVE.idleSeconds() + "+" + KEEPALIVE.intervalSeconds() + "x" + KEEPALIVE.count() + "-retries"
                + RETRIES_3.retries() + "," + RETRIES_5.retries() + "-deadline" + READ_DEADLINE.millis() + "ms-heartbeat"
                + HEARTBEAT_250.intervalMillis() + "," + HEARTBEAT_500.intervalMillis() + "," + HEARTBEAT_1000.intervalMillis()
                + "msx" + HEARTBEAT_250.misses() + "-usertimeout" + USER_TIMEOUT.millis() + ","
                + KEEPALIVE_USER_TIMEOUT_LONGER.userTimeout().millis() + "ms-connect" + CONNECT_TIMEOUT.millis() + "ms,ut"
                + CONNECT_USER_TIMEOUT.millis() + "ms,syn" + SYN_RETRIES.retries() + ".csv";
    }

    /** Collects trials group by group. */
    private static final class Builder {
        final int connections;
        final List<Observer> observers;
        final List<TrialSpec> trials = new ArrayList<>();

        Builder(int connections, List<Observer> observers) {
            this.connections = connections;
            this.observers = observers;
        }

        Trial trial(CableFault fault) {
            return new Trial(fault, connections, TrialSpec.MAX_BOUND_NANOS);
        }

        Trial trial(CableFault fault, int perGroup) {
            return new Trial(fault, perGroup, TrialSpec.MAX_BOUND_NANOS);
        }

        Trial trial(CableFault fault, int perGroup, long maxBoundNanos) {
            return new Trial(fault, perGroup, maxBoundNanos);
        }

        final class Trial {
            final CableFault fault;
            final int perGroup;
            final long maxBoundNanos;
            final List<CableGroup> groups = new ArrayList<>();
            int index = -1;

            Trial(CableFault fault, int perGroup, long maxBoundNanos) {
                this.fault = fault;
                this.perGroup = perGroup;
                this.maxBoundNanos = maxBoundNanos;
            }

            /** The mechanism with every selected observer that can apply it. */
            Trial add(Mechanism m) {
                observers.stream().filter(m.observers()::contains).forEach(o -> groups.add(new CableGroup(m, o, perGroup)));
                if (groups.isEmpty()) {
                    return this;
                }
                TrialSpec spec = new TrialSpec(fault, groups, maxBoundNanos);
                if (index < 0) {
                    index = trials.size();
                    trials.add(spec);
                } else {
                    trials.set(index, spec);
                }
                return this;
            }
        }
    }
}
