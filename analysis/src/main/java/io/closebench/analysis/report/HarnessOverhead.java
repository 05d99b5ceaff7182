package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.BenchmarkKey;
import java.util.Optional;

/**
 * How much of a detection figure is the harness's own: the {@value #BASELINES} benchmark times the
 * read that reports an outcome already there (S2-arrived: the EOF has arrived, X1-arrived: the RST
 * has), which is everything a detection costs except waking up for it. Shown beside the detection of
 * the same case ({@value #DETECTION}: S2-inproc, X1-linger0) under the same placement, idle time,
 * load and observer, it says how much of the figure is the wake-up. Benchmarks are matched by the
 * names their files carry: a baseline scenario {@code <case>-arrived} with the detection scenarios
 * {@code <case>-...} of {@value #DETECTION}.
 */
final class HarnessOverhead {

    /** The baselines' benchmark class, as its files name it. */
    static final String BASELINES = "HarnessBaselines";

    /** The benchmark class whose figures the baselines belong to. */
    static final String DETECTION = "PeerClosesWhileObserverWaits";

    private static final String ARRIVED = "-arrived";

    private HarnessOverhead() {
    }

    static void append(ReportContext c) {
        AlignedTable t = new AlignedTable("detection", "baseline", "placement", ">idle", "load", "observer", "JDK",
                ">baseline median (CI)", ">detection median (CI)", ">baseline/detection", "what it means");
        for (BenchmarkFigure baseline : c.figures.values()) {
            BenchmarkKey b = baseline.key();
            if (!b.benchmark().startsWith(BASELINES + ".") || !b.scenario().endsWith(ARRIVED)) {
                continue;
            }
            String caseId = b.scenario().substring(0, b.scenario().length() - ARRIVED.length());
            for (BenchmarkFigure detection : c.figures.values()) {
                BenchmarkKey d = detection.key();
                if (!d.benchmark().startsWith(DETECTION + ".") || !d.scenario().startsWith(caseId + "-")
                        || !b.withBenchmark(d.benchmark(), d.scenario()).equals(d)) {
                    continue;
                }
                long base = baseline.median().estimate();
                long full = detection.median().estimate();
                double share = (double) base / full;
                String meaning = base < full
                        ? "the read that finds the " + baseline.outcome() + " already there takes "
                                + ThreeFigureDuration.of(base) + " of the " + ThreeFigureDuration.of(full) + " detection ("
                                + Math.round(share * 100) + "%): the rest, " + ThreeFigureDuration.of(full - base)
                                + ", is waking up for it"
                        : "reporting the " + baseline.outcome() + " already there takes as long as waking up for it "
                                + "(" + ThreeFigureDuration.of(base) + " against " + ThreeFigureDuration.of(full)
                                + "): the figure is the harness's and the call's, not the wake-up's";
                t.row(d.scenario(), b.scenario(), d.placement().name(), Figures.idle(d.idleBeforeFaultMicros()),
                        Figures.load(d), d.observer().name(), jdks(baseline, detection), baseline.medianWithInterval(),
                        detection.medianWithInterval(), Figures.ratio(share), meaning);
            }
        }
        if (t.isEmpty()) {
            return;
        }
        c.md.append("## Harness overhead per placement\n\n");
        c.md.append("The baselines (" + BASELINES + ") time the read that reports an outcome already in the "
                + "observer's socket, t0 taken on the observer thread right before it: the cost of the call that "
                + "reports an outcome, the floor under the detection figures. Beside the detection of the same case "
                + "under the same placement, idle time, load and observer, the difference is the wake-up: what the "
                + "API and the kernel take to notice. " + c.intervalNote() + "\n\n");
        c.table(t);
    }

    private static String jdks(BenchmarkFigure a, BenchmarkFigure b) {
        return Optional.of(Figures.jdk(a.jdk())).filter(j -> j.equals(Figures.jdk(b.jdk())))
                .orElse(Figures.jdk(a.jdk()) + " / " + Figures.jdk(b.jdk()));
    }
}
