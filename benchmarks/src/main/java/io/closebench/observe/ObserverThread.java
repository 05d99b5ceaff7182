package io.closebench.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The thread the observer runs on, reused across repetitions, which can tell when it is asleep in
 * the kernel.
 *
 * <p>Why: for a case where the observer waits (a read blocked in the kernel, or a selector in
 * {@code epoll_wait}) the fault must come <em>after</em> the observer is parked, otherwise the
 * figure measures an outcome that was already there, not the wake-up. Java cannot see this: the
 * thread is RUNNABLE in both cases. Linux can: the thread's {@code /proc/self/task/TID/stat} state
 * is {@code S} while it sleeps. The thread learns its TID from {@code /proc/thread-self} when it
 * starts. Where {@code /proc} is missing, {@link #awaitAsleep} falls back to a fixed pause.
 */
public final class ObserverThread implements AutoCloseable {

    private static final long FALLBACK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ExecutorService executor;
    private final Optional<Path> stat;

    public ObserverThread(String name) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.stat = submitUnchecked(ObserverThread::ownStatFile);
    }

    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Waits until the thread sleeps in the kernel, or {@code maxNanos} passed. Returns true if it
     * was seen asleep; false means the caller proceeds without that guarantee (counted by callers).
     */
    public boolean awaitAsleep(long maxNanos) {
        if (stat.isEmpty()) {
            sleepNanos(FALLBACK_PAUSE_NANOS);
            return false;
        }
        long until = System.nanoTime() + maxNanos;
        do {
            if (isSleeping(stat.get())) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - until < 0);
        return false;
    }

    private static Optional<Path> ownStatFile() {
        try {
            // "/proc/thread-self" -> "<pid>/task/<tid>", relative to /proc
            Path task = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Path stat = Path.of("/proc").resolve(task).resolve("stat");
            return Files.isReadable(stat) ? Optional.of(stat) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static boolean isSleeping(Path stat) {
        try {
            String s = Files.readString(stat);
            // "tid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'
            int close = s.lastIndexOf(')');
            return close > 0 && close + 2 < s.length() && s.charAt(close + 2) == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    private <T> T submitUnchecked(Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (Exception e) {
            throw new IllegalStateException("observer thread failed to start", e);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
