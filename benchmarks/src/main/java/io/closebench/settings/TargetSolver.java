package io.closebench.settings;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.Combination;
import io.closebench.cable.ConnectTimeout;
import io.closebench.cable.RetransmissionTimeoutModel;
import io.closebench.cable.Theory;
import io.closebench.cable.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings that detect every fault of S1 within a target, from the rules, with the fewest and least
 * intrusive mechanisms:
 * <ul>
 *   <li>a frozen peer (e) and a live peer that stopped reading (f) are caught by an application
 *       heartbeat alone (their kernels answer every keepalive probe; {@code TCP_USER_TIMEOUT} reaches
 *       f only, and only on Netty's native transports), so a heartbeat is needed;</li>
 *   <li>the heartbeat also catches the pulled cable, idle or sending, and the rebooted host (a, b,
 *       c): keepalive and {@code TCP_USER_TIMEOUT} would add nothing within the target;</li>
 *   <li>a connect to a dead host (g) is a new connection, before any heartbeat: a connect timeout.</li>
 * </ul>
 * The heartbeat waits {@value #MISSES} intervals, so that one or two lost pongs (or a pause shorter
 * than two intervals) are not a dead peer; the interval is the largest of a round list with
 * {@value #MISSES} intervals within {@value #SHARE_PERCENT}% of the target, the rest left for timer
 * slack. The connect timeout is the largest round value within the same share.
 */
public final class TargetSolver {

    /** Intervals without a pong before the peer is declared dead. */
    public static final int MISSES = 3;
    /** The share of the target the rules may use; the rest is slack for late timers. */
    static final int SHARE_PERCENT = 80;
    /** Round values to choose from, in milliseconds. */
    private static final long[] ROUND_MILLIS = {10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000,
            15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000};

    private TargetSolver() {
    }

    /** Why a target cannot be met at all, or empty. */
    public static java.util.Optional<String> refusal(Duration target) {
        long min = RetransmissionTimeoutModel.RTO_MIN.toMillis();
        if (target.toMillis() < min) {
            return java.util.Optional.of(ThreeFigureDuration.of(target.toNanos()) + " is shorter than one retransmission "
                    + "timeout (TCP_RTO_MIN, " + min + " ms): a detector that fires sooner takes a single lost segment "
                    + "for a dead peer; give " + min + "ms or more");
        }
        return java.util.Optional.empty();
    }

    /**
     * The settings for {@code target} (at least one RTO: {@link #refusal}).
     *
     * @param name the combination's name
     */
    public static Combination solve(Duration target, String name) {
        if (refusal(target).isPresent()) {
            throw new IllegalArgumentException(refusal(target).get());
        }
        long budget = target.toMillis() * SHARE_PERCENT / 100;
        long interval = roundAtMost(budget / MISSES);
        long connect = roundAtMost(budget);
        return Combination.nothing(name).withHeartbeat(new AppHeartbeat(interval, MISSES))
                .withConnectTimeout(new ConnectTimeout(connect));
    }

    private static long roundAtMost(long millis) {
        long best = ROUND_MILLIS[0];
        for (long r : ROUND_MILLIS) {
            if (r <= millis) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Per fault, the rule's time for {@code settings} and whether it is within {@code target}: for
     * the reconnect, counted from the connect call (its nominal time includes the wait before it).
     */
    public static Map<CableFault, Long> ruleTimes(Combination settings) {
        Map<CableFault, Long> times = new LinkedHashMap<>();
        for (CableFault f : SettingsPlan.FAULTS) {
            long nominal = settings.nominalNanos(f, 15);
            times.put(f, f.reconnects() && nominal != Theory.NEVER ? nominal - Workload.RECONNECT_AFTER.toNanos() : nominal);
        }
        return times;
    }

    /** Why each mechanism is there and why the others are not: lines for the console and the docs. */
    public static List<String> reasons(Combination settings, Duration target) {
        List<String> lines = new ArrayList<>();
        AppHeartbeat hb = settings.heartbeat().orElseThrow();
        ConnectTimeout ct = settings.connectTimeout().orElseThrow();
        lines.add("heartbeat " + hb.settings() + ": the only mechanism that sees a frozen peer (e) or one that stopped "
                + "reading (f) - their kernels acknowledge every segment and answer every probe; it also ends a, b and c "
                + "within " + ThreeFigureDuration.of(hb.deadAfterNanos()) + " of the last pong");
        lines.add("connect timeout " + ThreeFigureDuration.of(ct.millis() * 1_000_000L) + ": a new connection to a dead "
                + "host (g) has no heartbeat yet; on the same link ARP fails after 3 s first (EHOSTUNREACH), behind a "
                + "router only this timer ends it before the SYN retransmissions (131 s)");
        lines.add("not needed within " + ThreeFigureDuration.of(target.toNanos()) + ": keepalive and TCP_USER_TIMEOUT "
                + "(they end a, b and c only, which the heartbeat already does), tcp_retries2 (system-wide)");
        return lines;
    }

    /** What the settings cost: segments per idle connection per hour, and the pauses that risk a false alarm. */
    public static List<String> costs(Combination settings) {
        List<String> lines = new ArrayList<>();
        settings.heartbeat().ifPresent(hb -> {
            long pingsPerHour = 3_600_000L / hb.intervalMillis();
            lines.add("heartbeat: " + pingsPerHour + " pings and " + pingsPerHour + " pongs per idle connection per hour ("
                    + 2 * pingsPerHour + " small segments, plus their ACKs unless delayed ACKs carry them)");
            lines.add("false alarms: a pause of the peer (a GC, a stalled event loop) or of the path longer than "
                    + ThreeFigureDuration.of((hb.misses() - 1) * hb.intervalNanos()) + " can be taken for a dead peer, "
                    + "one longer than " + ThreeFigureDuration.of(hb.deadAfterNanos()) + " always is (a full GC that long "
                    + "ends a healthy connection)");
        });
        settings.keepalive().ifPresent(k -> lines.add("keepalive: no probe while data flows; an idle connection gets "
                + "one probe every " + k.idleSeconds() + " s (" + String.format(java.util.Locale.ROOT, "%.3g", 3600.0 / k.idleSeconds())
                + " per hour) and its answer, more only while the peer does not answer"));
        return lines;
    }
}
