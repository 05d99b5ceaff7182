package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.OrderStatisticRanks;

/**
 * The "how the figures were computed" section shared by the report and the comparison: which
 * estimator gives each figure, which interval, with which settings, and what a reader must keep in
 * mind. Written from the settings actually used, so that the text cannot drift from the numbers.
 */
final class MethodNotes {

    private MethodNotes() {
    }

    /** @return the section, Markdown, ending with a blank line */
    static String of(BootstrapSettings s) {
        String level = Figures.level(s.confidenceLevel());
        long p99Minimum = OrderStatisticRanks.minimumSampleSize(0.99, s.confidenceLevel());
        long medianMinimum = OrderStatisticRanks.minimumSampleSize(0.5, s.confidenceLevel());
        return "## How the figures were computed\n\n"
                + "- **Latency** is t1 - t0 of one repetition: from `System.nanoTime()` right before the call that "
                + "causes the fault to right after the observer's call that reports it. The benchmarks record it into "
                + "an HdrHistogram per fork (3 significant digits); every fork's intervals of one combination are merged "
                + "before any figure is taken. The matrix's figures use the exact values of `observations-*.csv`.\n"
                + "- **n, mean, sd, percentiles** of a combination come from its merged histogram: a percentile is the "
                + "ceil(n q)-th smallest value, reported as the highest value of its histogram bucket (at most 0.1 % "
                + "above the recorded one); mean and sd (n - 1) over bucket midpoints. With fewer than 1000 values "
                + "p99.9 is the maximum, with fewer than 100 p99 is.\n"
                + "- **Intervals for the median and p99** are distribution-free order-statistic (binomial) intervals, "
                + "computed from the histogram's counts: their coverage is at least " + level + " for any continuous "
                + "distribution, they need no resampling, so no cap on the number of values, and bucket quantisation "
                + "widens them outward. They are preferred to a bootstrap here because a single quantile of a single "
                + "sample is exactly what they are exact for. A " + level + " interval needs at least " + medianMinimum
                + " values for the median and " + p99Minimum + " for p99; below that the table shows \"-\".\n"
                + "- **NIO against blocking** (and idle against loaded, and run against run): the ratio of medians with "
                + "a percentile-bootstrap " + level + " interval (" + s.resamples() + " resamples, each group "
                + "resampled on its own, seed " + s.seed() + ", reproducible bit for bit), and the two-sided Mann-Whitney "
                + "U test (normal approximation, no tie correction, hence conservative on histogram values). Both run "
                + "on the values expanded from the histograms: each bucket's count times its value; a histogram of more "
                + "than " + Figures.count(s.histogramExpansionCap()) + " values is thinned to a systematic sample of "
                + Figures.count(s.histogramExpansionCap()) + " that keeps every quantile within 1/"
                + Figures.count(s.histogramExpansionCap()) + " in rank, and then n in the sentence is that number and "
                + "the interval is wider than the full data would give. One side is called faster only when the "
                + "interval excludes 1 **and** p < " + Figures.fixed(s.alpha(), 2) + "; otherwise the sentence says "
                + "\"no detectable difference\", which is not a claim of equality: the interval shows how large a "
                + "difference the data still allow.\n"
                + "- **Load effect**: the same comparison with the idle combination as baseline; the loaded/idle "
                + "ratio of p99 is a point estimate only (each p99's own interval is in the latency table).\n"
                + "- **S1 (pulled cable)**: per fault, mechanism and observer, the median (the lower middle value) and "
                + "maximum of t1 - t0 over its connections, and per connection measured/predicted: the time after the "
                + "rule's reference instant over the time the rule gives. Connections that reached the trial's bound "
                + "detected nothing and enter no ratio; they are counted apart.\n"
                + "- **What resampling cannot see**: each combination ran in its own fork, one after another, so two "
                + "combinations also differ by anything that changed on the machine between them (JIT decisions, CPU "
                + "frequency, other load). A difference beyond noise is a reason to look, and to rerun, before it is "
                + "a conclusion. In the matrix both observers alternate repetition by repetition.\n\n";
    }
}
