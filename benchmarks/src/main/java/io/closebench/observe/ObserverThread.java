package io.closebench.observe;

import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;
import io.closebench.transport.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The thread the observer runs on, reused across repetitions, which can tell when it is asleep in
 * the kernel.
 *
 * <p>Two shapes, as in real servers. Without an idle loop it is a plain worker that waits for its
 * next task (the blocking observers, on a platform or a virtual thread). With one it is an event
 * loop: between tasks it keeps servicing the other channels of its {@link EventLoop} (a
 * {@code Selector}, or Netty's), and a new task wakes the loop, as in Netty. That wake-up comes
 * before t0 in every case: the harness hands the observer its work and then waits until it sleeps
 * (or, where the observer acts after the fault, the observer takes t0 itself), so no hand-off of the
 * harness lies inside t1 - t0. {@link #lastHandOffAt()} lets a repetition check that.
 *
 * <p>Why "asleep": for a case where the observer waits (a read blocked in the kernel, a selector in
 * {@code epoll_wait}) the fault must come <em>after</em> the observer is parked, otherwise the
 * figure measures an outcome that was already there, not the wake-up. Java cannot see this: the
 * thread is RUNNABLE in both cases. Linux can: {@link AsleepCheck}. Where {@code /proc} is missing,
 * {@link #awaitAsleep} falls back to a fixed pause and says it did not see it.
 *
 * <p>Placement: a platform thread pins itself to its CPUs as it starts; a virtual thread is placed
 * through its carriers and the JDK's pollers ({@link VirtualThreadAsleep#refresh()}).
 */
public final class ObserverThread implements AutoCloseable {

    private static final long FALLBACK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long IDLE_SELECT_MILLIS = 100;
    /** How long a new thread may take to run its first task (place itself, find its kernel id). */
    private static final Duration START_BOUND = Duration.ofSeconds(30);

    /** Wakes a worker that waits on its queue, so that it looks at its timers again; running it does nothing. */
    private static final FutureTask<Void> WAKE = new FutureTask<>(() -> null);

    private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final PriorityBlockingQueue<Timed> timers = new PriorityBlockingQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    private final EventLoop idleLoop;
    private final Optional<CpuSet> cpus;
    private final Thread thread;
    private final boolean virtual;
    private volatile AsleepCheck asleep;
    private volatile int tid = -1;
    private volatile long lastHandOffAt = Long.MIN_VALUE;
    private volatile boolean closed;

    /** A plain platform worker, unpinned: sleeps on its task queue between tasks. */
    public ObserverThread(String name) {
        this(name, false, null, Optional.empty());
    }

    /** A platform thread, unpinned; an event loop when {@code idleLoop} is given. */
    public ObserverThread(String name, EventLoop idleLoop) {
        this(name, false, idleLoop, Optional.empty());
    }

    /**
     * @param name     the thread's name
     * @param virtual  a virtual thread (JDK 21+) instead of a platform thread
     * @param idleLoop the event loop it services between tasks, or null for a plain worker; it
     *                 becomes this thread's, which closes it on its way out
     * @param cpus     where it runs; empty: unpinned
     */
    public ObserverThread(String name, boolean virtual, EventLoop idleLoop, Optional<CpuSet> cpus) {
        this.idleLoop = idleLoop;
        this.cpus = cpus;
        this.virtual = virtual;
        this.thread = virtual ? VirtualThreads.unstarted(name, this::loop) : new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
        try {
            call(START_BOUND, this::onItsThread);
        } catch (IOException e) {
            throw new IllegalStateException("observer thread " + name + " failed to start", e);
        }
    }

    /** Runs first, on the thread itself: where it is, who it is. */
    private Void onItsThread() {
        if (virtual) {
            VirtualThreadAsleep check = new VirtualThreadAsleep(thread, cpus);
            check.refresh();
            asleep = check;
        } else {
            cpus.ifPresent(Affinity::pinCurrentThread);
            tid = Affinity.currentTid();
            asleep = KernelThreads.visible() && tid > 0 ? AsleepCheck.kernelThread(tid) : null;
        }
        return null;
    }

    /** Queues a task; once the thread is closed, refuses it at once rather than leave a caller waiting. */
    public <T> Future<T> submit(Callable<T> task) {
        if (closed) {
            throw new RejectedExecutionException("the observer thread is closed");
        }
        FutureTask<T> f = new FutureTask<>(task);
        lastHandOffAt = System.nanoTime();
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
     * Runs {@code task} on this thread at {@code atNanos} ({@code System.nanoTime()}) or soon after,
     * between tasks: the timers of the connections it watches (heartbeats, read deadlines, writes
     * that are due). From any thread; it is the observer's own work, not a hand-off of the harness's.
     */
    public void at(long atNanos, Runnable task) {
        timers.add(new Timed(atNanos, timerSequence.getAndIncrement(), task));
        if (Thread.currentThread() != thread) {
            if (idleLoop != null) {
                idleLoop.wakeup();
            } else {
                tasks.add(WAKE);
            }
        }
    }

    private record Timed(long at, long sequence, Runnable task) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed o) {
            long d = at - o.at;
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(sequence, o.sequence);
        }
    }

    /** Runs the timers that are due; returns how long until the next, in whole milliseconds, at least 1. */
    private long runDueTimers() {
        while (true) {
            Timed next = timers.peek();
            if (next == null) {
                return IDLE_SELECT_MILLIS;
            }
            long left = next.at() - System.nanoTime();
            if (left > 0) {
                return Math.max(1, Math.min(IDLE_SELECT_MILLIS, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
            }
            Runnable task = timers.poll().task();
            try {
                task.run();
            } catch (RuntimeException e) {
                // a watch's timer is its own business: report it, and keep the loop (and every other connection) going
                System.err.println(thread.getName() + ": a timer failed: " + e);
            }
        }
    }

    /**
     * The clock reading taken right before the latest hand-off of work to this thread (a task
     * queued, its loop woken): a repetition whose t0..t1 contains it measured the harness.
     */
    public long lastHandOffAt() {
        return lastHandOffAt;
    }

    /**
     * Waits until the observer sleeps in the kernel, or {@code maxNanos} passed. Returns true if it
     * was seen asleep; false means the caller proceeds without that guarantee (and records so).
     * Call it only once the task has started (see {@code CaseRunner}), or it may see the thread
     * asleep waiting for the task itself.
     */
    public boolean awaitAsleep(long maxNanos) {
        AsleepCheck check = asleep;
        if (check == null) {
            sleepNanos(FALLBACK_PAUSE_NANOS);
            return false;
        }
        long until = System.nanoTime() + maxNanos;
        do {
            if (check.asleep()) {
                return true;
            }
            // yield, not spin: pinned to the observer's CPU, a spinning harness would keep the observer
            // from reaching its sleep for a whole scheduler slice; on another CPU yield returns at once
            Thread.yield();
        } while (System.nanoTime() - until < 0);
        return false;
    }

    /** @return whether the observer sleeps in the kernel right now (false where that cannot be seen) */
    public boolean isAsleep() {
        AsleepCheck check = asleep;
        return check != null && check.asleep();
    }

    /** @return what "asleep" means for this thread, and on which threads it is checked */
    public String asleepMeans() {
        AsleepCheck check = asleep;
        return check == null ? "not visible here (/proc missing): a fixed pause instead" : check.describe();
    }

    /**
     * Makes "asleep" mean {@code check} from now on instead of this thread's own kernel state: for a
     * model whose calls this thread only hands to another process (the C observer), the thread that
     * sleeps in the kernel is that process's.
     */
    public void watchInstead(AsleepCheck check) {
        this.asleep = check;
    }

    /** @return the CPUs it was asked to run on; empty: unpinned */
    public Optional<CpuSet> cpus() {
        return cpus;
    }

    /** @return its kernel thread id; -1 for a virtual thread, which has none of its own */
    public int tid() {
        return tid;
    }

    public boolean isVirtual() {
        return virtual;
    }

    private void loop() {
        if (idleLoop != null) {
            idleLoop.ownedBy(Thread.currentThread(), () -> !tasks.isEmpty());
        }
        try {
            while (!closed) {
                // close() sets closed before it interrupts; any other interrupt (a task's own) is cleared
                // here, or a selector would return at once forever and a queue wait would throw
                Thread.interrupted();
                long wait = runDueTimers();
                FutureTask<?> task;
                try {
                    task = idleLoop == null ? tasks.poll(wait, TimeUnit.MILLISECONDS) : tasks.poll();
                } catch (InterruptedException e) {
                    continue; // close() ends the wait this way; the loop's condition decides
                }
                if (task != null) {
                    task.run();
                } else if (idleLoop != null) {
                    idleLoop.serviceIdle(wait);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException("observer event loop failed", e);
            }
        } finally {
            tasks.forEach(t -> t.cancel(false));
            if (idleLoop != null) {
                idleLoop.close();
            }
        }
    }

    /**
     * Runs {@code task} on this thread and waits for it, at most {@code bound}: the one way the
     * harness has something done on the observer's thread and waits for it (set-up, tear-down, a
     * connection's options), never on the measured path. What the task throws as an
     * {@link IOException} comes back as it is; anything else that keeps the answer from coming (the
     * thread closed, the bound passed, an interrupt, another exception) is an {@link IOException}
     * that says which, so that not even a dead observer thread can hang a run. A task that overruns
     * its bound keeps running (it was not started yet: it never runs); the thread serves the next
     * call once it returns.
     */
    public <T> T call(Duration bound, Callable<T> task) throws IOException {
        Future<T> answer;
        try {
            answer = submit(task);
        } catch (RejectedExecutionException e) {
            throw new IOException(thread.getName() + ": " + e.getMessage(), e);
        }
        try {
            return answer.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // never interrupt the observer: an interrupt left on its thread would end its loop (which
            // takes one for close()) once the late task returns, and every later call would hang; a
            // virtual thread's interrupt would also close the socket it is blocked on
            answer.cancel(false);
            throw new IOException(thread.getName() + " did not answer within " + bound.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + thread.getName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(thread.getName() + ": " + e.getCause(), e.getCause());
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
