package io.closebench.netns;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers every {@link HostPair} that is not closed yet and closes them from one JVM shutdown
 * hook, installed the first time a pair registers and never again.
 *
 * <p>This covers normal exit, {@code System.exit} and SIGINT/SIGTERM (Ctrl-C on a benchmark
 * run), so an interrupted run does not leave namespaces and veth pairs behind. It cannot cover
 * SIGKILL, an OOM kill or a JVM crash: no Java code runs then. Those leftovers keep the dead
 * JVM's pid in their names and are removed by the next {@link LeftoverSweep#sweep()}.
 */
final class OpenPairsClosedAtShutdown {

    private static final Set<HostPair> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private OpenPairsClosedAtShutdown() {
    }

    /**
     * Remembers the pair; installs the hook on first use.
     *
     * @throws IllegalStateException if the JVM is already shutting down (the pair would leak)
     */
    static void register(HostPair pair) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(
                    new Thread(OpenPairsClosedAtShutdown::closeAll, "closebench-netns-cleanup"));
        }
        OPEN.add(pair);
    }

    static void unregister(HostPair pair) {
        OPEN.remove(pair);
    }

    /** Pairs still open right now. */
    static List<HostPair> open() {
        return List.copyOf(OPEN);
    }

    /** Closes each remaining pair; a failure is reported on stderr and does not stop the rest. */
    static void closeAll() {
        for (HostPair pair : List.copyOf(OPEN)) {
            try {
                pair.close();
            } catch (RuntimeException e) {
                System.err.println("closebench: could not remove " + pair + " at shutdown: " + e);
            }
        }
    }
}
