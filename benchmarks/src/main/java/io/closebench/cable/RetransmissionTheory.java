package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.matrix.LatencyFormat;

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

    /**
     * @param giveUpNanos when the kernel aborts, counted from the first unacknowledged send
     * @param limit       what sets it, for the explanation: "tcp_retries2=15", "TCP_USER_TIMEOUT 3 s"
     */
    static Theory of(CableFault fault, ConnectionTimeline t, long giveUpNanos, String limit) {
        String giveUp = LatencyFormat.of(giveUpNanos);
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
                        + "first retransmission after it, " + LatencyFormat.of(next) + " into the backoff (" + limit + ")");
            }
            return new Theory(Reference.FIRST_UNACKED_SEND, giveUpNanos, "aborts at " + giveUp + " (" + limit
                    + "), before retransmitting after the plug");
        }
        if (fault == CableFault.PEER_FROZEN) {
            return Theory.never(Reference.FIRST_UNACKED_SEND, "the frozen peer's kernel acknowledges all data");
        }
        long first = t.firstUnackedSendAt() > 0 ? t.firstUnackedSendAt() : t.lastPeerSegmentAt();
        String arp = t.arp().startAt() >= 0 && t.arp().failsAt() - (first + giveUpNanos) < 0
                ? "; the ARP entry fails " + LatencyFormat.of(t.arp().failsAt() - first) + " in, first: expect EHOSTUNREACH, "
                + "and a later abort (RFC 6069 undoes backoff)" : "";
        return new Theory(Reference.FIRST_UNACKED_SEND, giveUpNanos,
                "aborts " + giveUp + " after the first unacknowledged send (" + limit + ")" + arp);
    }
}
