package io.closebench.trace;

import io.closebench.wire.Endpoint;
import io.closebench.wire.FourTuple;
import io.closebench.wire.Party;
import java.util.Optional;

/**
 * The two ends of the socket a TCP tracepoint fired for, as that socket sees them: its own
 * ({@code sport}, {@code saddr}) and the other one ({@code dport}, {@code daddr}). A socket not
 * yet bound or connected shows port 0 or address 0.0.0.0 (a connect's first state change,
 * CLOSE to SYN_SENT, has local port 0).
 *
 * @param local  the socket's own address and port
 * @param remote the address and port it is connected to
 */
public record SocketEnds(Endpoint local, Endpoint remote) {

    /**
     * Whose socket this is in {@code connection}: the observer's when its local end is the
     * observer's, the peer's when it is the peer's; empty for a socket of another connection.
     */
    public Optional<Party> socketOf(FourTuple connection) {
        if (local.equals(connection.observer()) && remote.equals(connection.peer())) {
            return Optional.of(Party.OBSERVER);
        }
        if (local.equals(connection.peer()) && remote.equals(connection.observer())) {
            return Optional.of(Party.PEER);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return local + " -> " + remote;
    }
}
