package io.closebench.cable;

import io.closebench.cable.Theory.Reference;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.Observer;
import io.closebench.transport.SocketSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TCP keepalive and {@code TCP_USER_TIMEOUT} on the same connection, with settings that disagree.
 * tcp(7): "when used with the TCP keepalive (SO_KEEPALIVE) option, TCP_USER_TIMEOUT will override
 * keepalive to determine when to close a connection due to keepalive failure". What this kernel
 * does, measured: on an idle connection the keepalive timer still sends the probes (first after
 * {@code TCP_KEEPIDLE}, then every {@code TCP_KEEPINTVL}), but {@code TCP_KEEPCNT} no longer
 * counts: the connection is aborted at the first keepalive timer at or after the user timeout
 * (counted from the last segment received) once at least one probe went out, so a user timeout
 * shorter than keepalive's idle + interval x count ends it sooner, and a longer one keeps probing
 * beyond the count and ends it later. With data in flight keepalive waits, and the user timeout
 * bounds the retransmissions, as without keepalive. Only Netty's native transports can set both.
 *
 * @param probes      the keepalive settings
 * @param userTimeout the user timeout
 */
public record KeepaliveWithUserTimeout(TcpKeepalive probes, UserTimeout userTimeout) implements Mechanism {

    @Override
    public String label() {
        return "keepalive+TCP_USER_TIMEOUT";
    }

    @Override
    public String settings() {
        return probes.settings() + ", user timeout " + userTimeout.settings();
    }

    @Override
    public Set<Observer> observers() {
        return userTimeout.observers();
    }

    @Override
    public Optional<TcpKeepalive> keepalive() {
        return Optional.of(probes);
    }

    @Override
    public SocketSettings socketSettings() {
        return probes.socketSettings().and(userTimeout.socketSettings());
    }

    /**
     * When an idle connection's keepalive gives up, after the last segment received: the first
     * keepalive timer (at idle + k x interval, k &gt;= 1: the timer at idle only sends the first
     * probe) at or after the user timeout.
     */
    public long idleGiveUpNanos() {
        for (int k = 1; ; k++) {
            long at = probes.probeNanos(k);
            if (at >= userTimeout.nanos()) {
                return at;
            }
        }
    }

    @Override
    public Theory theory(CableFault fault, ConnectionTimeline t) {
        if (fault.reconnects()) {
            return ConnectTheory.notApplicable(this);
        }
        if (fault.stopsReading()) {
            return userTimeout.closedWindow(t, "keepalive waits while data is queued; TCP_USER_TIMEOUT " + userTimeout.settings());
        }
        if (fault.workload() == Workload.STREAM) {
            Theory retransmission = userTimeout.theory(fault, t);
            return new Theory(retransmission.reference(), retransmission.boundNanos(),
                    "keepalive waits while data is unacknowledged: TCP_USER_TIMEOUT decides; " + retransmission.why(),
                    retransmission.atTheLatest());
        }
        if (fault == CableFault.PULLED_IDLE) {
            long at = idleGiveUpNanos();
            return new Theory(Reference.LAST_PEER_SEGMENT, at, "TCP_USER_TIMEOUT overrides TCP_KEEPCNT: aborts at the "
                    + "first keepalive timer at or after " + userTimeout.settings() + " once a probe went out: "
                    + ThreeFigureDuration.of(at) + " (keepalive alone: " + ThreeFigureDuration.of(probes.giveUpNanos())
                    + "; the user timeout alone: never, an idle connection has nothing in flight)");
        }
        return probes.theory(fault, t);
    }

    /**
     * What each setting alone would predict, from the same reference as {@link #theory}, for the
     * faults where the two meet: the figures a measurement is held against besides the combined
     * rule. Empty where nothing is known beyond the combined rule.
     */
    public Map<String, Long> aloneNanos(CableFault fault, int retries2) {
        Map<String, Long> alone = new LinkedHashMap<>();
        switch (fault) {
            case PULLED_IDLE -> {
                alone.put("keepalive alone", probes.giveUpNanos());
                alone.put("TCP_USER_TIMEOUT alone", Theory.NEVER);
            }
            case PULLED_SENDING -> {
                alone.put("keepalive alone (tcp_retries2=" + retries2 + ")", RetransmissionTimeoutModel.giveUpAfterNanos(retries2));
                alone.put("TCP_USER_TIMEOUT alone", userTimeout.nanos());
            }
            case PEER_NOT_READING -> {
                alone.put("keepalive alone", Theory.NEVER);
                alone.put("TCP_USER_TIMEOUT alone", userTimeout.nanos());
            }
            default -> {
                // no second rule to hold it against
            }
        }
        return alone;
    }

    @Override
    public long nominalNanos(CableFault fault, int retries2) {
        if (fault.reconnects()) {
            return Theory.NEVER;
        }
        if (fault.workload() == Workload.STREAM) {
            return userTimeout.nominalNanos(fault, retries2);
        }
        return fault == CableFault.PULLED_IDLE ? idleGiveUpNanos() : probes.nominalNanos(fault, retries2);
    }

    @Override
    public String encode() {
        return "KEEPALIVE_USER_TIMEOUT:" + probes.idleSeconds() + ":" + probes.intervalSeconds() + ":"
                + probes.count() + ":" + userTimeout.millis();
    }
}
