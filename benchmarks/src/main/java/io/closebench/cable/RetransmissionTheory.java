package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;

/**
 * The prediction for a connection with data in flight, where the retransmission timer decides:
 * abort after the retransmission timeout ({@code tcp_retries2} through
 * {@link RetransmissionTimeoutModel}, or {@code TCP_USER_TIMEOUT} when set), or, when the cable
 * comes back first, recovery when the queued segments leave ({@link NeighbourResolution}), or with
 * the first retransmission after the plug when the address resolution had already failed.
 */
final class RetransmissionTheory {

    private RetransmissionTheory() {
    }

    /** An ARP failure this close to the abort is a race: which comes first changes the outcome. */
    private static final long RACE_NANOS = 100_000_000L;

    /** As {@link #of(CableFault, ConnectionTimeline, long, String, boolean)} for a {@code tcp_retries2} limit. */
    static Theory of(CableFault fault, ConnectionTimeline t, long giveUpNanos, String limit) {
        return of(fault, t, giveUpNanos, limit, false);
    }

    /**
     * @param giveUpNanos when the kernel aborts, counted from the first unacknowledged send
     * @param limit       what sets it, for the explanation: "tcp_retries2=15", "TCP_USER_TIMEOUT 3 s"
     * @param userTimeout the limit is {@code TCP_USER_TIMEOUT}, to whose end the kernel clamps the
     *                    retransmission timer (but not the timer an RFC 6069 revert re-arms)
     */
    static Theory of(CableFault fault, ConnectionTimeline t, long giveUpNanos, String limit, boolean userTimeout) {
        String giveUp = ThreeFigureDuration.of(giveUpNanos);
        if (fault == CableFault.REPLUGGED) {
            long first = t.firstUnackedSendAt() > 0 ? t.firstUnackedSendAt() : t.lastPeerSegmentAt();
            long departure = t.arp().departure(first, t.plugAt());
            if (departure != NeighbourResolution.UNKNOWN) {
                if (departure - first >= giveUpNanos) {
                    return new Theory(Reference.FIRST_UNACKED_SEND, giveUpNanos, "aborts at " + giveUp + " (" + limit
                            + "), before the ARP answer after the plug lets the queued segments out");
                }
                return new Theory(Reference.PLUG, departure - t.plugAt(), "recovers when the first ARP request after the "
                        + "plug is answered: the segments queued since the pull leave at once (" + limit + ")");
            }
            long plugInSchedule = t.plugAt() - first;
            long next = RetransmissionTimeoutModel.nextRetransmissionNanos(plugInSchedule);
            if (next < giveUpNanos) {
                return new Theory(Reference.PLUG, next - plugInSchedule, "ARP failed before the plug: recovers with the "
                        + "first retransmission after it, " + ThreeFigureDuration.of(next) + " into the backoff (" + limit + ")");
            }
            return new Theory(Reference.FIRST_UNACKED_SEND, giveUpNanos, "aborts at " + giveUp + " (" + limit
                    + "), before retransmitting after the plug");
        }
        if (fault == CableFault.PEER_FROZEN) {
            return Theory.never(Reference.FIRST_UNACKED_SEND, "the frozen peer's kernel acknowledges all data");
        }
        long first = t.firstUnackedSendAt() > 0 ? t.firstUnackedSendAt() : t.lastPeerSegmentAt();
        if (!userTimeout && t.retransmission().isPresent()) {
            Theory traced = traced(t, first, limit, t.retransmission().get());
            if (traced != null) {
                return traced;
            }
        }
        long arpFails = t.arp().failsAt() - first;
        String arp = "";
        if (t.arp().startAt() >= 0 && Math.abs(arpFails - giveUpNanos) < RACE_NANOS) {
            arp = "; the ARP entry fails " + ThreeFigureDuration.of(arpFails) + " in, at the same moment: a race, and when its "
                    + "ICMP comes first, EHOSTUNREACH and an RFC 6069 revert that re-arms the timer past the limit";
        } else if (t.arp().startAt() >= 0 && arpFails < giveUpNanos) {
            arp = "; the ARP entry fails " + ThreeFigureDuration.of(arpFails) + " in, first: expect EHOSTUNREACH, " + (userTimeout
                    ? "and the abort up to one RTO late (the RFC 6069 revert re-arms the timer without the clamp)"
                    : "and a later abort (RFC 6069 undoes backoff)");
        }
        if (!userTimeout) {
            // docs/findings-s1-kernel-rules.md, item 3: the abort is at an expiry of the real RTO, counted
            // from retrans_stamp, which a first retransmission that really left (its copy dropped from
            // the overflowing neighbour queue) moves one RTO later
            long rto = RetransmissionTimeoutModel.RTO_MIN.toNanos();
            arp += "; the kernel decides at RTO expiries only (the real RTO, at least 200 ms), counting from retrans_stamp: "
                    + "when the first retransmission really left (the overflowing neighbour queue had dropped the segment's "
                    + "copy) that stamp is one RTO later and the abort can come a doubling later ("
                    + ThreeFigureDuration.of(RetransmissionTimeoutModel.abortTickNanos(t.retries2(), rto, rto))
                    + " at 200 ms); a failed ARP round whose report for the oldest segment passes the ICMP limit reverts "
                    + "the backoff and re-runs the timer then";
        }
        return new Theory(Reference.FIRST_UNACKED_SEND, giveUpNanos,
                "aborts " + giveUp + " after the first unacknowledged send (" + limit + ")" + arp);
    }

