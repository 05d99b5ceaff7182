package io.closebench.fault;

import java.util.function.BooleanSupplier;

/**
 * How the in-process peer tells that a thread of its own (its selector's, {@link PeerSelector}) is
 * asleep in the kernel before the fault: on this host the kernel's view of the thread
 * ({@code observe.KernelAsleepProbe}, which reads {@code /proc}); on a peer host that has no
 * {@code /proc} (Windows, macOS) nothing can be seen, and the waiting thread pauses instead.
 * The peer's classes depend only on this interface, so that they run on any JDK.
 */
@FunctionalInterface
public interface AsleepProbe {

    /** Sees nothing: the caller pauses instead of looking (a host without {@code /proc}). */
    AsleepProbe NONE = () -> () -> false;

    /** Called on the thread to watch, once; returns the check another thread polls. */
    BooleanSupplier watchCurrentThread();
}
