package io.closebench.analysis.stats;

import java.util.Objects;

/**
 * One sentence that states what a {@link MedianComparison} allows a person to conclude, with the
 * numbers that back it, e.g.
 * <pre>
 * NIO detects RESET 1.31x faster than BLOCKING (95% CI 1.22-1.40, Mann-Whitney p &lt; 0.001, n = 2000/2000)
 * no detectable difference between NIO and BLOCKING for RESET (median ratio BLOCKING/NIO 1.02, 95% CI 0.97-1.08, Mann-Whitney p = 0.41, n = 2000/2000)
 * cannot tell whether NIO or BLOCKING detects RESET faster: bootstrap needs at least 2 values per group, ... (median ratio BLOCKING/NIO 1.50, Mann-Whitney p = 1.0, n = 1/1)
 * </pre>
 *
 * <p>"k x faster" means the slower side's median detection time is k times the faster side's;
 * the interval is that of k, and {@code n} lists the sides in the order the sentence names them.
 * A side is called faster only under {@link MedianComparison#faster(double)}: ratio interval
 * excluding 1 and {@code p < alpha}. Otherwise the sentence says there is no detectable difference,
 * which is not a claim that the two are equal: the interval shows how large a difference the data
 * still allow. An undefined interval (too few samples) is said in so many words; no NaN ever appears.
 *
 * <p>Ratios are printed with two decimals, more (up to four) when two would make an interval that
 * excludes 1 touch "1.00" or collapse both bounds onto one number; p-values per
 * {@code "p < 0.001"} or two significant digits, never rounded across alpha.
 */
public final class PlainLanguageVerdict {

    private PlainLanguageVerdict() {
    }

    /**
     * The verdict at the comparison's own significance level, {@code 1 - confidence level}.
     *
     * @param comparison the result to describe
     * @param labelA what group A is, e.g. "NIO"
     * @param labelB what group B is, e.g. "BLOCKING"
     * @param outcome what is being detected, e.g. "RESET"
     * @return one sentence, no trailing period
     */
    public static String describe(MedianComparison comparison, String labelA, String labelB, String outcome) {
        Objects.requireNonNull(comparison, "comparison");
        return describe(comparison, labelA, labelB, outcome, comparison.alpha());
    }

    /**
     * The verdict at an explicit significance level.
     *
     * @param comparison the result to describe
     * @param labelA what group A is
     * @param labelB what group B is
     * @param outcome what is being detected
     * @param alpha significance level for the Mann-Whitney test, e.g. 0.05
     * @return one sentence, no trailing period
     */
    public static String describe(MedianComparison comparison, String labelA, String labelB, String outcome,
            double alpha) {
        Objects.requireNonNull(comparison, "comparison");
        LatencySamples.requireLabel(labelA, "labelA");
        LatencySamples.requireLabel(labelB, "labelB");
        LatencySamples.requireLabel(outcome, "outcome");
        LatencySamples.requireAlpha(alpha);

        ConfidenceInterval interval = comparison.ratioInterval();
        String level = ReportFormat.level(comparison.confidenceLevel());
        String p = "Mann-Whitney " + ReportFormat.pValue(comparison.pValue(), alpha);
        String ratioName = "median ratio " + labelB + "/" + labelA;

        if (!interval.isDefined()) {
            return "cannot tell whether " + labelA + " or " + labelB + " detects " + outcome + " faster: "
                    + interval.undefinedReason().orElseThrow()
                    + " (" + ratioName + " " + ReportFormat.fixed(comparison.ratio(), 2) + ", " + p
                    + ", n = " + comparison.nA() + "/" + comparison.nB() + ")";
        }
        switch (comparison.faster(alpha)) {
            case A:
                return faster(labelA, labelB, outcome, comparison.ratio(), interval.low(), interval.high(),
                        level, p, comparison.nA(), comparison.nB());
            case B:
                return faster(labelB, labelA, outcome, 1.0 / comparison.ratio(), 1.0 / interval.high(),
                        1.0 / interval.low(), level, p, comparison.nB(), comparison.nA());
            default:
                int d = ReportFormat.decimalsToShow(interval.low(), interval.high(), Double.NaN, 2, 4);
                return "no detectable difference between " + labelA + " and " + labelB + " for " + outcome
                        + " (" + ratioName + " " + ReportFormat.fixed(comparison.ratio(), d) + ", "
                        + level + " CI " + ReportFormat.fixed(interval.low(), d) + "-"
                        + ReportFormat.fixed(interval.high(), d) + ", " + p
                        + ", n = " + comparison.nA() + "/" + comparison.nB() + ")";
        }
    }

    private static String faster(String fast, String slow, String outcome, double factor, double low, double high,
            String level, String p, int nFast, int nSlow) {
        int d = ReportFormat.decimalsToShow(low, high, 1.0, 2, 4);
        return fast + " detects " + outcome + " " + ReportFormat.fixed(factor, d) + "x faster than " + slow
                + " (" + level + " CI " + ReportFormat.fixed(low, d) + "-" + ReportFormat.fixed(high, d)
                + ", " + p + ", n = " + nFast + "/" + nSlow + ")";
    }
}
