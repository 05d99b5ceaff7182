package io.closebench.cable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One trial's shared instants and its connections' outcomes: the fault and its bound, the plug, the
 * carrier loss, set by the trial as they happen and read by every watched connection; and each
 * connection's outcome as it is decided. Observers that sleep in a selector or an event loop register
 * a wake-up, so that a new bound or the plug takes effect at once.
 */
public final class TrialControl {

    private final CountDownLatch faulted = new CountDownLatch(1);
    private final CountDownLatch undecided;
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();
    private final Map<String, OutcomeLine> outcomes = new ConcurrentHashMap<>();
    private volatile long deadline = Long.MAX_VALUE;
    private volatile long faultAt = -1;
    private volatile long plugAt = -1;
    private volatile long carrierLostAt = -1;

    public TrialControl(int connections) {
        this.undecided = new CountDownLatch(connections);
    }

    public void onWakeUp(Runnable r) {
        wakeUps.add(r);
    }

    /** The fault happened at {@code t0}; connections still undecided at {@code boundAt} end as TIMEOUT (BOUND). */
    public void fault(long t0, long boundAt) {
        deadline = boundAt;
        faultAt = t0;
        faulted.countDown();
        wakeUps.forEach(Runnable::run);
    }

    /** Waits for the fault; returns its t0, or -1 if it did not come within {@code timeoutNanos}. */
    public long awaitFault(long timeoutNanos) throws InterruptedException {
        return faulted.await(timeoutNanos, TimeUnit.NANOSECONDS) ? faultAt : -1;
    }

    public void plugged(long at) {
        plugAt = at;
        wakeUps.forEach(Runnable::run);
    }

    public void carrierLost(long at) {
        if (carrierLostAt < 0) {
            carrierLostAt = at;
        }
    }

    public long deadline() {
        return deadline;
    }

    public long plugAt() {
        return plugAt;
    }

    public long carrierLostAt() {
        return carrierLostAt;
    }

    /** One connection's outcome, once: its decision and the follow-up write's result. */
    public void decided(OutcomeLine outcome) {
        if (outcomes.putIfAbsent(outcome.group() + "/" + outcome.index(), outcome) == null) {
            undecided.countDown();
        }
    }

    /** Waits until every connection is decided or {@code until} (the clock) has passed; true when all are. */
    public boolean awaitAllDecided(long until) throws InterruptedException {
        return undecided.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The outcome of connection {@code index} of group {@code group}, or null when it was never decided. */
    public OutcomeLine outcome(int group, int index) {
        return outcomes.get(group + "/" + index);
    }

    /** Every outcome decided so far. */
    public List<OutcomeLine> outcomes() {
        return List.copyOf(outcomes.values());
    }
}
