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
    /** Where sections write now: the report, or the detail file {@link #detail} has open. */
    StringBuilder md = new StringBuilder();
    /** The detail files written, in order. */
    final List<Detail> details = new ArrayList<>();
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

    /** A section the report moves to a file of its own, and links. */
    record Detail(String title, Path file) {
    }

    /** A section's body, which may write charts. */
    @FunctionalInterface
    interface Body {
        void write() throws IOException;
    }

    /**
     * Runs {@code body} with the sections writing to {@code report-SLUG.md} instead of the report,
     * which then links it; nothing is written when the body wrote nothing.
     */
    void detail(String slug, String title, Body body) throws IOException {
        StringBuilder report = md;
        String top = "# " + title + "\n\nPart of [the report of " + run.name() + "](" + RunReport.FILE + ").\n\n";
        md = new StringBuilder(top);
        try {
            body.write();
            if (md.length() > top.length()) {
                Path file = out.resolve("report-" + slug + ".md");
                java.nio.file.Files.writeString(file, md.toString(), java.nio.charset.StandardCharsets.UTF_8);
                details.add(new Detail(title, file));
            }
        } finally {
            md = report;
        }
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
