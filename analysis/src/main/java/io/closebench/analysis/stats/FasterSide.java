package io.closebench.analysis.stats;

/**
 * Which group of a comparison detects faster: what a {@link HierarchicalRatio}'s interval reads
 * ({@link HierarchicalRatio#faster()}), or what a {@link ForkAwareComparison} concludes
 * ({@link ForkAwareComparison#faster()}).
 */
public enum FasterSide {

    /** Group A has the smaller median, and the difference is beyond noise. */
    A,

    /** Group B has the smaller median, and the difference is beyond noise. */
    B,

    /** No detectable difference at the chosen significance level, or too little data to tell. */
    NEITHER
}
