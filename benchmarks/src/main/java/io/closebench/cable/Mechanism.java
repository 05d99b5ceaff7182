package io.closebench.cable;

import io.closebench.schema.Observer;
import io.closebench.observe.ObserverModels;
import io.closebench.transport.SocketSettings;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How the server could find out that its peer is gone, with the settings that decide how soon.
 * Each knows what its settings predict for each fault ({@link #theory}), so that every measured
 * time is shown next to the time the kernel's or the application's own rules give.
 *
 * <p>A mechanism travels to the server child as one token ({@link #encode()}, {@link #decode}).
 */
public sealed interface Mechanism
        permits KernelDefaults, ShortRetries, TcpKeepalive, ReadDeadline, AppHeartbeat, UserTimeout, ConnectTimeout,
        SynRetries, KeepaliveWithUserTimeout, Combination {

    /** A few words: "keepalive", "heartbeat". */
    String label();

    /** The settings in a few words: "idle 2 s + 1 s x 3". */
    String settings();

    /** The observers whose API can apply it; every single-connection model unless said otherwise. */
    default Set<Observer> observers() {
        return EnumSet.copyOf(ObserverModels.singleConnection());
    }

    /** What it sets on each connection (keepalive, {@code TCP_USER_TIMEOUT}); nothing unless said otherwise. */
    default SocketSettings socketSettings() {
        return SocketSettings.NONE;
    }

    /**
     * Whether it says anything about {@code fault}: the watching mechanisms act on established
     * connections, not on a connect to a dead host (faults g and g'); the connect timeout and the
     * SYN retries act on nothing else.
     */
    default boolean appliesTo(CableFault fault) {
        return !fault.reconnects();
    }

    /** The keepalive it switches on, if any: its probes are segments the server sends while idle. */
    default java.util.Optional<TcpKeepalive> keepalive() {
        return java.util.Optional.empty();
    }

    /** The read deadline it keeps, if any: a local timer over the last byte read. */
    default java.util.Optional<ReadDeadline> readDeadline() {
        return java.util.Optional.empty();
    }

    /** The application heartbeat it runs, if any: pings the server sends, pongs it waits for. */
    default java.util.Optional<AppHeartbeat> heartbeat() {
        return java.util.Optional.empty();
    }

    /** The application's connect timeout, if any: a timer around a connect (faults g and g'). */
    default java.util.Optional<ConnectTimeout> connectTimeout() {
        return java.util.Optional.empty();
    }

    /** {@code net.*} sysctls it needs in the server's namespace (never outside it). */
    default Map<String, String> serverSysctls() {
        return Map.of();
    }

    /** What the settings predict for one connection under {@code fault}. */
    Theory theory(CableFault fault, ConnectionTimeline timeline);

    /**
     * The time the settings give, without the per-connection instants, for sizing a trial's bound;
     * {@link Theory#NEVER} when nothing would end the connection (in any useful time).
     */
    long nominalNanos(CableFault fault, int retries2);

    /** One token, no spaces or commas: "KEEPALIVE:2:1:3". */
    String encode();

    static Mechanism decode(String token) {
        String[] p = token.split(":");
        return switch (p[0]) {
            case "DEFAULTS" -> new KernelDefaults();
            case "RETRIES" -> new ShortRetries(Integer.parseInt(p[1]));
            case "KEEPALIVE" -> new TcpKeepalive(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
            case "READ_DEADLINE" -> new ReadDeadline(Long.parseLong(p[1]));
            case "HEARTBEAT" -> new AppHeartbeat(Long.parseLong(p[1]), Integer.parseInt(p[2]));
            case "USER_TIMEOUT" -> new UserTimeout(Long.parseLong(p[1]));
            case "CONNECT_TIMEOUT" -> new ConnectTimeout(Long.parseLong(p[1]));
            case "SYN_RETRIES" -> new SynRetries(Integer.parseInt(p[1]));
            case "KEEPALIVE_USER_TIMEOUT" -> new KeepaliveWithUserTimeout(new TcpKeepalive(Integer.parseInt(p[1]),
                    Integer.parseInt(p[2]), Integer.parseInt(p[3])), new UserTimeout(Long.parseLong(p[4])));
            case "COMBINATION" -> Combination.decodeParts(token.substring(token.indexOf(':') + 1));
            default -> throw new IllegalArgumentException("unknown mechanism token '" + token + "'");
        };
    }
}
