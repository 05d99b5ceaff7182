package io.closebench.cable;

import io.closebench.fault.ChildMessage;
import io.closebench.fault.ChildMessage.Word;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trial's shared instants inside the server child, set from the harness's stdin commands
 * ({@code START}, {@code FAULT}, {@code PLUGGED}) and from the carrier watch, and read by every
 * observer. Observers that sleep in a selector or an event loop register a wake-up, so a new bound
 * or the plug takes effect at once.
 */
final class TrialControl {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch faulted = new CountDownLatch(1);
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();
    private final AtomicInteger undecided;
    private final ChildReporter out;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile long faultAt = -1;
    private volatile long plugAt = -1;
    private volatile long carrierLostAt = -1;

    TrialControl(int connections, ChildReporter out) {
        this.undecided = new AtomicInteger(connections);
        this.out = out;
    }

    void onWakeUp(Runnable r) {
        wakeUps.add(r);
    }

    void start() {
        started.countDown();
    }

    boolean awaitStart(long timeoutNanos) throws InterruptedException {
        return started.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The fault happened at {@code t0}; connections still undecided at {@code boundAt} end as TIMEOUT (BOUND). */
    void fault(long t0, long boundAt) {
        deadline = boundAt;
        faultAt = t0;
        faulted.countDown();
        wakeUps.forEach(Runnable::run);
    }

    /** Waits for the fault; returns its t0, or -1 if it did not come within {@code timeoutNanos}. */
    long awaitFault(long timeoutNanos) throws InterruptedException {
        return faulted.await(timeoutNanos, TimeUnit.NANOSECONDS) ? faultAt : -1;
    }

    void plugged(long at) {
        plugAt = at;
        wakeUps.forEach(Runnable::run);
    }

    void carrierLost(long at) {
        carrierLostAt = at;
    }

    long deadline() {
        return deadline;
    }

    long plugAt() {
        return plugAt;
    }

    long carrierLostAt() {
        return carrierLostAt;
    }

    /** Called once per connection when it is decided; the last one says DONE. */
    void decided() {
        if (undecided.decrementAndGet() == 0) {
            out.line(ChildMessage.of(Word.DONE));
        }
    }
}
