package io.closebench.analysis.report;

import io.closebench.analysis.stats.ForkedLatency;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Every iteration's median of one benchmark and scenario: x the iteration in fork order, y its median
 * on a log scale, one series per model, one panel per placement, idle time and load, the panels
 * sharing the latency axis. A line joins the iterations of one fork and breaks between forks; a
 * dotted line marks where a fork begins, when every model of the panel has the same forks.
 */
final class IterationChart {

    /** @param observer the model; @param sample its forks and iterations */
    record Line(String observer, ForkedLatency sample) {
    }

    /** @param label e.g. "SAME_CPU, idle 0 us, no load"; @param lines one per model */
    record Panel(String label, List<Line> lines) {
    }

    private IterationChart() {
    }

    /** A panel's width in pixels; a chart is at least {@link #MIN_WIDTH} wide. */
    static final int PANEL_WIDTH = 340;
    static final int MIN_WIDTH = 900;
    static final int HEIGHT = 520;

    /** @return the width of a chart of {@code panels} panels, in pixels */
    static int width(int panels) {
        return Math.max(MIN_WIDTH, PANEL_WIDTH * panels);
    }

    /**
     * @return the chart: each panel captioned above itself, one shared "iteration" label under them, each
     *     model's forks and iterations in the legend
     */
    static JFreeChart of(String title, String subtitle, List<Panel> panels) {
        ChartFiles.headless();
        LogarithmicAxis latency = ChartStyle.logAxis("iteration median t1 - t0 (\u00b5s, log scale)");
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(latency);
        plot.setGap(12);
        int panelWidth = (width(panels.size()) - 90) / Math.max(1, panels.size());
        // per model, each panel's "forks x iterations", for the legend
        java.util.Map<String, List<String>> shapes = new java.util.LinkedHashMap<>();
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            List<List<Integer>> starts = new ArrayList<>();
            int most = 1;
            for (Line line : panel.lines()) {
                int index = data.getSeriesCount();
                XYSeries s = new XYSeries(line.observer(), false, true);
                List<Integer> forkStarts = new ArrayList<>();
                long[] medians = line.sample().iterationMedians();
                int x = 0;
                for (int f = 0; f < line.sample().forkCount(); f++) {
                    boolean first = true;
                    for (int i = 0; i < line.sample().iterationCount(f); i++) {
                        if (line.sample().count(f, i) == 0) {
                            continue;
                        }
                        if (first && x > 0) {
                            s.add(x + 0.5, null); // breaks the line between forks
                            forkStarts.add(x + 1);
                        }
                        first = false;
                        s.add(x + 1, medians[x] / 1e3);
                        smallest = Math.min(smallest, medians[x] / 1e3);
                        largest = Math.max(largest, medians[x] / 1e3);
                        x++;
                    }
                }
                most = Math.max(most, x);
                starts.add(forkStarts);
                data.addSeries(s);
                renderer.setSeriesPaint(index, ChartStyle.observer(line.observer()));
                renderer.setSeriesStroke(index, ChartStyle.LINE);
                renderer.setSeriesShape(index, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
                shapes.computeIfAbsent(line.observer(), k -> new ArrayList<>(java.util.Collections.nCopies(panels.size(),
                        "-"))).set(p, ChartStyle.forksAndIterations(line.sample()));
            }
            NumberAxis iteration = new NumberAxis();
            iteration.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            iteration.setRange(0.5, most + 0.5);
            iteration.setTickLabelFont(ChartStyle.TICK);
            XYPlot sub = new XYPlot(data, iteration, null, renderer);
            sub.setBackgroundPaint(java.awt.Color.WHITE);
            sub.setDomainGridlinePaint(ChartStyle.GRID);
            sub.setRangeGridlinePaint(ChartStyle.GRID);
            if (!starts.isEmpty() && starts.stream().distinct().count() == 1) {
                for (int start : starts.get(0)) {
                    sub.addDomainMarker(new ValueMarker(start - 0.5, ChartStyle.MUTED, new BasicStroke(1f,
                            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f)));
                }
            }
            ChartStyle.captionAbove(sub, panel.label(), panelWidth);
            plot.add(sub, 1);
        }
        ChartStyle.decades(latency, smallest, largest);
        LegendItemCollection legend = new LegendItemCollection();
        boolean same = shapes.values().stream().allMatch(l -> new LinkedHashSet<>(l).size() == 1);
        shapes.forEach((observer, each) -> legend.add(ChartStyle.lineLegend(ChartStyle.withSampleSizes(observer, each),
                ChartStyle.observer(observer))));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        ChartStyle.sharedAxisLabel(chart, "iteration, in fork order (a dotted line where a fork begins)"
                + (same || panels.size() < 2 ? "" : "; forks x iterations: each panel's, left to right"));
        return chart;
    }
}
