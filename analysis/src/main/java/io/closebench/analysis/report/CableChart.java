package io.closebench.analysis.report;

import io.closebench.schema.row.CableRecord;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;

/**
 * S1, one fault: every connection's detection time against what its mechanism's rule predicts. One
 * row per mechanism and observer; each connection is a dot at its time after the theory's reference
 * instant (blue dot: it detected something; grey square: nothing by the trial's bound, drawn where it
 * stopped waiting), and the predicted time is a red bar. A row whose dots sit on its bar is explained by the
 * rule; a row without a bar has no finite prediction ("never", or the client's surviving kernel
 * decides).
 */
final class CableChart {

    private static final String DETECTED = "detected (each connection)";
    private static final String BOUND = "nothing detected by the bound (each connection)";
    private static final String THEORY = "what the mechanism's rule predicts";

    private CableChart() {
    }

    /**
     * @param fault e.g. "a"
     * @param description the fault in words
     * @param groups the fault's groups, top to bottom
     * @return the chart
     */
    static JFreeChart of(String fault, String description, List<CableFigures> groups) {
        ChartFiles.headless();
        DefaultMultiValueCategoryDataset data = new DefaultMultiValueCategoryDataset();
        boolean placements = groups.stream().map(CableFigures::placement).distinct().count() > 1;
        // a mechanism run with two settings (a user timeout of 3 s and of 10 s) is two rows: name the settings
        java.util.Set<String> twice = groups.stream().collect(java.util.stream.Collectors.groupingBy(
                CableFigures::mechanism, java.util.stream.Collectors.mapping(CableFigures::settings,
                        java.util.stream.Collectors.toSet()))).entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
        for (CableFigures g : groups) {
            String category = label(g, placements, twice.contains(g.mechanism()));
            List<Double> detected = new ArrayList<>();
            List<Double> bound = new ArrayList<>();
            List<Double> theory = new ArrayList<>();
            for (CableRecord r : g.rows()) {
                if (r.sinceReferenceNanos() > 0) {
                    (r.reachedBound() ? bound : detected).add(r.sinceReferenceNanos() / 1e9);
                }
            }
            g.medianTheory().ifPresent(t -> theory.add(t / 1e9));
            data.add(detected, DETECTED, category);
            data.add(bound, BOUND, category);
            data.add(theory, THEORY, category);
        }
        ScatterRenderer renderer = new ScatterRenderer();
        renderer.setUseSeriesOffset(false);
        renderer.setUseOutlinePaint(false);
        renderer.setSeriesPaint(0, ChartStyle.NIO);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesPaint(1, ChartStyle.MUTED);
        renderer.setSeriesShape(1, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesPaint(2, ChartStyle.THEORY);
        renderer.setSeriesShape(2, new Rectangle2D.Double(-1.5, -11, 3, 22));
        renderer.setDefaultItemLabelsVisible(false);

        CategoryAxis rows = new CategoryAxis(null);
        rows.setTickLabelFont(ChartStyle.TICK);
        rows.setMaximumCategoryLabelWidthRatio(0.5f);
        LogarithmicAxis time = ChartStyle.logAxis("time after the rule's reference instant (s, log scale)");
        CategoryPlot plot = new CategoryPlot(data, rows, time, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlinesVisible(true);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        JFreeChart chart = new JFreeChart("S1 fault " + fault + ": detection time against the rule", ChartStyle.TITLE,
                plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(description + "; one row per mechanism and observer" + (placements
                ? " and placement" : ""), ChartStyle.SUBTITLE));
        return chart;
    }

    /** @return the chart's height for that many rows */
    static int height(int groups) {
        return 150 + 34 * groups;
    }

    /**
     * @param g a group
     * @param withPlacement whether to name its placement (when the chart has more than one)
     * @return "keepalive · NIO (from last segment)", "defaults · NIO · CROSS_CPU (rule: never; ...)"
     */
    static String label(CableFigures g, boolean withPlacement, boolean withSettings) {
        String base = g.mechanism() + (withSettings ? " (" + g.settings() + ")" : "") + " \u00b7 " + g.observer()
                + (withPlacement ? g.placement().map(p -> " \u00b7 " + p).orElse("") : "");
        String from = CableView.reference(g.theoryReference());
        return g.theoryKind().map(kind -> switch (kind) {
            case FINITE -> base + " (from " + from + ")";
            case NEVER -> base + " (rule: never; from " + from + ")";
            case NOT_PREDICTED -> base + " (no rule; from " + from + ")";
        }).orElse(base);
    }
}
