package io.closebench.s1;

/**
 * Told what a trial is doing, for progress output. An exception thrown here aborts the trial like
 * any other failure: everything it started is removed and its connections are reported as
 * HARNESS_FAILURE, which is also how the tests check that a failing trial leaves nothing behind.
 */
public interface TrialListener {

    TrialListener NONE = new TrialListener() {
    };

    /** The connections are up and watched; the fault comes next. */
    default void started(TrialSpec spec) {
    }

    /** The fault was injected at {@code t0} ({@code System.nanoTime()}). */
    default void faultInjected(TrialSpec spec, long t0) {
    }
}
