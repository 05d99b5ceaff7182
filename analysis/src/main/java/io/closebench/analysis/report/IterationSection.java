package io.closebench.analysis.report;

import io.closebench.analysis.stats.IterationModes;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Iteration to iteration: on a small shared machine one benchmark's median can flip between
 * iterations (threads on one CPU or not, a JIT decision in one fork), and the pooled median of such
 * a figure describes neither mode. For every figure, {@link IterationModes} in plain words where its
 * iteration medians split into groups or spread beyond the fidelity target; and per benchmark and
 * scenario a chart of every iteration's median in fork order, one series per model, one panel per
 * placement, idle time and load, so that a split shows as two bands.
 */
final class IterationSection {


    private IterationSection() {
    }

    static void append(ReportContext c) throws IOException {
        if (c.figures.isEmpty()) {
            return;
        }
        c.md.append("## Iteration to iteration\n\n");
        c.md.append("Whether each figure's iteration medians agree: a figure is faithful when its highest iteration "
                + "median is within " + IterationModes.FIDELITY_TARGET + "x of its lowest; where neighbouring sorted "
                + "medians are " + IterationModes.GAP_RATIO + "x or more apart, they split into groups, and a pooled "
                + "median then describes none of them.\n\n");
        List<String> split = new ArrayList<>();
        List<String> spread = new ArrayList<>();
        for (BenchmarkFigure f : c.figures.values()) {
            IterationModes m = f.modes();
            String line = "- " + RunReport.shortBenchmark(f.key().benchmark()) + " " + f.label() + " ("
                    + f.sample().design() + "): " + m.describe();
            if (m.isSplit()) {
                split.add(line);
            } else if (!m.withinFidelityTarget()) {
                spread.add(line);
            }
        }
        long compared = c.figures.values().stream().filter(f -> f.modes().iterations() > 1).count();
        if (split.isEmpty() && spread.isEmpty()) {
            c.md.append("The iteration medians of all ").append(compared).append(" figures with more than one "
                    + "iteration agree within ").append(IterationModes.FIDELITY_TARGET).append("x.\n\n");
        } else {
            c.md.append(split.size()).append(" of ").append(compared).append(" figures with more than one iteration "
                    + "split into groups, ").append(spread.size()).append(" more spread beyond the target without a gap:\n\n");
            split.forEach(l -> c.md.append(l).append('\n'));
            spread.forEach(l -> c.md.append(l).append('\n'));
            c.md.append('\n');
        }
        charts(c);
    }

    private static void charts(ReportContext c) throws IOException {
        Map<BenchmarkKey, List<BenchmarkFigure>> groups = c.grouped(k -> new BenchmarkKey(k.benchmark(), k.scenario(),
                Observer.BLOCKING, Placement.OS, 0, 0, 0));
        c.md.append("Every iteration's median, per benchmark and scenario: x is the iteration in fork order (the "
                + "first fork's iterations, then the next fork's; a dotted line marks where a fork begins), y its "
                + "median on a log scale, one series per model (its forks and iterations in the legend), one panel per placement, "
                + "idle time and load, captioned above it.\n\n");
        for (Map.Entry<BenchmarkKey, List<BenchmarkFigure>> group : groups.entrySet()) {
            Map<String, List<BenchmarkFigure>> panels = new LinkedHashMap<>();
            group.getValue().stream().sorted(java.util.Comparator.comparing(BenchmarkFigure::key,
                    java.util.Comparator.comparing(BenchmarkKey::placement)
                            .thenComparingLong(BenchmarkKey::idleBeforeFaultMicros)
                            .thenComparingInt(BenchmarkKey::loadConnections)
                            .thenComparingInt(BenchmarkKey::cpuBurners)))
                    .forEach(f -> panels.computeIfAbsent(panelLabel(f.key()), p -> new ArrayList<>()).add(f));
            List<IterationChart.Panel> chartPanels = new ArrayList<>();
            panels.forEach((label, figures) -> chartPanels.add(new IterationChart.Panel(label, figures.stream()
                    .map(f -> new IterationChart.Line(f.key().observer().name(), f.sample())).toList())));
            BenchmarkKey k = group.getKey();
            String bench = RunReport.shortBenchmark(k.benchmark());
            String file = "iterations-" + RunReport.safe(bench) + "-" + RunReport.safe(k.scenario()) + ".png";
            c.chart(IterationChart.of(k.scenario() + ": median of each iteration", bench + "; run " + c.run.name(),
                    chartPanels), file, k.scenario() + ", " + bench + ": median of each iteration",
                    IterationChart.width(chartPanels.size()), IterationChart.HEIGHT);
        }
    }

    /** "SAME_CPU, idle 0 us, no load". */
    private static String panelLabel(BenchmarkKey k) {
        return k.placement() + ", idle " + Figures.idle(k.idleBeforeFaultMicros()) + ", "
                + Figures.loadWords(k);
    }
}
