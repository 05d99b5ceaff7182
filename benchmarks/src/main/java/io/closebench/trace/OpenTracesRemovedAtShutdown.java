package io.closebench.trace;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers every {@link KernelTrace} whose instance still exists and removes those instances from
 * one JVM shutdown hook (normal exit, {@code System.exit}, SIGINT, SIGTERM), installed the first
 * time a trace registers. SIGKILL, an OOM kill or a crash run no Java code: their instances keep
 * the dead pid in their names and the next {@link KernelTrace#start} removes them.
 */
final class OpenTracesRemovedAtShutdown {

    private static final Set<KernelTrace> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private OpenTracesRemovedAtShutdown() {
    }

    /** @throws IllegalStateException if the JVM is already shutting down (the instance would leak) */
    static void register(KernelTrace trace) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenTracesRemovedAtShutdown::closeAll,
                    "closebench-trace-cleanup"));
        }
        OPEN.add(trace);
    }

    static void unregister(KernelTrace trace) {
        OPEN.remove(trace);
    }

    /** Closes each remaining trace; a failure is reported on stderr and does not stop the rest. */
    static void closeAll() {
        for (KernelTrace trace : Set.copyOf(OPEN)) {
            try {
                trace.close();
            } catch (RuntimeException e) {
                System.err.println("closebench: could not remove the trace instance " + trace + " at shutdown: " + e);
            }
        }
    }
}
