package io.closebench.analysis.report;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * The percentile charts: one per benchmark, scenario, placement and CPU burners, one line per model,
 * one panel per idle time and load (the plainest conditions on the left), every fork's values pooled
 * (a percentile plot describes the distribution; the intervals that respect forks are in the tables).
 */
final class PercentileCharts {

    private PercentileCharts() {
    }

    static void append(ReportContext c) throws IOException {
        Map<BenchmarkKey, List<BenchmarkFigure>> charts = c.grouped(k -> new BenchmarkKey(k.benchmark(), k.scenario(),
                Observer.BLOCKING, k.placement(), 0, 0, k.cpuBurners()));
        if (charts.isEmpty()) {
            return;
        }
        c.md.append("### Detection latency by percentile\n\n");
        c.md.append("One chart per benchmark, scenario and placement: latency against percentile, both on log scales, "
                + "one line per model, every fork's values pooled, each model's sample size n in the legend; one panel per "
                + "idle time and load, captioned above it, all sharing the latency axis. Each line ends at its largest value. Every chart is also written as SVG next to the "
                + "PNG.\n\n");
        for (Map.Entry<BenchmarkKey, List<BenchmarkFigure>> chart : charts.entrySet()) {
            Map<String, Map<String, AbstractHistogram>> panels = new LinkedHashMap<>();
            chart.getValue().stream().sorted(java.util.Comparator.comparing(BenchmarkFigure::key,
                    java.util.Comparator.comparingLong(BenchmarkKey::idleBeforeFaultMicros)
                            .thenComparingInt(BenchmarkKey::loadConnections).thenComparing(BenchmarkKey::observer)))
                    .forEach(f -> panels.computeIfAbsent("idle " + Figures.idle(f.key().idleBeforeFaultMicros()) + ", "
                            + Figures.loadWords(f.key()), p -> new LinkedHashMap<>()).put(f.key().observer().name(),
                            f.sample().pooled()));
            List<PercentileChart.Panel> list = new ArrayList<>();
            panels.forEach((label, byObserver) -> list.add(new PercentileChart.Panel(label, byObserver)));
            BenchmarkKey k = chart.getKey();
            String bench = RunReport.shortBenchmark(k.benchmark());
            String file = "latency-" + RunReport.safe(bench) + "-" + RunReport.safe(k.scenario()) + "-" + k.placement()
                    + "-cpu" + k.cpuBurners() + ".png";
            c.chart(PercentileChart.of(k.scenario() + ", " + k.placement() + ": detection latency by percentile",
                    bench + (k.cpuBurners() > 0 ? ", " + k.cpuBurners() + " CPU burners" : "") + ", JDK "
                            + Figures.jdk(chart.getValue().get(0).jdk()) + "; run " + c.run.name(), list),
                    file, k.scenario() + ", " + k.placement() + ", " + bench + ": detection latency by percentile",
                    PercentileChart.width(list.size()), PercentileChart.HEIGHT);
        }
    }
}
