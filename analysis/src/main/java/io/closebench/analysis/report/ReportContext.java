package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.schema.BenchmarkKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;

/**
 * What every section of one report shares: the folder, the settings, the figures computed once
 * (every bootstrap of a figure runs once, whichever sections quote it), and where the Markdown,
 * the charts and the headlines go.
 */
final class ReportContext {

    final RunFolder run;
    final BootstrapSettings settings;
    final Path out;
    final String level;
    final StringBuilder md = new StringBuilder();
    final List<Path> charts = new ArrayList<>();
    final List<String> headlines = new ArrayList<>();
    final SortedMap<BenchmarkKey, BenchmarkFigure> figures;

    ReportContext(RunFolder run, BootstrapSettings settings, Path out) {
        this.run = run;
        this.settings = settings;
        this.out = out;
        this.level = Figures.level(settings.confidenceLevel());
        SortedMap<BenchmarkKey, BenchmarkFigure> computed = new TreeMap<>();
        for (BenchmarkKey key : run.latency().keySet()) {
            computed.put(key, BenchmarkFigure.of(run, key, settings));
        }
        this.figures = java.util.Collections.unmodifiableSortedMap(computed);
    }

    /**
     * @return which kind of interval the figures' medians carry, for a section that quotes them without
     *     saying it per figure: "hierarchical, resampling forks and iterations", "iteration-level, one
     *     fork: fork-to-fork variation unknown", or both with where each applies
     */
    String intervalNote() {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        figures.values().forEach(f -> kinds.add(f.intervalKind()));
        if (kinds.size() == 1) {
            return "Intervals: " + kinds.iterator().next() + ".";
        }
        return "Intervals: hierarchical, resampling forks and iterations, where a figure has two forks or more; "
                + "otherwise iteration-level, one fork: fork-to-fork variation unknown (see the latency table).";
    }

    /** @return the figure of a combination, when it has one */
    java.util.Optional<BenchmarkFigure> figure(BenchmarkKey key) {
        return java.util.Optional.ofNullable(figures.get(key));
    }

    /**
     * Writes a chart as PNG and SVG under {@value RunReport#CHARTS}/ and links the PNG.
     *
     * @param chart the chart
     * @param file the PNG's name, e.g. "latency-C2b-SAME_CPU-cpu0.png"
     * @param alt the link's text
     * @param width pixels
     * @param height pixels
     */
    void chart(JFreeChart chart, String file, String alt, int width, int height) throws IOException {
        charts.addAll(ChartFiles.write(chart, out.resolve(RunReport.CHARTS).resolve(file), width, height));
        md.append("![").append(alt).append("](").append(RunReport.CHARTS).append('/').append(file).append(")\n\n");
    }

    /** Appends a table followed by a blank line, when it has rows. */
    void table(AlignedTable t) {
        if (!t.isEmpty()) {
            md.append(t.markdown()).append('\n');
        }
    }

    /** @return the figures grouped by what {@code groupOf} gives, in key order */
    <G> Map<G, List<BenchmarkFigure>> grouped(java.util.function.Function<BenchmarkKey, G> groupOf) {
        Map<G, List<BenchmarkFigure>> groups = new java.util.LinkedHashMap<>();
        figures.values().forEach(f -> groups.computeIfAbsent(groupOf.apply(f.key()), g -> new ArrayList<>()).add(f));
        return groups;
    }
}
