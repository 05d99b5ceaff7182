package io.closebench.schema;

/** How what this OS did compares with what the note (or TCP, for the extra cases) says. */
public enum Verdict {
    /** Every repetition matched the note's claim. */
    AGREES,
    /** Some repetitions matched, some did not. */
    PARTLY,
    /** No repetition matched: a finding about this OS, not a failure of the run. */
    DIFFERS,
    /** The case could not run here (yet): S1 without network namespaces. */
    PENDING,
    /** The case can run, but this observer cannot on this JDK or kernel; the reason is given. */
    SKIPPED
}
