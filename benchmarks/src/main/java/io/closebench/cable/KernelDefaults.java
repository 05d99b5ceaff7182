package io.closebench.cable;

import io.closebench.cable.Theory.Reference;

/**
 * Nothing set: what a Java server gets out of the box. Java leaves {@code SO_KEEPALIVE} off, so an
 * idle connection is never checked at all; data in flight is retransmitted until
 * {@code tcp_retries2} (15) runs out, about 924.6 s ({@link RetransmissionTimeoutModel}). Had
 * keepalive been switched on with the kernel's defaults, a dead idle peer would take
 * 7200 s + 9 x 75 s = 7875 s ({@link #KEEPALIVE_DEFAULTS_NANOS}).
 */
public record KernelDefaults() implements Mechanism {

    /** {@code tcp_keepalive_time} 7200 s + {@code tcp_keepalive_probes} 9 x {@code tcp_keepalive_intvl} 75 s. */
    public static final long KEEPALIVE_DEFAULTS_NANOS = (7200L + 9 * 75L) * 1_000_000_000L;

    @Override
    public String label() {
        return "defaults";
    }

    @Override
    public String settings() {
        return "nothing set (no keepalive)";
    }

    /** On a connect too: the kernel's SYN rules and the neighbour resolution, and a library's own timeout. */
    @Override
    public boolean appliesTo(CableFault fault) {
        return true;
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        if (fault.reconnects()) {
            return ConnectTheory.of(fault, t, Theory.NEVER, 0);
        }
        return idleOrRetransmission(fault, t, "defaults");
    }

    /** Shared with {@link ShortRetries}: only the namespace's tcp_retries2 differs. */
    static Theory idleOrRetransmission(CableFault fault, ConnectionTimeline t, String what) {
        if (fault.stopsReading()) {
            return Theory.never(Reference.LAST_PEER_SEGMENT, "the client's kernel answers every zero-window probe, and "
                    + "an answered probe resets the count tcp_retries2 limits: the window stays closed, the connection "
                    + "open (RFC 1122 4.2.2.17)");
        }
        if (fault.workload() == Workload.STREAM) {
            return RetransmissionTheory.of(fault, t, RetransmissionTimeoutModel.giveUpAfterNanos(t.retries2()),
                    "tcp_retries2=" + t.retries2());
        }
        return switch (fault) {
            case KILLED_REPLUGGED -> Theory.notPredicted(Reference.PLUG,
                    "the server sends nothing; the client's kernel sends its FIN once the cable is back");
            case HOST_REBOOTED -> Theory.never(Reference.LAST_PEER_SEGMENT,
                    "idle, no keepalive: the server never sends, so never meets the RST; half-open for good");
            case PEER_FROZEN -> Theory.never(Reference.LAST_PEER_SEGMENT,
                    "idle, no keepalive: nothing is sent, and the peer's kernel would acknowledge it");
            default -> Theory.never(Reference.LAST_PEER_SEGMENT,
                    "idle, no keepalive: nothing is ever sent, so nothing can fail (" + what + ")");
        };
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        if (fault.reconnects()) {
            return ConnectTheory.nominalNanos(fault, Theory.NEVER, 0, ConnectionTimeline.DEFAULT_CONNECT.synRetries());
        }
        return fault.workload() == Workload.STREAM && !fault.stopsReading()
                ? RetransmissionTimeoutModel.giveUpAfterNanos(retries2) : Theory.NEVER;
    }

    @Override
    public String encode() {
        return "DEFAULTS";
    }
}
