package io.closebench.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Removes one project namespace completely, so that neither its name nor the namespace itself
 * (and with it the veth end living in it) survives.
 *
 * <p>Why more than {@code ip netns delete}: that command only unmounts the name. A process still
 * running inside (a server started with {@code ip netns exec} and never stopped) keeps the
 * namespace alive as an anonymous one: its veth stays, and nothing lists or sweeps it any more.
 * So processes found inside are sent SIGTERM, given {@link #TERM_GRACE} to exit, then SIGKILL.
 * Only namespaces with the project prefix are accepted, so only processes this project placed
 * inside its own namespaces (or someone debugging in them) can be hit.
 *
 * <p>"Already gone" is success: two closers (an explicit {@code close()} racing the shutdown
 * hook, or two sweeping JVMs) may both try.
 */
final class NamespaceRemoval {

    static final Duration TERM_GRACE = Duration.ofSeconds(2);

    private NamespaceRemoval() {
    }

    /**
     * Removes the namespace if it is listed.
     *
     * @return true if this call removed it, false if it was not there (any more)
     * @throws CommandFailedException when it is there and could not be removed
     */
    static boolean removeIfPresent(String name) {
        IpNetns.requireProjectName(name);
        if (!IpNetns.exists(name)) {
            return false;
        }
        stopProcessesInside(name);
        CommandResult result = IpNetns.delete(name);
        if (result.succeeded()) {
            return true;
        }
        if (!IpNetns.exists(name)) {
            return false;
        }
        throw new CommandFailedException(result.command(), "exit status " + result.exitCode(),
                result.stderr(), null, false);
    }

    /**
     * Removes every listed namespace that is present, attempting all of them even when one fails.
     *
     * @return the names this call removed, in order
     * @throws RuntimeException the first failure, with the others attached as suppressed
     */
    static List<String> removeAll(List<String> names) {
        List<String> removed = new ArrayList<>();
        RuntimeException failure = null;
        for (String name : names) {
            try {
                if (removeIfPresent(name)) {
                    removed.add(name);
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return removed;
    }

    private static void stopProcessesInside(String name) {
        List<ProcessHandle> inside = new ArrayList<>();
        for (long pid : IpNetns.pidsInside(name)) {
            if (pid != ProcessHandle.current().pid()) {
                ProcessHandle.of(pid).ifPresent(inside::add);
            }
        }
        inside.forEach(ProcessHandle::destroy);
        awaitExit(inside, TERM_GRACE);
        inside.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(inside, TERM_GRACE);
        Optional<ProcessHandle> survivor = inside.stream().filter(ProcessHandle::isAlive)
                .findFirst();
        if (survivor.isPresent()) {
            throw new IllegalStateException("process " + survivor.get().pid() + " inside "
                    + name + " survived SIGKILL for " + TERM_GRACE);
        }
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for pid " + process.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
