package io.closebench.rig;

import java.util.concurrent.Callable;

/**
 * The one rig: runs one trial for real, whatever the family (the conformance matrix, the
 * benchmarks, the soak, mass death, the pulled cable), wherever the peer lives and however the
 * observer watches. The steps are the same every time, in this order:
 * <ol>
 *   <li><b>set the stage</b>: the peer where it lives (a socket in this JVM, a child process, a host
 *       in network namespaces), connected to the observer ({@link Stage});</li>
 *   <li><b>prepare</b>: the connections' state at the fault (data sent, read or left unread,
 *       options and watches set);</li>
 *   <li><b>arm and inject</b>: the observer ready (asleep in its call, or watching), then the fault,
 *       t0 taken right before the call that causes it, or by the observer itself where it acts
 *       after the fault ({@link FaultInstant});</li>
 *   <li><b>await</b>: the outcome at t1, by the deadline;</li>
 *   <li><b>tear down</b>: peer, connections, processes, also when a step failed.</li>
 * </ol>
 * A trial never throws and never hangs: a step that fails makes the trial's outcome
 * HARNESS_FAILURE with the reason ({@link Observing#failed}); every wait is bounded by the deadline.
 * What differs by family is only the {@link Observing} and where the stage comes from.
 */
public final class Rig {

    private Rig() {
    }

    /**
     * Runs one trial: sets the stage with {@code stage} (bounded by {@code deadline}, the clock),
     * then the steps above with {@code observing}.
     */
    public static <R> R run(Callable<? extends Stage> stage, Observing<R> observing, long deadline) {
        Stage set = null;
        try {
            set = stage.call();
            observing.prepare(set, deadline);
            FaultInstant t0 = observing.inject(set, deadline);
            return observing.await(set, t0, deadline);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return observing.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (set != null) {
                set.close();
            }
        }
    }
}
