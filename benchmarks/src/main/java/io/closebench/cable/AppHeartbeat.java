package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;

/**
 * An application heartbeat: the server sends a one-byte ping ({@code P}) every {@code intervalMillis}
 * and declares the peer dead when no pong ({@code p}) arrived for {@code misses} intervals. The
 * only mechanism that checks the peer application itself: a frozen process whose kernel still
 * acknowledges every segment passes every TCP check but answers no ping.
 *
 * @param intervalMillis ping period
 * @param misses         intervals without a pong before the peer is declared dead
 */
public record AppHeartbeat(long intervalMillis, int misses) implements Mechanism {

    public AppHeartbeat {
        if (intervalMillis < 10 || misses < 1) {
            throw new IllegalArgumentException("heartbeat interval at least 10 ms and at least 1 miss");
        }
    }

    /**
     * The configured interval in milliseconds, not a formatted duration: the label is the
     * mechanism's identity in cable.csv, by which the report matches S1 groups across runs.
     */
    @Override
    public String label() {
        return "heartbeat " + intervalMillis + " ms";
    }

    @Override
    public String settings() {
        return "ping " + ThreeFigureDuration.of(intervalNanos()) + ", dead after " + misses + " missed";
    }

    public long intervalNanos() {
        return intervalMillis * 1_000_000L;
    }

    /** misses x interval without a pong. */
    public long deadAfterNanos() {
        return misses * intervalNanos();
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        Theory missed = new Theory(Reference.LAST_READ, deadAfterNanos(), "no pong for " + misses + " x "
                + ThreeFigureDuration.of(intervalNanos()) + " = " + ThreeFigureDuration.of(deadAfterNanos()) + " after the last one");
        switch (fault) {
            case HOST_REBOOTED, KILLED_REPLUGGED -> {
                String meets = fault == CableFault.HOST_REBOOTED ? "a host that forgot the connection: RST"
                        : "the dead process's socket: RST (or its FIN comes first: EOF)";
                long crossing = crossing(t);
                if (crossing == NeighbourResolution.UNKNOWN) {
                    return new Theory(Reference.PLUG, intervalNanos(), "the first ping after the plug meets " + meets
                            + ", within one interval", true);
                }
                if (t.lastReadAt() + deadAfterNanos() - crossing <= 0) {
                    return missed;
                }
                return new Theory(Reference.PLUG, crossing - t.plugAt(), "a ping queued for ARP since the pull leaves "
                        + "when the first request after the plug is answered, and meets " + meets);
            }
            case REPLUGGED -> {
                long crossing = crossing(t);
                if (crossing == NeighbourResolution.UNKNOWN) {
                    long first = t.firstUnackedSendAt() > 0 ? t.firstUnackedSendAt() : t.lastPeerSegmentAt();
                    crossing = first + RetransmissionTimeoutModel.nextRetransmissionNanos(t.plugAt() - first);
                }
                if (t.lastReadAt() + deadAfterNanos() - crossing <= 0) {
                    return new Theory(Reference.LAST_READ, deadAfterNanos(), missed.why()
                            + ", before the queued pings can cross after the plug");
                }
                return new Theory(Reference.PLUG, crossing - t.plugAt(), "recovers: the pings queued since the pull "
                        + "cross when the first ARP request after the plug is answered, before " + ThreeFigureDuration.of(deadAfterNanos())
                        + " without a pong");
            }
            default -> {
                return missed;
            }
        }
    }

    /** When this connection's first segment sent during the outage crosses, or UNKNOWN. */
    private static long crossing(ConnectionTimeline t) {
        if (t.firstUnackedSendAt() <= 0 || t.firstUnackedSendAt() - t.plugAt() >= 0) {
            return NeighbourResolution.UNKNOWN;
        }
        return t.arp().departure(t.firstUnackedSendAt(), t.plugAt());
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        return deadAfterNanos();
    }

    @Override
    public java.util.Optional<AppHeartbeat> heartbeat() {
        return java.util.Optional.of(this);
    }

    @Override
    public String encode() {
        return "HEARTBEAT:" + intervalMillis + ":" + misses;
    }
}
