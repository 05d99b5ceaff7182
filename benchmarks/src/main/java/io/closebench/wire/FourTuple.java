package io.closebench.wire;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One TCP connection by its two ends, named by role: the observer (the end whose program's
 * detection is measured) and the peer.
 *
 * @param observer the observer's address and port
 * @param peer     the peer's address and port
 */
public record FourTuple(Endpoint observer, Endpoint peer) {

    /**
     * The connection of an observer's socket, from its local and remote socket addresses
     * ({@code getLocalSocketAddress()}, {@code getRemoteSocketAddress()}).
     */
    public static FourTuple ofObserverSocket(InetSocketAddress local, InetSocketAddress remote) {
        return new FourTuple(Endpoint.of(local), Endpoint.of(remote));
    }

    /** Who sent the segment, or empty when it belongs to another connection. */
    public Optional<Party> senderOf(TcpSegment segment) {
        if (segment.goes(observer, peer)) {
            return Optional.of(Party.OBSERVER);
        }
        if (segment.goes(peer, observer)) {
            return Optional.of(Party.PEER);
        }
        return Optional.empty();
    }

    /** The endpoint of one side. */
    public Endpoint endpoint(Party side) {
        return side == Party.OBSERVER ? observer : peer;
    }

    @Override
    public String toString() {
        return "observer " + observer + " <-> peer " + peer;
    }
}
