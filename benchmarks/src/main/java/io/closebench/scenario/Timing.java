package io.closebench.scenario;

/** When the observer makes its calls, relative to the fault. */
public enum Timing {
    /**
     * The observer is already asleep in read/select when the fault comes; the harness waits for
     * that. Measures the wake-up path: what a server blocked on a connection experiences.
     */
    OBSERVER_WAITS,
    /** The observer makes its calls after the fault, as a program that has not yet noticed would. */
    OBSERVER_ACTS_AFTER,
    /**
     * Baseline: the fault came well before and its outcome is already in the observer's socket; t0
     * is taken on the observer thread right before its call. Measures the cost of the one call that
     * reports an outcome, so that harness and API cost can be told apart from detection.
     */
    OUTCOME_ALREADY_ARRIVED
}
