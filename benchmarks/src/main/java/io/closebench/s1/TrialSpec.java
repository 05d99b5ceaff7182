package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.Theory;

import java.util.List;
import java.util.Map;

/**
 * One trial: one pair of hosts, one fault, and the groups of connections that meet it together
 * (one pull, many samples). Groups share a trial only where they share the server's namespace
 * settings, and the matrix puts together only groups whose traffic cannot change each other's
 * outcome (see {@link CablePlan}).
 *
 * @param fault          what happens to the client
 * @param groups         who watches, how, how many connections
 * @param maxBoundNanos  the longest it may wait for a mechanism's predicted time:
 *                       {@link #MAX_BOUND_NANOS} unless a long variant asks for more
 */
public record TrialSpec(CableFault fault, List<CableGroup> groups, long maxBoundNanos) {

    /** Beyond any bound, how long a trial may wait longest (unless it says otherwise). */
    static final long MAX_BOUND_NANOS = 60_000_000_000L;

    public TrialSpec {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a trial needs at least one group");
        }
        if (maxBoundNanos < MAX_BOUND_NANOS) {
            throw new IllegalArgumentException("the longest bound is at least " + MAX_BOUND_NANOS + " ns");
        }
        for (CableGroup g : groups) {
            if (!g.mechanism().appliesTo(fault)) {
                throw new IllegalArgumentException(g.mechanism().label() + " says nothing about fault " + fault.letter());
            }
        }
        Map<String, String> sysctls = groups.get(0).mechanism().serverSysctls();
        for (CableGroup g : groups) {
            if (!g.mechanism().serverSysctls().equals(sysctls)) {
                throw new IllegalArgumentException("groups of one trial must share the server's sysctls: "
                        + sysctls + " vs " + g.mechanism().serverSysctls());
            }
        }
    }

    /** A trial whose bound is capped at {@link #MAX_BOUND_NANOS}. */
    public TrialSpec(CableFault fault, List<CableGroup> groups) {
        this(fault, groups, MAX_BOUND_NANOS);
    }

    public Map<String, String> serverSysctls() {
        return groups.get(0).mechanism().serverSysctls();
    }

    public int connections() {
        return groups.stream().mapToInt(CableGroup::connections).sum();
    }

    /**
     * How long after t0 an undecided connection is given up as TIMEOUT: the quiet bound, or, for a
     * mechanism predicted to act within a minute, twice its predicted time plus 2 s (plus the
     * downtime when the cable comes back), so that a late detection is measured, not cut off. A
     * long variant (a larger {@link #maxBoundNanos}) waits for a longer prediction too: 1.25 times
     * it plus 5 s (the kernel's timers for long timeouts fire up to 1/8 late).
     */
    public long boundNanos(CableSettings settings, int retries2) {
        long bound = settings.quietBound().toNanos();
        for (CableGroup g : groups) {
            long nominal = g.mechanism().nominalNanos(fault, retries2);
            long extra = fault.plugsBack() ? settings.downtime().toNanos() : 0;
            if (nominal != Theory.NEVER && nominal <= MAX_BOUND_NANOS / 2) {
                bound = Math.max(bound, 2 * nominal + 2_000_000_000L + extra);
            } else if (nominal != Theory.NEVER && maxBoundNanos > MAX_BOUND_NANOS && nominal < maxBoundNanos) {
                bound = Math.max(bound, nominal + nominal / 4 + 5_000_000_000L + extra);
            }
        }
        return Math.min(bound, maxBoundNanos);
    }

    /** "b: keepalive, defaults". */
    public String describe() {
        return fault.letter() + ": " + String.join(", ", groups.stream().map(g -> g.mechanism().label()).distinct().toList());
    }
}
