package io.closebench.observe;

/**
 * A probe and its follow-up as one repetition ran them ({@link ObserverSide#probe}).
 *
 * @param result   what the probe found
 * @param followUp the next read and the next write after it
 * @param t0       the clock right before the probe's first call: the repetition's t0 where the
 *                 observer acts after the fault ({@code System.nanoTime()}'s scale, whoever read it)
 */
public record ProbeRun(ProbeResult result, FollowUp followUp, long t0) {
}
