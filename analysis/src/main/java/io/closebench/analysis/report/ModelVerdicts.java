package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.stats.ForkAwareComparison;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.analysis.stats.FasterSide;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which model notices sooner, for every pair worth asking about ({@link ModelPair}) that ran side by
 * side in this run under one scenario, placement, idle time and load; and how much background load
 * moves each model. Every verdict is a {@link ForkAwareComparison}: one side is called faster only
 * when the hierarchical interval excludes no difference, every fork agrees and the fork-level test
 * does too; a figure of one fork is not judged, however narrow its interval.
 */
final class ModelVerdicts {

    private ModelVerdicts() {
    }

    /**
     * One pair (or one model idle and loaded) compared.
     *
     * @param a the reference side's figure (group A)
     * @param b the other side's figure (group B): ratios are B over A
     * @param comparison the comparison; empty when it could not be made
     * @param sentence what it allows one to say
     */
    record Verdict(BenchmarkFigure a, BenchmarkFigure b, Optional<ForkAwareComparison> comparison, String sentence) {

        static Verdict of(BenchmarkFigure a, BenchmarkFigure b, String labelA, String labelB, ReportContext c) {
            String outcome = a.outcome().equals(b.outcome()) ? a.outcome()
                    : "the end (" + labelA + ": " + a.outcome() + ", " + labelB + ": " + b.outcome() + ")";
            try {
                ForkAwareComparison comparison = ForkAwareComparison.of(a.sample(), b.sample(), c.settings);
                return new Verdict(a, b, Optional.of(comparison), comparison.describe(labelA, labelB, outcome));
            } catch (IllegalArgumentException e) {
                return new Verdict(a, b, Optional.empty(), labelA + " vs " + labelB + ": cannot compare: " + e.getMessage());
            }
        }

        /** @return B over A with its interval, e.g. "0.97 (0.92-1.01)" */
        String ratio() {
            return comparison.map(x -> Figures.ratioWithInterval(x.ratio().ratio(), x.ratio().interval())).orElse("-");
        }

        /** @return the judgement in a word or two */
        String judgement(String labelA, String labelB) {
            if (comparison.isEmpty()) {
                return "cannot compare";
            }
            ForkAwareComparison x = comparison.get();
            return switch (x.judgement()) {
                case FASTER -> (x.faster() == FasterSide.A ? labelA : labelB) + " faster";
                case TOO_FEW_FORKS -> "too few forks to tell";
                case UNSTABLE_ACROSS_FORKS -> "unstable across forks";
                case NO_DIFFERENCE -> "no difference";
                case NOT_JUDGED -> "not judged (one fork)";
            };
        }
    }

    static void append(ReportContext c) {
        pairs(c);
        load(c);
    }

    private static void pairs(ReportContext c) {
        Map<BenchmarkKey, List<BenchmarkFigure>> byCondition = c.grouped(k -> k.withObserver(Observer.BLOCKING));
        AlignedTable t = new AlignedTable("benchmark", "scenario", "placement", ">idle", "load", "JDK", "models",
                ">reference median (CI)", ">challenger median (CI)", ">challenger/reference (" + c.level + " CI)",
                "judgement", "what it means");
        java.util.Set<ModelPair> asked = java.util.EnumSet.noneOf(ModelPair.class);
        for (Map.Entry<BenchmarkKey, List<BenchmarkFigure>> condition : byCondition.entrySet()) {
            for (ModelPair pair : ModelPair.values()) {
                Optional<BenchmarkFigure> reference = c.figure(condition.getKey().withObserver(pair.reference()));
                Optional<BenchmarkFigure> challenger = c.figure(condition.getKey().withObserver(pair.challenger()));
                if (reference.isEmpty() || challenger.isEmpty()) {
                    continue;
                }
                String a = pair.reference().name();
                String b = pair.challenger().name();
                Verdict v = Verdict.of(reference.get(), challenger.get(), a, b, c);
                BenchmarkKey k = condition.getKey();
                t.row(RunReport.shortBenchmark(k.benchmark()), k.scenario(), k.placement().name(),
                        Figures.idle(k.idleBeforeFaultMicros()), Figures.load(k), Figures.jdk(reference.get().jdk()),
                        pair.label(), reference.get().medianWithInterval(), challenger.get().medianWithInterval(),
                        v.ratio(), v.judgement(a, b), v.sentence());
                c.headlines.add(k.scenario() + ", " + Figures.conditions(k) + ", JDK " + Figures.jdk(reference.get().jdk())
                        + " (" + RunReport.shortBenchmark(k.benchmark()) + "): " + v.sentence());
                asked.add(pair);
            }
        }
        if (t.isEmpty()) {
            return;
        }
        c.md.append("## Models side by side\n\n");
        c.md.append("Every pair of models worth asking about that ran under the same scenario, placement, idle time and "
                + "load in this run: ").append(String.join("; ", asked.stream().map(p -> p.label() + ", " + p.question()).toList()))
                .append(". The ratio "
                + "is the challenger's median over the reference's (below 1: the challenger detects sooner). One side is "
                + "called faster only when the hierarchical interval excludes 1, every fork of it is below every fork of "
                + "the other, and a t-test on the forks' log medians agrees; with one fork nothing is judged.\n\n");
        c.table(t);
    }

    private static void load(ReportContext c) {
        AlignedTable t = new AlignedTable("benchmark", "scenario", "observer", "placement", ">idle", "load", "JDK",
                ">median without load (CI)", ">median under load (CI)", ">loaded/unloaded (" + c.level + " CI)",
                ">p99 without / under load", "judgement", "what it means");
        for (BenchmarkFigure unloaded : c.figures.values()) {
            if (unloaded.key().loadConnections() != 0) {
                continue;
            }
            for (BenchmarkFigure loaded : c.figures.values()) {
                BenchmarkKey k = loaded.key();
                if (k.loadConnections() == 0 || !k.withLoad(0).equals(unloaded.key())) {
                    continue;
                }
                String a = k.observer() + " without load";
                String b = k.observer() + " under a load of " + Figures.load(k);
                Verdict v = Verdict.of(unloaded, loaded, a, b, c);
                t.row(RunReport.shortBenchmark(k.benchmark()), k.scenario(), k.observer().name(), k.placement().name(),
                        Figures.idle(k.idleBeforeFaultMicros()), Figures.load(k), Figures.jdk(loaded.jdk()),
                        unloaded.medianWithInterval(), loaded.medianWithInterval(), v.ratio(),
                        ThreeFigureDuration.of(unloaded.p99().estimate()) + " / " + ThreeFigureDuration.of(loaded.p99().estimate()),
                        v.judgement("without load", "under load"), v.sentence());
            }
        }
        if (t.isEmpty()) {
            return;
        }
        c.md.append("### Without and under load\n\n");
        c.md.append("How much background load moves each model's detection, same scenario, placement and idle time: "
                + "the loaded median over the unloaded one (above 1: load slows detection), judged as above; the p99s "
                + "are point estimates (their intervals are in the latency table).\n\n");
        c.table(t);
    }
}
