package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.Mechanism;
import io.closebench.cable.OutcomeLine;
import io.closebench.cable.Theory;

import io.closebench.schema.DetectedBy;

import io.closebench.schema.Observer;
import io.closebench.observe.Detection;
import io.closebench.schema.Outcome;

/**
 * One connection's result: nothing is dropped. A connection undecided at the bound is TIMEOUT
 * (detected by BOUND) with how long it waited; one the harness could not run is HARNESS_FAILURE
 * with the reason. All times are {@code System.nanoTime()} differences; -1 means "not applicable".
 *
 * @param trial                     the trial's number in its run
 * @param fault                     what happened to the client
 * @param mechanism                 how the server watched
 * @param observer                  through which API
 * @param connection                the connection's index in its group
 * @param detection                 what told and when, the same value a loopback repetition reports:
 *                                  detected by READ, WRITE, READ_DEADLINE, HEARTBEAT, BOUND, RECOVERY
 *                                  (see {@link OutcomeLine}); t1 - t0, for TIMEOUT how long it waited
 * @param sinceLastPeerSegmentNanos t1 - the last segment the server's kernel received from the client
 *                                  ({@code ss -i}); -1 when not sampled (frozen peer, no pull)
 * @param sinceLastReadNanos        t1 - the last byte the server read (or the start)
 * @param sincePlugNanos            t1 - the plug; -1 when the cable was not plugged back
 * @param theory                    what the settings predict for this connection
 * @param sinceReferenceNanos       t1 - the theory's reference instant
 * @param nextWrite                 what one 1-byte write right after the outcome returned
 * @param tcpStateAtEnd             the kernel's state for it at the trial's end (ESTAB, ..., gone)
 * @param boundNanos                the trial's bound after t0
 * @param retries2                  {@code tcp_retries2} in the server's namespace
 * @param linkDownAfterNanos        when the server's end first showed carrier 0, after t0: the part
 *                                  of every time that is the {@code ip} command's start-up; -1 if not seen
 * @param ipReturnedAfterNanos      when {@code ip link set down} returned, after t0; -1 without pull
 * @param plugAfterNanos            when the plug was started, after t0; -1 without plug
 * @param arpStartAfterNanos        when the server's kernel started resolving the client's address
 *                                  (the trial's first segment after the pull), after t0; -1 if never
 * @param icmpRateLimited           ICMP messages the server's kernel dropped to its rate limits during
 *                                  the trial (shared by its connections; {@link IcmpRateLimitCount}):
 *                                  host-unreachable reports a connection never got; -1 where not counted
 * @param bytesWritten              bytes the server's kernel accepted on this connection
 * @param pongs                     pongs received
 * @param failure                   why the harness could not run it as designed, or ""
 * @param wire                      what it left on the server's cable, and the kernel's reports of it
 * @param t0BoundNanos              how far the trial's true t0 can be from the one its times count from:
 *                                  0 on this host's clock, the offset estimate's bound where the client's
 *                                  host took it on its own; -1 without a t0
 * @param rttNanos                  the round trip to the client's host measured with that estimate; -1 on this host
 */
public record CableSample(int trial, CableFault fault, Mechanism mechanism, Observer observer, int connection,
                          Detection detection, long sinceLastPeerSegmentNanos, long sinceLastReadNanos,
                          long sincePlugNanos, Theory theory, long sinceReferenceNanos, String nextWrite,
                          String tcpStateAtEnd, long boundNanos, int retries2, long linkDownAfterNanos,
                          long ipReturnedAfterNanos, long plugAfterNanos, long arpStartAfterNanos,
                          long icmpRateLimited, long bytesWritten, long pongs,
                          String failure, CableWireFacts wire, long t0BoundNanos, long rttNanos) {

    /** A sample without wire facts (not captured) and without a t0 (a row given by the rule, a harness failure). */
    public CableSample(int trial, CableFault fault, Mechanism mechanism, Observer observer, int connection,
                       Detection detection, long sinceLastPeerSegmentNanos, long sinceLastReadNanos,
                       long sincePlugNanos, Theory theory, long sinceReferenceNanos, String nextWrite,
                       String tcpStateAtEnd, long boundNanos, int retries2, long linkDownAfterNanos,
                       long ipReturnedAfterNanos, long plugAfterNanos, long arpStartAfterNanos,
                       long icmpRateLimited, long bytesWritten, long pongs, String failure) {
        this(trial, fault, mechanism, observer, connection, detection, sinceLastPeerSegmentNanos, sinceLastReadNanos,
                sincePlugNanos, theory, sinceReferenceNanos, nextWrite, tcpStateAtEnd, boundNanos, retries2,
                linkDownAfterNanos, ipReturnedAfterNanos, plugAfterNanos, arpStartAfterNanos, icmpRateLimited,
                bytesWritten, pongs, failure, CableWireFacts.NOT_CAPTURED, -1, -1);
    }

    public Outcome outcome() {
        return detection.outcome();
    }

    public DetectedBy detectedBy() {
        return detection.detectedBy();
    }

    public String exceptionClass() {
        return detection.exceptionClass();
    }

    public String exceptionMessage() {
        return detection.exceptionMessage();
    }

    /** t1 - t0; for TIMEOUT, how long it waited. */
    public long detectionNanos() {
        return detection.latencyNanos();
    }

    /**
     * Measured / predicted, from the same reference instant; NaN where the theory has no finite time,
     * and for a connection given up at the bound (it had not ended: its time is only a lower limit).
     */
    public double ratio() {
        if (!theory.isFinite() || theory.boundNanos() == 0 || outcome() == Outcome.HARNESS_FAILURE || reachedBound()
                || ruleOnly()) {
            return Double.NaN;
        }
        return (double) sinceReferenceNanos / theory.boundNanos();
    }

    /**
     * Measured / predicted above this: a connect that missed its ARP round's report and learnt a
     * whole round (3 s) later, not one that was merely slow.
     */
    public static final double LATER_ROUND_RATIO = 1.5;

    /** It learnt at a later ARP round than its rule's ({@link #LATER_ROUND_RATIO}). */
    public boolean learntAtALaterRound() {
        return ratio() > LATER_ROUND_RATIO;
    }

    /** The trial gave up on it: nothing was noticed within the bound. */
    public boolean reachedBound() {
        return detectedBy() == DetectedBy.BOUND;
    }

    /** Not measured: the row gives the rule's time only ({@link DetectedBy#RULE}). */
    public boolean ruleOnly() {
        return detectedBy() == DetectedBy.RULE;
    }

    /**
     * A row that was not measured because {@code theory} lies beyond the longest wait asked for:
     * outcome NONE, detected by RULE, no times.
     */
    public static CableSample ruleOnly(int trial, CableFault fault, Mechanism mechanism, Observer observer, Theory theory,
                                       int retries2) {
        return new CableSample(trial, fault, mechanism, observer, 0,
                new Detection(Outcome.NONE, DetectedBy.RULE, "", "", "", -1), -1, -1, -1, theory, -1, "", "",
                -1, retries2, -1, -1, -1, -1, IcmpRateLimitCount.NOT_COUNTED, 0, 0, "");
    }

    static CableSample harnessFailure(int trial, CableFault fault, CableGroup group, int connection, String why) {
        return new CableSample(trial, fault, group.mechanism(), group.observer(), connection, Detection.harnessFailure(),
                -1, -1, -1, Theory.notPredicted(Theory.Reference.PLUG, "not run"), -1, "", "",
                -1, -1, -1, -1, -1, -1, IcmpRateLimitCount.NOT_COUNTED, 0, 0, why);
    }
}
