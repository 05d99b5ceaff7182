package io.closebench.rig;

/**
 * How the observer of a trial learns of the end, which decides what {@link Rig} does between
 * setting the stage and tearing it down. Two ways, as servers have: {@link Probing}, one
 * connection and the calls the observer makes on it (a read it is blocked in, the writes of a
 * sender that has not noticed); {@link Watching}, many connections watched as a server watches its
 * others, with the detection mechanism's timers and probes.
 *
 * @param <R> what one trial yields
 */
public interface Observing<R> {

    /** The connections' state at the fault: the observer's part of the preparation and the peer's. */
    void prepare(Stage stage, long deadline) throws Exception;

    /**
     * Arms the observer and injects the fault through {@link Stage#peer()}, in the order the case's
     * timing wants; returns t0 and the observer's state at that moment.
     */
    FaultInstant inject(Stage stage, long deadline) throws Exception;

    /** The outcome, by the deadline: whatever happens, it comes back, never dropped. */
    R await(Stage stage, FaultInstant fault, long deadline) throws Exception;

    /** A trial that could not run as designed: every connection's outcome HARNESS_FAILURE, with the reason. */
    R failed(String why);
}
