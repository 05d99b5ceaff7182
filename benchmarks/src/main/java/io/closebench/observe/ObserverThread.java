package io.closebench.observe;

import io.closebench.transport.SelectorLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The thread the observer runs on, reused across repetitions, which can tell when it is asleep in
 * the kernel.
 *
 * <p>Two shapes, as in real servers. Without an idle loop it is a plain worker that waits for its
 * next task (the blocking observer). With one it is an event loop: between tasks it keeps servicing
 * the other channels on the selector (background load), and a new task wakes the selector, as in
 * Netty. That wake-up is part of what an NIO program pays, so it stays on the measured path.
 *
 * <p>Why "asleep": for a case where the observer waits (a read blocked in the kernel, or a selector
 * in {@code epoll_wait}) the fault must come <em>after</em> the observer is parked, otherwise the
 * figure measures an outcome that was already there, not the wake-up. Java cannot see this: the
 * thread is RUNNABLE in both cases. Linux can: the thread's {@code /proc/self/task/TID/stat} state
 * is {@code S} while it sleeps. The thread learns its TID from {@code /proc/thread-self} when it
 * starts. Where {@code /proc} is missing, {@link #awaitAsleep} falls back to a fixed pause.
 */
public final class ObserverThread implements AutoCloseable {

    private static final long FALLBACK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long IDLE_SELECT_MILLIS = 100;

    private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final SelectorLoop idleLoop;
    private final Thread thread;
    private final Optional<Path> stat;
    private volatile boolean closed;

    /** A plain worker: sleeps on its task queue between tasks. */
    public ObserverThread(String name) {
        this(name, null);
    }

    /** An event loop when {@code idleLoop} is given: services that selector between tasks. */
    public ObserverThread(String name, SelectorLoop idleLoop) {
        this.idleLoop = idleLoop;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
        this.stat = call(ObserverThread::ownStatFile);
    }

    /** Queues a task; once the thread is closed, refuses it at once rather than leave a caller waiting. */
    public <T> Future<T> submit(Callable<T> task) {
        if (closed) {
            throw new RejectedExecutionException("the observer thread is closed");
        }
        FutureTask<T> f = new FutureTask<>(task);
        tasks.add(f);
        if (closed && tasks.remove(f)) {
            // closed meanwhile: the loop may already be gone
            throw new RejectedExecutionException("the observer thread is closed");
        }
        if (idleLoop != null) {
            idleLoop.wakeup();
        }
        return f;
    }

    /**
     * Waits until the thread sleeps in the kernel, or {@code maxNanos} passed. Returns true if it
     * was seen asleep; false means the caller proceeds without that guarantee (and records so).
     * Call it only once the task has started (see {@code CaseRunner}), or it may see the thread
     * asleep waiting for the task itself.
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

    private void loop() {
        try {
            while (!closed) {
                FutureTask<?> task = idleLoop == null ? tasks.take() : tasks.poll();
                if (task != null) {
                    task.run();
                } else {
                    idleLoop.serviceIdle(IDLE_SELECT_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException("observer event loop failed", e);
            }
        } finally {
            tasks.forEach(t -> t.cancel(false));
        }
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

    private <T> T call(Callable<T> task) {
        try {
            return submit(task).get();
        } catch (ExecutionException | InterruptedException e) {
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
        closed = true;
        thread.interrupt();
        if (idleLoop != null) {
            idleLoop.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
