package io.closebench.rig;

import io.closebench.cable.PulledCableHosts;
import io.closebench.fault.MassFault;
import io.closebench.fault.MassPeer;
import io.closebench.fault.Peer;
import io.closebench.fault.PeerPlace;
import io.closebench.scenario.Scenario;
import io.closebench.transport.Connection;
import io.closebench.cable.CableFault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where the misbehaving peer lives: this host ({@link ThisHost}: a socket in the harness's JVM, a
 * child process, network namespaces for a pulled cable), or another machine, where a peer agent plays
 * it ({@code remote.RemoteHome}). A home makes
 * the peer of every kind of trial, connected to the observer, and says where the observer must
 * listen to be reached. The command line picks one; the matrix, the benchmarks, the soak, mass death
 * and S1 pass it on, so that adding a place for the peer is one class and touches no caller.
 */
public interface PeerHome extends AutoCloseable {

    /** In a few words, for the console and the results' metadata. */
    String describe();

    /** Where the peer runs: its host, OS and JDK, written beside every result. */
    PeerPlace place();

    /**
     * Why this home cannot play {@code s} (a bash child on a host without bash), or empty when it
     * can: the matrix shows such a case as skipped with that reason, instead of failing it.
     */
    default Optional<String> cannotPlay(Scenario s) {
        return Optional.empty();
    }

    /**
     * Why this home can no longer make peers (its peer agent's session has ended), or empty while it
     * can: a run stops there, saying so, rather than record a failure for every repetition left.
     */
    default Optional<String> lost() {
        return Optional.empty();
    }

    /**
     * Where the observer listens for this home's peers; {@code loopback}: the run's own loopback
     * address. A home whose peers listen too (for the observer's connects) opens their listener
     * there now, so that every port is known before a repetition runs ({@link #peerPorts()}).
     */
    InetAddress observerAddress(InetAddress loopback) throws IOException;

    /** The ports this home's peers listen on, on this host, for the observer's connects; none elsewhere. */
    java.util.Set<Integer> peerPorts();

    /** The observer's side of making a connection: its listener, its own connect, its thread. */
    interface ObserverEnds {
        /** The next connection on the observer's listener. */
        Connection accept(long deadline) throws IOException;

        /** A connection of the observer's model to {@code to}. */
        Connection connect(InetSocketAddress to, long deadline) throws IOException;

        /** Runs {@code task} on the observer's thread, bounded. */
        <T> T onObserver(Callable<T> task) throws IOException;
    }

    /** A peer and the observer's end of its connection. */
    record Connected(Peer peer, Connection observed) {
    }

    /**
     * The peer of one repetition of {@code s}, connected to the observer: it connects to the
     * observer's {@code listener} (a server-side case, a child), or listens and the observer
     * connects to it (a client-side case).
     */
    Connected connect(Scenario s, InetSocketAddress listener, ObserverEnds observer, long deadline) throws IOException;

    /** The clients of a mass death, not yet connected. */
    MassPeer massPeer(MassFault fault);

    /** Why this home cannot give a pulled cable (root, namespaces, rules), or empty when it can. */
    Optional<String> pulledCableUnavailable();

    /**
     * Why this home, which can pull a cable, cannot run one trial of {@code fault} with the server's
     * {@code sysctls} (a setting it must not change where the server lives, a fault its topology
     * does not have), or empty when it can; a home that cannot pull a cable at all says why
     * ({@link #pulledCableUnavailable()}).
     */
    default Optional<String> cannotPull(CableFault fault, Map<String, String> sysctls) {
        return pulledCableUnavailable();
    }

    /**
     * The two hosts of one pulled-cable trial, the server's {@code sysctls} set where it lives, the
     * client's link-layer address pinned at the server where {@code pinClient} says so.
     */
    PulledCableHosts pulledCable(Map<String, String> sysctls, boolean pinClient) throws IOException;

    /** Releases what the home holds across trials (listeners, a control connection). */
    @Override
    void close();
}
