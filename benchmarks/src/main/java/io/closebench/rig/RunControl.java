package io.closebench.rig;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a long run shares with whatever may stop it: what it is doing now, how many repetitions it
 * has completed, and whether it has been asked to stop (by SIGINT or SIGTERM, see the command
 * line's signal handling). Jobs check {@link #stopRequested()} between repetitions, so a stop
 * finishes or abandons at most the repetition in progress, which is bounded by its deadline.
 */
public final class RunControl {

    private volatile String stoppedBy = "";
    private volatile String during = "start-up";
    private final AtomicLong repetitions = new AtomicLong();

    /** A control nobody stops: for tests and embedded use. */
    public static RunControl unstoppable() {
        return new RunControl();
    }

    /** Asks the run to stop; the first signal is the one reported. */
    public synchronized void requestStop(String signal) {
        if (stoppedBy.isEmpty()) {
            stoppedBy = signal;
        }
    }

    public boolean stopRequested() {
        return !stoppedBy.isEmpty();
    }

    /** "SIGINT", "SIGTERM", or "" when nobody asked. */
    public String stoppedBy() {
        return stoppedBy;
    }

    /** What the run is doing now, in a few words: "matrix C2b", "bench PeerClosesWhileObserverWaits". */
    public void nowDoing(String what) {
        during = what;
    }

    public String doing() {
        return during;
    }

    public void repetitionDone() {
        repetitions.incrementAndGet();
    }

    public void repetitionsDone(long n) {
        repetitions.addAndGet(n);
    }

    /** Repetitions completed by every job of the run so far. */
    public long repetitions() {
        return repetitions.get();
    }
}
