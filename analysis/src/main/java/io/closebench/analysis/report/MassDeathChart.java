package io.closebench.analysis.report;

import io.closebench.analysis.stats.TrialSpread;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Mass death against N, both axes on log scales, one line per model. {@link #timeToAll}: the median
 * time to all over the trials with the trials' range as bars, beside each N a bar per model from the
 * median first detection to the median of the trials' median detections (side by side in the models'
 * colours, each named in the legend), and a dotted line of slope 1 for
 * reference: a model whose line climbs more steeply than it grows faster than linearly.
 * {@link #cpuPerPeer}: the server's CPU per dead peer, bars the trials' range.
 */
final class MassDeathChart {

    /** How opaque a span's fill is: its outline carries the colour, the fill lets a line behind it show. */
    private static final float SPAN_ALPHA = 0.45f;
    /** Each model's span sits this far (in decades of N) right of the previous one's, the first right of N. */
    private static final double SPAN_STEP = 0.032;
    /** A span's width, in decades of N. */
    private static final double SPAN_WIDTH = 0.022;

    private MassDeathChart() {
    }

    /**
     * Time to all against N, and beside each point each model's span from its first detection to its
     * median detection (medians over the trials): a bar per model set side by side to the right of N,
     * in the model's colour, so that seven models' spans never cover one another as shaded bands would.
     */
    static JFreeChart timeToAll(String title, String subtitle, List<MassDeathSeries> series) {
        ChartFiles.headless();
        YIntervalSeriesCollection lines = lines(series, MassDeathSeries::timeToAll, 1e6);
        XYIntervalSeriesCollection spans = new XYIntervalSeriesCollection();
        XYBarRenderer spanRenderer = new XYBarRenderer();
        spanRenderer.setUseYInterval(true);
        spanRenderer.setShadowVisible(false);
        spanRenderer.setBarPainter(new StandardXYBarPainter());
        spanRenderer.setDrawBarOutline(true);
        LegendItemCollection legend = new LegendItemCollection();
        List<LegendItem> spanLegend = new java.util.ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            MassDeathSeries s = series.get(k);
            java.awt.Color colour = (java.awt.Color) ChartStyle.observer(s.observer().name());
            legend.add(ChartStyle.lineLegend(s.observer().name() + " (" + trialsPerN(s) + ")", colour));
            XYIntervalSeries span = new XYIntervalSeries(s.observer() + " first to median detection");
            double shift = Math.pow(10, SPAN_STEP * (k + 1));
            double half = Math.pow(10, SPAN_WIDTH / 2);
            for (int n : s.trials().keySet()) {
                Optional<TrialSpread> f = s.first(n);
                Optional<TrialSpread> m = s.median(n);
                if (f.isPresent() && m.isPresent()) {
                    double x = n * shift;
                    span.add(x, x / half, x * half, m.get().median() / 1e6, f.get().median() / 1e6, m.get().median() / 1e6);
                }
            }
            if (span.getItemCount() == 0) {
                continue;
            }
            int index = spans.getSeriesCount();
            spans.addSeries(span);
            java.awt.Color fill = translucent(colour);
            spanRenderer.setSeriesPaint(index, fill);
            spanRenderer.setSeriesOutlinePaint(index, colour);
            spanRenderer.setSeriesOutlineStroke(index, new BasicStroke(1f));
            spanLegend.add(new LegendItem(s.observer().name() + ": first to median detection", null, null, null,
                    new java.awt.Rectangle(-3, -7, 6, 14), fill, new BasicStroke(1f), colour));
        }
        spanLegend.forEach(legend::add);
        XYPlot plot = plot(lines, "time after t0 (ms, log scale)");
        plot.setDataset(1, spans);
        plot.setRenderer(1, spanRenderer);
        reference(plot, lines).ifPresent(legend::add);
        Range span = DatasetUtils.findRangeBounds(spans, true);
        double lowest = Math.min(plot.getRangeAxis().getLowerBound(), span == null ? Double.MAX_VALUE : span.getLowerBound());
        ChartStyle.decades(plot.getRangeAxis(), lowest, plot.getRangeAxis().getUpperBound());
        JFreeChart chart = chart(title, subtitle + "; line: median time to all, bars: trials' range; beside each N: "
                + "first to median detection per model; dotted: slope 1", plot);
        plot.setFixedLegendItems(legend);
        return chart;
    }

    /** "3 trials per N", or "2-3 trials per N" where some N had fewer. */
    static String trialsPerN(MassDeathSeries s) {
        IntSummaryStatistics trials = s.trials().values().stream().mapToInt(List::size).summaryStatistics();
        return (trials.getMin() == trials.getMax() ? String.valueOf(trials.getMax())
                : trials.getMin() + "-" + trials.getMax()) + (trials.getMax() == 1 ? " trial" : " trials") + " per N";
    }

    private static java.awt.Color translucent(java.awt.Color c) {
        return new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(255 * SPAN_ALPHA));
    }

    static JFreeChart cpuPerPeer(String title, String subtitle, List<MassDeathSeries> series) {
        ChartFiles.headless();
        XYPlot plot = plot(lines(series, MassDeathSeries::cpuPerPeer, 1e3), "server CPU per dead peer (\u00b5s, log scale)");
        JFreeChart chart = chart(title, subtitle + "; median over trials (bars: range of trials)", plot);
        LegendItemCollection legend = new LegendItemCollection();
        series.forEach(s -> legend.add(ChartStyle.lineLegend(s.observer().name() + " (" + trialsPerN(s) + ")",
                ChartStyle.observer(s.observer().name()))));
        plot.setFixedLegendItems(legend);
        return chart;
    }

    /** One series per model: the median over trials at each N, the trials' range as its interval. */
    private static YIntervalSeriesCollection lines(List<MassDeathSeries> series,
            BiFunction<MassDeathSeries, Integer, Optional<TrialSpread>> figure, double unit) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (MassDeathSeries s : series) {
            YIntervalSeries line = new YIntervalSeries(s.observer().name());
            for (int n : s.trials().keySet()) {
                figure.apply(s, n).filter(x -> x.median() > 0).ifPresent(x -> line.add(n, x.median() / unit,
                        Math.max(x.min(), x.median() * 1e-3) / unit, x.max() / unit));
            }
            data.addSeries(line);
        }
        return data;
    }

    private static XYPlot plot(YIntervalSeriesCollection lines, String yLabel) {
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        renderer.setErrorPaint(null);
        renderer.setCapLength(6);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.observer(lines.getSeriesKey(i).toString()));
            renderer.setSeriesStroke(i, ChartStyle.LINE);
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        LogAxis x = new LogAxis("N, connections whose peers died at once (log scale)");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1));
        x.setMinorTickCount(9);
        x.setMinorTickMarksVisible(true);
        x.setNumberFormatOverride(ChartStyle.plainNumbers());
        x.setLabelFont(ChartStyle.LABEL);
        x.setTickLabelFont(ChartStyle.TICK);
        LogarithmicAxis y = ChartStyle.logAxis(yLabel);
        Range n = DatasetUtils.findDomainBounds(lines);
        Range times = DatasetUtils.findRangeBounds(lines, true);
        if (n != null && n.getLowerBound() > 0) {
            // a margin either side, so that the first and last N are not on the plot's edge; more on the right,
            // where the models' first-to-median bars stand beside the largest N
            x.setRange(n.getLowerBound() / 1.6, n.getUpperBound() * 2.5);
        }
        if (times != null) {
            ChartStyle.decades(y, times.getLowerBound(), times.getUpperBound());
        }
        XYPlot plot = new XYPlot(lines, x, y, renderer);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        return plot;
    }

    /**
     * A dotted line of slope 1 from the fastest model's point at the smallest N, across the N measured;
     * where it leaves the data's range it is cut, so that the data keep the whole height.
     */
    private static Optional<LegendItem> reference(XYPlot plot, YIntervalSeriesCollection lines) {
        Range n = DatasetUtils.findDomainBounds(lines);
        if (n == null) {
            return Optional.empty();
        }
        double n0 = n.getLowerBound();
        double nMax = n.getUpperBound();
        double y0 = Double.MAX_VALUE;
        for (int s = 0; s < lines.getSeriesCount(); s++) {
            for (int i = 0; i < lines.getItemCount(s); i++) {
                if (lines.getXValue(s, i) == n0) {
                    y0 = Math.min(y0, lines.getYValue(s, i));
                }
            }
        }
        if (!(nMax > n0) || y0 == Double.MAX_VALUE) {
            return Optional.empty();
        }
        XYSeries linear = new XYSeries("linear growth (slope 1)");
        linear.add(n0, y0);
        linear.add(nMax, y0 * nMax / n0);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ChartStyle.MUTED);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {3f, 4f}, 0f));
        plot.setDataset(2, new XYSeriesCollection(linear));
        plot.setRenderer(2, renderer);
        return Optional.of(new LegendItem(linear.getKey().toString(), null, null, null, new java.awt.geom.Line2D.Double(-7,
                0, 7, 0), renderer.getSeriesStroke(0), ChartStyle.MUTED));
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        return chart;
    }
}
