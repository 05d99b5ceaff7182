package io.closebench.cable;

import java.util.List;
import java.util.Map;

/**
 * One trial: one pair of hosts, one fault, and the groups of connections that meet it together
 * (one pull, many samples). Groups share a trial only where they share the server's namespace
 * settings, and the matrix puts together only groups whose traffic cannot change each other's
 * outcome (see {@link CablePlan}).
 *
 * @param fault  what happens to the client
 * @param groups who watches, how, how many connections
 */
public record TrialSpec(CableFault fault, List<CableGroup> groups) {

    /** Beyond any bound, how long a trial may wait longest. */
    static final long MAX_BOUND_NANOS = 60_000_000_000L;

    public TrialSpec {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a trial needs at least one group");
        }
        Map<String, String> sysctls = groups.get(0).mechanism().serverSysctls();
        for (CableGroup g : groups) {
            if (!g.mechanism().serverSysctls().equals(sysctls)) {
                throw new IllegalArgumentException("groups of one trial must share the server's sysctls: "
                        + sysctls + " vs " + g.mechanism().serverSysctls());
            }
        }
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
     * downtime when the cable comes back), so that a late detection is measured, not cut off.
     */
    public long boundNanos(CableSettings settings, int retries2) {
        long bound = settings.quietBound().toNanos();
        for (CableGroup g : groups) {
            long nominal = g.mechanism().nominalNanos(fault, retries2);
            if (nominal != Theory.NEVER && nominal <= MAX_BOUND_NANOS / 2) {
                long extra = fault.plugsBack() ? settings.downtime().toNanos() : 0;
                bound = Math.max(bound, 2 * nominal + 2_000_000_000L + extra);
            }
        }
        return Math.min(bound, MAX_BOUND_NANOS);
    }

    /** "b: keepalive, defaults". */
    public String describe() {
        return fault.letter() + ": " + String.join(", ", groups.stream().map(g -> g.mechanism().label()).distinct().toList());
    }
}
