package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The prediction for a connect to a dead host (faults g and g'), counted from the connect call:
 * the first of what can end it decides.
 * <ul>
 *   <li>On the same link (g), the address resolution: the SYN waits for the dead host's link-layer
 *       address, which the server's kernel forgot when its end lost carrier; after
 *       {@code mcast_solicit} requests {@code retrans_time_ms} apart (3 x 1 s) the entry fails and
 *       the local host-unreachable error aborts the connect: EHOSTUNREACH
 *       ({@link NeighbourResolution#failsAt()}).</li>
 *   <li>The SYN retransmissions ({@code tcp_syn_retries}, or {@code TCP_USER_TIMEOUT}, which
 *       bounds SYN_SENT too): ETIMEDOUT ({@link RetransmissionTimeoutModel#synGiveUpNanos}).</li>
 *   <li>The application's connect timeout, or, without one, the library's own (Netty's 30 s).</li>
 * </ul>
 */
final class ConnectTheory {

    /** Two limits this close are a race: the theory says so. */
    private static final long RACE_NANOS = 100_000_000L;

    private ConnectTheory() {
    }

    private record Limit(long nanos, String what) {
    }

    /**
     * @param appTimeoutNanos  the application's connect timeout, {@link Theory#NEVER} for none
     * @param userTimeoutNanos {@code TCP_USER_TIMEOUT}, 0 when not set
     */
    static Theory of(CableFault fault, ConnectionTimeline t, long appTimeoutNanos, long userTimeoutNanos) {
        List<Limit> limits = new ArrayList<>();
        ConnectionTimeline.ConnectRules rules = t.connect();
        long syn = rules.kernelGiveUpNanos(userTimeoutNanos);
        limits.add(new Limit(syn, userTimeoutNanos > 0
                ? "TCP_USER_TIMEOUT " + ThreeFigureDuration.of(userTimeoutNanos) + " bounds SYN_SENT: ETIMEDOUT at the first SYN "
                + "timer at or after it (the first, at 1 s, cannot abort)"
                : "the SYN retransmissions (tcp_syn_retries=" + rules.synRetries() + ", " + rules.synLinearTimeouts()
                + " linear) give up: ETIMEDOUT"));
        if (!fault.keepsNeighbour()) {
            long connectAt = t.firstUnackedSendAt();
            NeighbourResolution arp = t.arp();
            long fails = arp.startAt() >= 0 && connectAt > 0 ? arp.failsAt() - connectAt
                    : arp.solicits() * arp.retransNanos();
            limits.add(new Limit(Math.max(0, fails), "ARP for the dead host fails (" + arp.solicits() + " x "
                    + ThreeFigureDuration.of(arp.retransNanos()) + " from the first SYN): EHOSTUNREACH"));
        }
        if (appTimeoutNanos != Theory.NEVER) {
            limits.add(new Limit(appTimeoutNanos, "the application's connect timeout runs out"));
        } else if (rules.libraryTimeoutNanos() != Theory.NEVER) {
            limits.add(new Limit(rules.libraryTimeoutNanos(), "the library's default connect timeout runs out"));
        }
        limits.sort(Comparator.comparingLong(Limit::nanos));
        Limit first = limits.get(0);
        StringBuilder why = new StringBuilder(first.what()).append(" after ").append(ThreeFigureDuration.of(first.nanos()));
        if (limits.size() > 1 && limits.get(1).nanos() - first.nanos() < RACE_NANOS) {
            why.append(", a race with: ").append(limits.get(1).what());
        }
        String sep = "; before: ";
        for (Limit later : limits.subList(1, limits.size())) {
            why.append(sep).append(later.what()).append(" (").append(ThreeFigureDuration.of(later.nanos())).append(')');
            sep = "; and ";
        }
        return new Theory(Reference.CONNECT, first.nanos(), why.toString());
    }

    /** For a trial's bound: the same limits without the per-connection instants, plus the wait before the connect. */
    static long nominalNanos(CableFault fault, long appTimeoutNanos, long userTimeoutNanos, int synRetries) {
        long limit = RetransmissionTimeoutModel.synGiveUpNanos(synRetries, ConnectionTimeline.DEFAULT_CONNECT
                .synLinearTimeouts(), userTimeoutNanos);
        if (!fault.keepsNeighbour()) {
            limit = Math.min(limit, 3_000_000_000L);
        }
        limit = Math.min(limit, appTimeoutNanos);
        return Workload.RECONNECT_AFTER.toNanos() + limit;
    }

    /** What a mechanism that cannot act on a connect says about one. */
    static Theory notApplicable(Mechanism m) {
        return Theory.notPredicted(Reference.CONNECT, m.label() + " does not act on a connect");
    }
}
