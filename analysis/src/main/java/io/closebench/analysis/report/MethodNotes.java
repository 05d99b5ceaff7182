package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.IterationModes;
import io.closebench.analysis.stats.GrowthWithN;

/**
 * The "how the figures were computed" section of the report and of the comparison: which estimator
 * gives each figure, which interval, with which settings, and what a reader must keep in mind.
 * Written from the settings actually used, so that the text cannot drift from the numbers.
 */
final class MethodNotes {

    private MethodNotes() {
    }

    /** @return the report's section, Markdown, ending with a blank line */
    static String report(BootstrapSettings s) {
        String level = Figures.level(s.confidenceLevel());
        return "## How the figures were computed\n\n"
                + latency()
                + intervals(s)
                + "- **Models side by side** (and without against under load): the ratio of the two pooled medians with "
                + "a hierarchical " + level + " interval and a bootstrap p-value from the same replicates, each side "
                + "resampled on its own. One side is called faster only when (1) the interval excludes 1 and the "
                + "pooled ratio is on the same side, (2) every fork median of the faster side is below every fork median "
                + "of the slower, and (3) a t-test on the forks' log medians (pooled variance, forks as the units) has "
                + "p < " + Figures.fixed(s.alpha(), 2) + ". Interval and forks agreeing without (3) is \"too few forks "
                + "to rule out fork-to-fork variation\": with two forks per side, every fork of one side below every "
                + "fork of the other happens by chance a third of the time. An interval that excludes 1 while forks "
                + "overlap is \"unstable across forks\". With one fork on either side nothing is judged: the interval "
                + "is shown as a description only. \"No difference\" is not a claim of equality: the interval shows how "
                + "large a difference the data still allow.\n"
                + "- **Iteration medians**: sorted, a new group starts wherever one is " + IterationModes.GAP_RATIO
                + "x or more its predecessor; a figure is within the fidelity target when its highest iteration median "
                + "is within " + IterationModes.FIDELITY_TARGET + "x of its lowest.\n"
                + "- **What decides the figure** and **harness overhead** set medians side by side as point ratios; each "
                + "median's interval is in the tables. **The native floor**: Java median over the C program's median; "
                + "the range is the Java interval over the C median (the C figure has no interval of its own).\n"
                + "- **The matrix**: exact latencies of `observations-*.csv`; two models compared by the ratio of medians "
                + "with its iteration-level " + level + " interval, the same computation as above: one matrix run is one "
                + "process, so each model's repetitions are one fork whose iterations are the single repetitions, and "
                + "the interval resamples the repetitions. With one fork per side nothing is judged: the ratio and its "
                + "interval are a description. The models alternate repetition by repetition in one process: fair "
                + "within the run, silent about another run.\n"
                + cable()
                + massDeath(s)
                + caveat();
    }

    /** @return the comparison's section, Markdown, ending with a blank line */
    static String comparison(BootstrapSettings s) {
        String q = Figures.fixed(s.alpha(), 2);
        return "## How the figures were computed\n\n"
                + latency()
                + intervals(s)
                + "- **Run B against run A**: per figure, median(B)/median(A) with its hierarchical interval (each run "
                + "resampled on its own). A change is beyond noise only when (1) the interval excludes no change, (2) "
                + "the shift exceeds the fork-to-fork spread of both runs (highest over lowest fork median), (3) it "
                + "survives leaving out any one iteration, and (4) its p-value, the larger of the bootstrap's and a "
                + "t-test's on the forks' log medians, survives Benjamini-Hochberg at q = " + q + " over every judged "
                + "figure of the comparison: at most " + q + " of the changes reported are expected to be false. A "
                + "figure with one fork in either run is not judged: run-to-run noise is unknown.\n"
                + "- **Matrix and S1 figures** come from one process per run: one fork whose iterations are the single "
                + "repetitions (matrix) or connections (S1). They are never judged; their interval describes the "
                + "spread within each run only.\n"
                + caveat();
    }

    private static String latency() {
        return "- **Latency** is t1 - t0 of one repetition: from `System.nanoTime()` right before the call that causes "
                + "the fault to right after the observer's call that reports it. Each benchmark fork records it into an "
                + "HdrHistogram (3 significant digits), one interval per JMH measurement iteration, one `.hlog` per fork; "
                + "the forks and iterations are kept apart, never merged before a figure is taken. A percentile of all "
                + "values pooled is the ceil(n q)-th smallest, reported as the highest value of its histogram bucket (at "
                + "most 0.1 % above the recorded one). Every figure is quoted with its placement, idle time before the "
                + "fault and JDK, which decide it as much as the API does.\n";
    }

    private static String intervals(BootstrapSettings s) {
        String level = Figures.level(s.confidenceLevel());
        return "- **Intervals** (" + level + ", percentile bootstrap, " + s.resamples() + " resamples, seed " + s.seed()
                + ", reproducible bit for bit) resample the structure the values were measured in: **hierarchical**, "
                + "forks with replacement, then iterations with replacement within each drawn fork, each drawn iteration "
                + "with all its values; values within an iteration are never resampled, because they share that "
                + "iteration's circumstances (CPU placement, the fork's JIT) and are not independent. With two forks "
                + "the fork level is seen through two values, so a hierarchical interval over two forks is an honest "
                + "description but a weak guarantee. With one fork the interval is **iteration-level**: fork-to-fork "
                + "variation is unknown and the interval understates the uncertainty; with one fork of one iteration "
                + "there is no interval.\n";
    }

    private static String cable() {
        return "- **S1 (pulled cable)**: per fault, mechanism and observer, the median (the lower middle value) and "
                + "maximum of t1 - t0 over its connections, and per connection measured/predicted: the time after the "
                + "rule's reference instant over the time the rule gives. Connections that reached the trial's bound "
                + "detected nothing and enter no ratio; they are counted apart.\n";
    }

    private static String massDeath(BootstrapSettings s) {
        return "- **Mass death**: the trial is the unit, never the connection (the N connections of one trial share its "
                + "moment). A figure is the median over trials (the lower middle value) with the range of the trials, "
                + "which holds the median trial with probability 1 - 2^(1-n) for n trials. The exponent b of time to all "
                + "~ N^b is the least-squares slope of ln(time to all) on ln N, every trial one point, over the N at which "
                + "every trial detected every connection; its " + Figures.level(s.confidenceLevel()) + " interval is a "
                + "percentile bootstrap (" + s.resamples() + " resamples, seed " + s.seed() + ") redrawing the trials "
                + "within each N. Time to all departs from linear at the smallest measured N whose local slope ln(T2/T1) "
                + "/ ln(N2/N1) from the previous N, of the medians over trials, exceeds "
                + Figures.fixed(GrowthWithN.DEPARTURE_SLOPE, 1) + ".\n";
    }

    private static String caveat() {
        return "- **What resampling cannot see**: each combination ran in its own forks, one after another, so two "
                + "combinations also differ by anything that changed on the machine between them (other load, CPU "
                + "frequency, the host's other guests). A difference is a reason to look, and to rerun, before it is a "
                + "conclusion.\n\n";
    }
}
