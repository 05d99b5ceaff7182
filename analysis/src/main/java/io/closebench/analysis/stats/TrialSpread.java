package io.closebench.analysis.stats;

import java.util.Arrays;

/**
 * A figure measured in a few repeated trials, the trial as the unit (never the connections within
 * one): the median over trials and the range from the smallest to the largest trial. With 3 to 5
 * trials a bootstrap interval is little more than that range, so the range is what is shown, with
 * what it guarantees: for a continuous figure, the range of {@code n} independent trials contains the
 * median of the trials' distribution with probability {@code 1 - 2^(1-n)} (75 % for 3 trials, 87.5 %
 * for 4, 93.75 % for 5), since it misses only when every trial falls on the same side of it.
 *
 * @param median the median over trials, the lower middle value for an even count (R-1, as
 *     {@link EmpiricalQuantile})
 * @param min the smallest trial
 * @param max the largest trial
 * @param trials how many trials
 */
public record TrialSpread(double median, double min, double max, int trials) {

    /** Validates the parts. */
    public TrialSpread {
        if (trials < 1 || !(min <= median && median <= max)) {
            throw new IllegalArgumentException("not a spread of trials: " + min + " <= " + median + " <= " + max
                    + " over " + trials);
        }
    }

    /**
     * @param values one value per trial, not empty
     * @return their median and range
     */
    public static TrialSpread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no trial");
        }
        return new TrialSpread(EmpiricalQuantile.of(values, 0.5), Arrays.stream(values).min().getAsDouble(),
                Arrays.stream(values).max().getAsDouble(), values.length);
    }

    /** @return the probability that the range contains the trials' median: {@code 1 - 2^(1-n)}, 0 for one trial */
    public double coverage() {
        return 1.0 - Math.pow(2.0, 1 - trials);
    }
}
