package io.closebench.analysis.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * All figures of one run-to-run comparison (a whole results folder against another), decided
 * together: a figure's median moved beyond noise only when its {@link ForkAwareChange} meets its own
 * conditions (interval, fork spread, no single iteration) <em>and</em> its
 * {@linkplain ForkAwareChange#familyPValue() p-value} survives {@link BenjaminiHochberg} at
 * {@code q = 1 - confidence level} over the family.
 *
 * <p><b>The family</b> is every judged figure, i.e. every figure whose two runs both have two or
 * more forks with values; figures with one fork in a run take no part (they have no p-value) and are
 * reported as not judged. The conditions other than BH only remove discoveries, so the false
 * discovery rate stays at most {@code q}.
 *
 * <p>Sentences, e.g.:
 * <pre>
 * NIO RESET: median rose 12% (95% hierarchical CI +6% to +18% over 2 forks x 4 iterations each in both runs; beyond fork-to-fork variation of both runs; significant after Benjamini-Hochberg at q = 0.05 over 61 figures)
 * NIO RESET: no change beyond noise (median +3%, 95% hierarchical CI -2% to +8% over 2 forks x 4 iterations each in both runs)
 * NIO RESET: no change beyond noise: median +15% (95% hierarchical CI ...) is within the fork-to-fork variation (the forks of run A differ by up to 18%)
 * NIO RESET: no change beyond noise: median +15% (95% hierarchical CI ...) exceeds the fork-to-fork variation (the forks of run A differ by up to 12%) only with every iteration in: without iteration 3 of fork 4711 in run B it is +9%
 * NIO RESET: no change beyond noise: median +15% (95% hierarchical CI ...; beyond fork-to-fork variation of both runs) is not significant after Benjamini-Hochberg at q = 0.05 over 61 figures (adjusted p = 0.21)
 * NIO RESET: run-to-run noise is unknown (one fork in run B): not judged (median +12%, 95% iteration-level CI +6% to +18% over ...)
 * </pre>
 * Percentages get as few decimals as keep the bounds apart (and off 0 where the interval excludes
 * it); no NaN ever.
 */
public final class ChangeFamily {

    /** What was decided for one figure. */
    public enum Decision {
        /** The median rose beyond noise: the candidate is slower. */
        ROSE,
        /** The median fell beyond noise: the candidate is faster. */
        FELL,
        /** No change beyond noise. */
        WITHIN_NOISE,
        /** One fork in a run: run-to-run noise unknown, nothing decided. */
        NOT_JUDGED
    }

    /**
     * One figure to compare.
     *
     * @param label what the figure is, e.g. "NIO RESET"
     * @param change its change between the runs
     */
    public record Figure(String label, ForkAwareChange change) {

        /** Validates. */
        public Figure {
            LatencySamples.requireLabel(label, "label");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * What was decided for one figure, and the sentence that says it.
     *
     * @param label the figure
     * @param change its change
     * @param decision the decision
     * @param adjustedP the Benjamini-Hochberg adjusted p-value; empty when not judged
     * @param sentence one sentence, no trailing period
     */
    public record Outcome(String label, ForkAwareChange change, Decision decision, OptionalDouble adjustedP,
            String sentence) {

        /** Validates. */
        public Outcome {
            LatencySamples.requireLabel(label, "label");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(adjustedP, "adjustedP");
            LatencySamples.requireLabel(sentence, "sentence");
        }

        /** @return whether the median moved beyond noise, either way */
        public boolean beyondNoise() {
            return decision == Decision.ROSE || decision == Decision.FELL;
        }
    }

    private final double q;
    private final int familySize;
    private final List<Outcome> outcomes;

    private ChangeFamily(double q, int familySize, List<Outcome> outcomes) {
        this.q = q;
        this.familySize = familySize;
        this.outcomes = List.copyOf(outcomes);
    }

    /**
     * Decides a family with the runs called "A" (baseline) and "B" (candidate).
     *
     * @param figures all figures compared at once, in report order
     * @return the decisions, in the same order
     */
    public static ChangeFamily of(List<Figure> figures) {
        return of(figures, "A", "B");
    }

    /**
     * Decides a family.
     *
     * @param figures all figures compared at once, in report order; all computed at one
     *     confidence level
     * @param baselineRun how sentences name the baseline run, e.g. "A" gives "run A"
     * @param candidateRun how sentences name the candidate run
     * @return the decisions, in the same order
     * @throws IllegalArgumentException if the figures were computed at different levels
     */
    public static ChangeFamily of(List<Figure> figures, String baselineRun, String candidateRun) {
        Objects.requireNonNull(figures, "figures");
        LatencySamples.requireLabel(baselineRun, "baselineRun");
        LatencySamples.requireLabel(candidateRun, "candidateRun");
        double level = figures.isEmpty() ? BootstrapSettings.DEFAULT_CONFIDENCE_LEVEL
                : figures.get(0).change().confidenceLevel();
        List<Integer> judged = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            ForkAwareChange change = figures.get(i).change();
            if (change.confidenceLevel() != level) {
                throw new IllegalArgumentException("figure " + figures.get(i).label() + " was computed at "
                        + ReportFormat.level(change.confidenceLevel()) + ", the first at " + ReportFormat.level(level)
                        + ": one family has one level");
            }
            if (change.isJudged()) {
                judged.add(i);
            }
        }
        double q = BootstrapSettings.alphaFor(level);
        double[] p = judged.stream().mapToDouble(i -> figures.get(i).change().familyPValue().orElseThrow()).toArray();
        BenjaminiHochberg bh = BenjaminiHochberg.of(p, q);
        Sentences words = new Sentences("run " + baselineRun, "run " + candidateRun, q, judged.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure figure = figures.get(i);
            int k = judged.indexOf(i);
            outcomes.add(k < 0 ? words.notJudged(figure)
                    : words.judged(figure, bh.rejected(k), bh.adjusted(k)));
        }
        return new ChangeFamily(q, judged.size(), outcomes);
    }

    /** @return one outcome per figure, in the order given */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** @return the false discovery rate controlled, {@code 1 - confidence level} */
    public double q() {
        return q;
    }

    /** @return how many figures took part in Benjamini-Hochberg (the judged ones) */
    public int familySize() {
        return familySize;
    }

    /** @return how many figures moved beyond noise */
    public int beyondNoiseCount() {
        return (int) outcomes.stream().filter(Outcome::beyondNoise).count();
    }

    /** The wording, in one place. */
    private record Sentences(String baseline, String candidate, double q, int familySize) {

        Outcome notJudged(Figure figure) {
            ForkAwareChange c = figure.change();
            HierarchicalRatio r = c.comparison().ratio();
            boolean baselineOne = !r.levelsA().includesForkVariation();
            boolean candidateOne = !r.levelsB().includesForkVariation();
            String where = baselineOne && candidateOne ? baseline + " and " + candidate : baselineOne ? baseline : candidate;
            ConfidenceInterval interval = c.relativeChangeInterval();
            String numbers;
            if (interval.isDefined()) {
                numbers = "median " + numbersWithInterval(c, interval, Double.NaN);
            } else {
                String alone = r.levelsA() == ResampledLevels.NOTHING ? baseline : candidate;
                numbers = "median " + ReportFormat.signedPercent(c.relativeChange(), 1) + ", no interval: " + alone
                        + " has one fork with one iteration";
            }
            return new Outcome(figure.label(), c, Decision.NOT_JUDGED, OptionalDouble.empty(), figure.label()
                    + ": run-to-run noise is unknown (one fork in " + where + "): not judged (" + numbers + ")");
        }

        Outcome judged(Figure figure, boolean rejected, double adjusted) {
            ForkAwareChange c = figure.change();
            ConfidenceInterval interval = c.relativeChangeInterval();
            String label = figure.label();
            String family = "Benjamini-Hochberg at q = " + BigDecimal.valueOf(q).stripTrailingZeros().toPlainString()
                    + " over " + ForkedLatency.plural(familySize, "figure");
            OptionalDouble adj = OptionalDouble.of(adjusted);
            if (!c.intervalExcludesNoChange()) {
                return new Outcome(label, c, Decision.WITHIN_NOISE, adj, label + ": no change beyond noise (median "
                        + numbersWithInterval(c, interval, Double.NaN) + ")");
            }
            int d = ReportFormat.decimalsToShow(interval.low() * 100, interval.high() * 100, 0.0, 0, 2);
            String ci = level(c) + ReportFormat.signedPercent(interval.low(), d) + " to "
                    + ReportFormat.signedPercent(interval.high(), d) + over(c);
            String median = "median " + ReportFormat.signedPercent(c.relativeChange(), d);
            double spread = (c.forkSpread() - 1.0) * 100;
            int ds = ReportFormat.decimalsToShow(spread, Math.abs(c.relativeChange()) * 100, Double.NaN, 0, 2);
            String forks = "the forks of " + (c.forkSpreadBaseline() >= c.forkSpreadCandidate() ? baseline : candidate)
                    + " differ by up to " + ReportFormat.fixed(spread, ds) + "%";
            if (!c.exceedsForkSpread()) {
                return new Outcome(label, c, Decision.WITHIN_NOISE, adj, label + ": no change beyond noise: " + median
                        + " (" + ci + ") is within the fork-to-fork variation (" + forks + ")");
            }
            if (!c.survivesLeavingOutAnyIteration()) {
                ForkAwareChange.LeftOut w = c.weakestLeftOut().orElseThrow();
                return new Outcome(label, c, Decision.WITHIN_NOISE, adj, label + ": no change beyond noise: " + median
                        + " (" + ci + ") exceeds the fork-to-fork variation (" + forks + ") only with every iteration "
                        + "in: without iteration " + (w.iteration() + 1) + " of fork " + w.forkId() + " in "
                        + (w.run().equals("baseline") ? baseline : candidate) + " it is "
                        + ReportFormat.signedPercent(w.ratio() - 1.0, Math.max(d, ds)));
            }
            if (!rejected) {
                return new Outcome(label, c, Decision.WITHIN_NOISE, adj, label + ": no change beyond noise: " + median
                        + " (" + ci + "; beyond fork-to-fork variation of both runs) is not significant after " + family
                        + " (adjusted " + ReportFormat.pValue(adjusted, q) + ")");
            }
            boolean rose = c.relativeChange() > 0;
            return new Outcome(label, c, rose ? Decision.ROSE : Decision.FELL, adj, label + ": median "
                    + (rose ? "rose " : "fell ") + ReportFormat.fixed(Math.abs(c.relativeChange()) * 100, d) + "% (" + ci
                    + "; beyond fork-to-fork variation of both runs; significant after " + family + ")");
        }

        /** "+3%, 95% hierarchical CI -2% to +8% over ..." */
        private String numbersWithInterval(ForkAwareChange c, ConfidenceInterval interval, double avoid) {
            int d = ReportFormat.decimalsToShow(interval.low() * 100, interval.high() * 100, avoid, 0, 2);
            return ReportFormat.signedPercent(c.relativeChange(), d) + ", " + level(c)
                    + ReportFormat.signedPercent(interval.low(), d) + " to " + ReportFormat.signedPercent(interval.high(), d)
                    + over(c);
        }

        private String level(ForkAwareChange c) {
            HierarchicalRatio r = c.comparison().ratio();
            return ReportFormat.level(r.confidenceLevel()) + " " + r.intervalName() + " CI ";
        }

        private String over(ForkAwareChange c) {
            HierarchicalRatio r = c.comparison().ratio();
            return " over " + (r.designA().equals(r.designB()) ? r.designA() + " in both runs"
                    : ForkAwareComparison.designs(baseline, r.designA(), candidate, r.designB()));
        }
    }
}
