package io.closebench.analysis.stats;

/**
 * Which group of a {@link MedianComparison} detects faster, once noise has been ruled out.
 */
public enum FasterSide {

    /** Group A has the smaller median, and the difference is beyond noise. */
    A,

    /** Group B has the smaller median, and the difference is beyond noise. */
    B,

    /** No detectable difference at the chosen significance level, or too little data to tell. */
    NEITHER
}
