package io.closebench.observe;

import io.closebench.placement.CpuSet;
import io.closebench.schema.Observer;
import io.closebench.transport.SocketHome;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One I/O model a program can choose to learn that a connection ended: how its sockets are made,
 * the thread or loop its calls run on, and how it watches many connections at once. Every case of
 * the matrix, every benchmark, the cable cases and mass death run each model through this one
 * interface; adding a model is one implementation and a line in {@link ObserverModels}.
 */
public interface ObserverModel {

    /** @return its name in results */
    Observer id();

    /** @return why it cannot run on this JDK or kernel, or empty when it can */
    Optional<String> unavailableReason();

    /** The oldest JDK feature release it runs on: a benchmark fork on an older JDK skips it with the reason. */
    default int minimumJdk() {
        return 17;
    }

    /**
     * Whether it gives every connection a thread of its own (a blocking call per connection), so that
     * N connections are N loops, not the side's one.
     */
    default boolean threadPerConnection() {
        return false;
    }

    /**
     * Starts an observer of this model: its thread (or event loop), placed on {@code cpus}.
     *
     * @param name a name for its thread
     * @param cpus where it runs; empty: unpinned
     * @param clock the clock every call is stamped with
     * @throws IllegalStateException with {@link #unavailableReason()} when it cannot run here
     */
    default ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock) throws IOException {
        return open(name, cpus, clock, SocketHome.HERE);
    }

    /**
     * As {@link #open(String, Optional, LongSupplier)}, its sockets made in {@code home} (a network
     * namespace's, for an observer that watches from a host in namespaces).
     */
    ObserverSide open(String name, Optional<CpuSet> cpus, LongSupplier clock, SocketHome home) throws IOException;

    /**
     * How long a program of this model waits for a connect when it sets no timeout of its own:
     * empty for the JDK's sockets (the kernel decides), Netty's {@code CONNECT_TIMEOUT_MILLIS}
     * default for Netty.
     */
    default Optional<Duration> defaultConnectTimeout() {
        return Optional.empty();
    }
}
