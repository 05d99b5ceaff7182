package io.closebench.matrix;

/** How what this OS did compares with what the note says. */
public enum Verdict {
    /** Every repetition matched the note's claim. */
    AGREES,
    /** Some repetitions matched, some did not. */
    PARTLY,
    /** No repetition matched: a finding about this OS, not a failure of the run. */
    DIFFERS,
    /** The case could not run here (yet). */
    PENDING
}