    /**
     * The abort as the kernel decides it, replaying what its tracepoints and reports showed of this
     * connection on the timer wheel ({@link RetransmissionTimeoutModel#abortOnTheWheel},
     * docs/findings-s1-kernel-rules.md, item 3); the explanation lists the timer's runs after t0 so
     * that each can be checked against the connection's timeline.
     */
    private static Theory traced(ConnectionTimeline t, long first, String limit,
                                 ConnectionTimeline.RetransmissionEvidence e) {
        JiffyClock clock = e.jiffies();
        long base = clock.jiffiesOfNanos(e.rtoNanos());
        java.util.Optional<RetransmissionTimeoutModel.WheelAbort> replay = RetransmissionTimeoutModel.abortOnTheWheel(
                t.retries2(), clock, first, base, e.headAttempts(), e.revertsAt(), e.arms(), e.runs());
        if (replay.isEmpty()) {
            return null;
        }
        RetransmissionTimeoutModel.WheelAbort w = replay.get();
        long limitNanos = RetransmissionTimeoutModel.giveUpAfterNanos(t.retries2());
        StringBuilder why = new StringBuilder("aborts at the first run of its retransmission timer ")
                .append(ThreeFigureDuration.of(limitNanos)).append(" (").append(limit)
                .append(") past retrans_stamp, ").append(w.stampIsRetransmission()
                        ? "its first retransmission (which left: the neighbour queue had dropped the copy)"
                        : "the segment's last send (its first retransmission was held for ARP)")
                .append(" at +").append(millis(w.stamp() - t.t0())).append(" ms; RTO ")
                .append(ThreeFigureDuration.of(e.rtoNanos())).append("; on the timer (ms after t0): ");
        String sep = "";
        for (RetransmissionTimeoutModel.TimerStep s : w.steps()) {
            why.append(sep).append(millis(s.at() - t.t0())).append(' ').append(label(s));
            sep = ", ";
        }
        RetransmissionTimeoutModel.TimerStep last = w.steps().get(w.steps().size() - 1);
        why.append(" (").append(millis(last.sinceStamp())).append(" ms past the stamp");
        if (last.step() == RetransmissionTimeoutModel.Step.ABORT) {
            why.append("; armed ").append(w.lastTimeout()).append(" jiffies ahead, run on the wheel's ")
                    .append(w.granularity()).append("-jiffy grid");
            w.lastArm().ifPresent(arm -> why.append(arm.clockBehind()
                    ? " (traced: the wheel's clock was behind jiffies, so a coarser level than the distance selects)"
                    : " (traced)"));
        }
        why.append(")");
        if (w.contradictions() > 0) {
            why.append("; the kernel retransmitted at ").append(w.contradictions())
                    .append(" run(s) the rule says abort at");
        }
        why.append(": ").append(ThreeFigureDuration.of(w.at() - first)).append(" after the first unacknowledged send");
        return new Theory(Reference.FIRST_UNACKED_SEND, w.at() - first, why.toString());
    }

    private static String label(RetransmissionTimeoutModel.TimerStep s) {
        return switch (s.step()) {
            case PROBE -> "loss probe (sent)";
            case TIMER -> s.sent() ? "sent" : "held";
            case REARM -> "resent, re-armed";
            case REVERT_RUN -> "report: revert, run" + (s.sent() ? ", sent" : "");
            case REVERT_REARM -> "report: revert, re-armed";
            case REVERT_NOT_APPLIED -> "report, no revert";
            case UNTRACED_TIMER -> "run (not traced)";
            case ABORT -> "abort";
        };
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
