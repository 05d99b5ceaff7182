package io.closebench.settings;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.Combination;
import io.closebench.cable.ConnectionTimeline;
import io.closebench.cable.KeepaliveWithUserTimeout;
import io.closebench.cable.Mechanism;
import io.closebench.cable.NeighbourResolution;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.SynRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.Theory;
import io.closebench.cable.UserTimeout;
import io.closebench.cable.Workload;
import io.closebench.s1.CableGroup;
import io.closebench.s1.CablePlan;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.TrialSpec;
import io.closebench.schema.Observer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code closebench settings} runs for one set of settings: S1's faults as a server meets them
 * (idle, sending, host rebooted, peer frozen, peer alive but not reading, reconnect to the dead
 * host), one trial per fault with a group per observer, all of them side by side.
 *
 * <p>Per fault, the settings' rule ({@link Combination#nominalNanos}) decides: a finite time up to
 * {@code maxWait} is measured, and the trial waits for it (1.25 times it plus slack); no time at all
 * ("never") is measured up to the quiet bound, to show that nothing comes; a time beyond
 * {@code maxWait} is given by the rule only ({@link CableSample#ruleOnly}), and the same mechanism
 * with the matrix's short settings ({@link #standIn}) is measured beside it in a trial of its own,
 * to show the rule holds on this kernel.
 *
 * @param settings    the settings asked about
 * @param observers   the observer models that apply them
 * @param connections connections per observer (at most {@link CablePlan#RECONNECTS_PER_GROUP} in g)
 * @param maxWait     the longest rule that is measured
 * @param cable       the trials' run-wide knobs
 * @param faults      per fault, what is done and why
 * @param trials      the trials, in fault order, the stand-ins after their fault's
 */
public record SettingsPlan(Combination settings, List<Observer> observers, int connections, Duration maxWait,
                           CableSettings cable, List<FaultPlan> faults, List<TrialSpec> trials) {

    /** The faults a server meets, in the order the issue and the tables list them. */
    public static final List<CableFault> FAULTS = List.of(CableFault.PULLED_IDLE, CableFault.PULLED_SENDING,
            CableFault.HOST_REBOOTED, CableFault.PEER_FROZEN, CableFault.PEER_NOT_READING, CableFault.RECONNECT);

    /** What the plan does with one fault. */
    public enum Treatment {
        /** The rule gives a time within the longest wait: measured. */
        MEASURED,
        /** The rule gives no time: measured up to the quiet bound, to show that nothing comes. */
        NEVER,
        /** The rule's time is beyond the longest wait: the rule only, a stand-in measured beside it. */
        RULE_ONLY
    }

    /**
     * @param fault     the fault
     * @param treatment measured, shown to be never, or the rule only
     * @param nominalNanos the settings' time by the nominal rule, {@link Theory#NEVER} for none
     * @param standIn   for a rule-only fault, the same mechanism with short settings, measured instead (empty
     *                  when no observer asked for can apply it, or even it takes longer than the longest wait)
     */
    public record FaultPlan(CableFault fault, Treatment treatment, long nominalNanos, Optional<Mechanism> standIn) {
    }

    public SettingsPlan {
        observers = List.copyOf(observers);
        faults = List.copyOf(faults);
        trials = List.copyOf(trials);
    }

    /**
     * The plan for {@code settings} on {@code observers} (each must be able to apply them; checked
     * by the command before, refused here too).
     */
    public static SettingsPlan of(Combination settings, List<Observer> observers, int connections, Duration maxWait,
                                  CableSettings cable) {
        if (observers.isEmpty()) {
            throw new IllegalArgumentException("at least one observer");
        }
        for (Observer o : observers) {
            if (!settings.observers().contains(o)) {
                throw new IllegalArgumentException(settings.settings() + " cannot be applied by " + o);
            }
        }
        long maxWaitNanos = maxWait.toNanos();
        long maxBound = Math.max(90_000_000_000L, maxWaitNanos + maxWaitNanos / 4 + 10_000_000_000L
                + cable.downtime().toNanos());
        int retries2 = settings.retries2().map(ShortRetries::retries).orElse(15);
        List<FaultPlan> faults = new ArrayList<>();
        List<TrialSpec> trials = new ArrayList<>();
        for (CableFault fault : FAULTS) {
            long nominal = settings.nominalNanos(fault, retries2);
            int perGroup = fault.reconnects() ? Math.min(connections, CablePlan.RECONNECTS_PER_GROUP) : connections;
            if (nominal == Theory.NEVER || nominal <= maxWaitNanos) {
                trials.add(new TrialSpec(fault, groups(settings, observers, perGroup), maxBound));
                faults.add(new FaultPlan(fault, nominal == Theory.NEVER ? Treatment.NEVER : Treatment.MEASURED, nominal,
                        Optional.empty()));
                continue;
            }
            Mechanism standIn = standIn(fault, settings.decidingPart(fault, retries2));
            List<Observer> able = observers.stream().filter(standIn.observers()::contains).toList();
            boolean measurable = !able.isEmpty() && standIn.nominalNanos(fault, 15) <= maxWaitNanos;
            if (measurable) {
                trials.add(new TrialSpec(fault, groups(standIn, able, perGroup), maxBound));
            }
            faults.add(new FaultPlan(fault, Treatment.RULE_ONLY, nominal, measurable ? Optional.of(standIn) : Optional.empty()));
        }
        return new SettingsPlan(settings, observers, connections, maxWait, cable, faults, trials);
    }

    private static List<CableGroup> groups(Mechanism m, List<Observer> observers, int perGroup) {
        return observers.stream().map(o -> new CableGroup(m, o, perGroup)).toList();
    }

    /**
     * The same kind of mechanism with the matrix's short settings, for a fault whose own time is too
     * long to wait for: what decides it in that fault (with data in flight the retransmissions, not
     * keepalive).
     */
    static Mechanism standIn(CableFault fault, Mechanism deciding) {
        boolean sending = fault.workload() == Workload.STREAM && !fault.stopsReading();
        if (deciding instanceof AppHeartbeat) {
            return CablePlan.HEARTBEAT_1000;
        }
        if (deciding instanceof ReadDeadline) {
            return CablePlan.READ_DEADLINE;
        }
        if (deciding instanceof UserTimeout || (deciding instanceof KeepaliveWithUserTimeout && sending)) {
            return CablePlan.USER_TIMEOUT;
        }
        if (deciding instanceof KeepaliveWithUserTimeout) {
            return CablePlan.KEEPALIVE_USER_TIMEOUT_SHORTER;
        }
        if (deciding instanceof TcpKeepalive && !sending) {
            return CablePlan.KEEPALIVE;
        }
        return CablePlan.RETRIES_5;
    }

    /** The rows of the rule-only faults: one per observer, with the rule's time counted from its reference. */
    public List<CableSample> ruleOnlyRows(int firstTrialNumber) {
        List<CableSample> rows = new ArrayList<>();
        int trial = firstTrialNumber;
        for (FaultPlan f : faults) {
            if (f.treatment() != Treatment.RULE_ONLY) {
                continue;
            }
            Theory theory = settings.theory(f.fault(), nominalTimeline(f.fault()));
            for (Observer o : observers) {
                rows.add(CableSample.ruleOnly(trial, f.fault(), settings, o, theory,
                        settings.retries2().map(ShortRetries::retries).orElse(15)));
            }
            trial++;
        }
        return rows;
    }

    /**
     * A timeline of the instants the rules count from, as a trial would see them but without one:
     * the fault at t0, the last segment from the peer and the last read then, the first send (data,
     * or a ping) right after it, the plug after the downtime; the address resolution's start unknown.
     */
    ConnectionTimeline nominalTimeline(CableFault fault) {
        long t0 = 1_000_000_000L;
        long firstSend = fault.workload() == Workload.STREAM || fault.reconnects() ? t0
                : settings.heartbeat().map(h -> t0 + h.intervalNanos()).orElse(-1L);
        long plug = fault.plugsBack() ? t0 + cable.downtime().toNanos() : -1;
        int retries2 = settings.retries2().map(ShortRetries::retries).orElse(15);
        ConnectionTimeline.ConnectRules connect = new ConnectionTimeline.ConnectRules(
                settings.synRetries().map(SynRetries::retries).orElse(ConnectionTimeline.DEFAULT_CONNECT.synRetries()),
                ConnectionTimeline.DEFAULT_CONNECT.synLinearTimeouts(), Theory.NEVER);
        return new ConnectionTimeline(t0, t0, false, firstSend, t0, plug, retries2,
                new NeighbourResolution(-1, 1_000_000_000L, 3), -1, connect);
    }

    /** Every setting for the metadata ({@code cable.*} keys: the folder holds cable samples). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cable.settings", settings.label() + ": " + settings.settings());
        p.put("cable.settings_token", settings.encode());
        p.put("cable.observers", observers.toString());
        p.put("cable.connections_per_group", String.valueOf(connections));
        p.put("cable.reconnects_per_group", String.valueOf(Math.min(connections, CablePlan.RECONNECTS_PER_GROUP)));
        p.put("cable.max_wait_s", String.valueOf(maxWait.toSeconds()));
        p.put("cable.quiet_bound_ms", String.valueOf(cable.quietBound().toMillis()));
        p.put("cable.settle_ms", String.valueOf(cable.settle().toMillis()));
        p.put("cable.downtime_ms", String.valueOf(cable.downtime().toMillis()));
        p.put("cable.placement", cable.placement().placement() + ": " + cable.placement().describe());
        for (FaultPlan f : faults) {
            p.put("cable.fault_" + f.fault().letter().replace("'", "-prime"), f.treatment() + (f.nominalNanos() == Theory.NEVER
                    ? "" : " (rule " + ThreeFigureDuration.of(f.nominalNanos()) + ")")
                    + f.standIn().map(s -> ", stand-in " + s.label() + " " + s.settings()).orElse(""));
        }
        return p;
    }

    /** {@code cable-settings-<name>-c<N>-maxwait<S>s.csv}: the settings are in the metadata and in every row. */
    public String fileName() {
        return "cable-settings-" + settings.label() + "-c" + connections + "-maxwait" + maxWait.toSeconds() + "s.csv";
    }

    /** The longest trial's bound: about how long the whole answer takes, trials running side by side. */
    public long longestBoundNanos() {
        return trials.stream().mapToLong(t -> t.boundNanos(cable, settings.retries2().map(ShortRetries::retries).orElse(15)))
                .max().orElse(0);
    }
}
