package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.transport.SocketSettings;

/**
 * TCP keepalive with short settings: {@code SO_KEEPALIVE} plus {@code TCP_KEEPIDLE},
 * {@code TCP_KEEPINTERVAL} and {@code TCP_KEEPCOUNT} ({@code jdk.net.ExtendedSocketOptions} on the JDK
 * observers, {@code EpollChannelOption} on Netty). After {@code idle} seconds without a segment from
 * the peer, the kernel sends a probe every {@code interval} seconds and aborts when {@code count}
 * probes went unanswered: idle + interval x count after the last segment received.
 *
 * <p>Keepalive only probes an idle connection: while data is unacknowledged the retransmission
 * timer is in charge and keepalive waits, so with data in flight it is no help at all.
 *
 * @param idleSeconds     {@code TCP_KEEPIDLE}
 * @param intervalSeconds {@code TCP_KEEPINTERVAL}
 * @param count           {@code TCP_KEEPCOUNT}
 */
public record TcpKeepalive(int idleSeconds, int intervalSeconds, int count) implements Mechanism {

    public TcpKeepalive {
        if (idleSeconds < 1 || intervalSeconds < 1 || count < 1) {
            throw new IllegalArgumentException("keepalive idle, interval and count must be at least 1");
        }
    }

    @Override
    public String label() {
        return "keepalive";
    }

    @Override
    public String settings() {
        return "idle " + idleSeconds + " s + " + intervalSeconds + " s x " + count;
    }

    @Override
    public SocketSettings socketSettings() {
        return SocketSettings.keepalive(idleSeconds, intervalSeconds, count);
    }

    /** idle + interval x count. */
    public long giveUpNanos() {
        return (idleSeconds + (long) intervalSeconds * count) * 1_000_000_000L;
    }

    @Override
    public java.util.Optional<TcpKeepalive> keepalive() {
        return java.util.Optional.of(this);
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        if (fault.reconnects()) {
            return ConnectTheory.notApplicable(this);
        }
        if (fault.stopsReading()) {
            return Theory.never(Reference.LAST_PEER_SEGMENT, "keepalive waits while data is queued (unsent behind the "
                    + "closed window), and the peer's kernel answers every window probe anyway");
        }
        if (fault.workload() == Workload.STREAM) {
            Theory retransmission = KernelDefaults.idleOrRetransmission(fault, t, "keepalive");
            return new Theory(retransmission.reference(), retransmission.boundNanos(),
                    "keepalive waits while data is unacknowledged; " + retransmission.why());
        }
        return switch (fault) {
            case HOST_REBOOTED -> firstProbeAfterPlug(t);
            case KILLED_REPLUGGED -> Theory.notPredicted(Reference.PLUG, "a probe meets the dead process's "
                    + "socket, which acknowledges it; its FIN, sent once the cable is back, decides");
            case PEER_FROZEN -> Theory.never(Reference.LAST_PEER_SEGMENT, "the frozen peer's kernel answers every probe");
            default -> new Theory(Reference.LAST_PEER_SEGMENT, giveUpNanos(), "aborts after " + count
                    + " unanswered probes: " + settings() + " = " + ThreeFigureDuration.of(giveUpNanos()));
        };
    }

    /**
     * The first probe that reaches the rebooted host after the plug meets RST: a probe sent while
     * the cable was out waits for the ARP answer ({@link NeighbourResolution}), a later one crosses
     * at once (or with the next ARP request, if another connection's resolution is still running).
     */
    private Theory firstProbeAfterPlug(ConnectionTimeline t) {
        for (int k = 0; k < count; k++) {
            long probe = t.lastPeerSegmentAt() + probeNanos(k);
            long crossing = t.arp().departure(probe, t.plugAt());
            if (crossing != NeighbourResolution.UNKNOWN && crossing - t.lastPeerSegmentAt() < giveUpNanos()) {
                long after = crossing - t.lastPeerSegmentAt();
                return new Theory(Reference.LAST_PEER_SEGMENT, after, "probe " + (k + 1) + " (" + ThreeFigureDuration.of(probeNanos(k))
                        + " after the last segment) " + (crossing == probe ? "crosses at once" : "crosses with the first ARP "
                        + "answer after the plug") + " and meets RST");
            }
        }
        return new Theory(Reference.LAST_PEER_SEGMENT, giveUpNanos(), "no probe crosses before the last goes "
                + "unanswered: aborts at " + ThreeFigureDuration.of(giveUpNanos()));
    }

    /** When probe {@code k} (from 0) leaves, counted from the last segment received. */
    public long probeNanos(int k) {
        return (idleSeconds + (long) intervalSeconds * k) * 1_000_000_000L;
    }

    /** The first probe sent at or after {@code instant}, or -1 when all were sent before it. */
    public long firstProbeAtOrAfter(long instant, long lastPeerSegmentAt) {
        for (int k = 0; k < count; k++) {
            long probe = lastPeerSegmentAt + probeNanos(k);
            if (probe - instant >= 0) {
                return probe;
            }
        }
        return -1;
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        if (fault.stopsReading() || fault.reconnects()) {
            return Theory.NEVER;
        }
        if (fault.workload() == Workload.STREAM) {
            return RetransmissionTimeoutModel.giveUpAfterNanos(retries2);
        }
        return fault == CableFault.PEER_FROZEN ? Theory.NEVER : giveUpNanos();
    }

    @Override
    public String encode() {
        return "KEEPALIVE:" + idleSeconds + ":" + intervalSeconds + ":" + count;
    }
}
