package io.closebench.fault;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process the harness started and has not yet reaped, so that a JVM that is stopped
 * (Ctrl-C, a JMH fork ending, a test failing) kills them on the way out. Children also end by
 * themselves when their stdin closes, which covers a harness that is killed outright.
 */
public final class LiveChildren {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "closebench-kill-children"));
    }

    private LiveChildren() {
    }

    public static void add(Process p) {
        LIVE.add(p);
    }

    static void remove(Process p) {
        LIVE.remove(p);
    }

    /** How many children are alive right now (for tests and the end-of-run check). */
    static int count() {
        LIVE.removeIf(p -> !p.isAlive());
        return LIVE.size();
    }
}
