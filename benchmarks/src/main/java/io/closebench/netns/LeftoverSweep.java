package io.closebench.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * Removes namespaces that earlier closebench JVMs created and never removed, and nothing else.
 *
 * <p>A namespace is swept only if its name follows {@code cb-<pid>-<tag>}
 * ({@link NamespaceNames}) and no process with that pid is alive. Names without the project
 * prefix, project-prefixed names that do not parse, and namespaces whose owner still runs (this
 * JVM, or another benchmark running concurrently) are never touched. Leftovers appear when a JVM
 * dies without running its shutdown hook: SIGKILL, OOM killer, crash, or a power-cycled CI
 * runner whose {@code /run} survived. Call {@link #sweep()} once at start-up, before creating
 * pairs.
 *
 * <p>Removal goes through {@link NamespaceRemoval}, so an orphaned process still running inside
 * a leftover (a server started with {@code ip netns exec} whose JVM was killed) is terminated
 * too, and the namespace and its veth are really gone rather than merely unnamed.
 */
public final class LeftoverSweep {

    private LeftoverSweep() {
    }

    /**
     * Removes every project namespace whose owning pid is no longer alive.
     *
     * @return names removed, in listing order (empty when there was nothing to sweep)
     * @throws CommandFailedException if a leftover could not be removed; all others were still
     *                                attempted, their failures attached as suppressed
     */
    public static List<String> sweep() {
        return sweep(LeftoverSweep::isAlive);
    }

    /** {@link #sweep()} with an explicit liveness test, so the policy can be tested alone. */
    static List<String> sweep(LongPredicate ownerAlive) {
        List<String> leftovers = new ArrayList<>();
        for (String name : IpNetns.listStartingWith(NamespaceNames.PROJECT_PREFIX)) {
            OptionalLong owner = NamespaceNames.ownerPid(name);
            if (owner.isPresent() && !ownerAlive.test(owner.getAsLong())) {
                leftovers.add(name);
            }
        }
        return NamespaceRemoval.removeAll(leftovers);
    }

    /**
     * Whether the owner of a project name ({@link NamespaceNames#ownerPid(String)}) still runs: this
     * JVM always counts as alive; others by their pid existing in our pid namespace. Also what the
     * kernel trace's instances ({@code io.closebench.trace}) are swept by.
     */
    public static boolean isAlive(long pid) {
        return pid == ProcessHandle.current().pid()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
