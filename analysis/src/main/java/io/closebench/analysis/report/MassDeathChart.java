package io.closebench.analysis.report;

import io.closebench.analysis.stats.TrialSpread;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Mass death against N, both axes on log scales, one line per model. {@link #timeToAll}: the median
 * time to all over the trials with the trials' range as bars, a shaded band from the median first
 * detection to the median of the trials' median detections, and a dotted line of slope 1 for
 * reference: a model whose line climbs more steeply than it grows faster than linearly.
 * {@link #cpuPerPeer}: the server's CPU per dead peer, bars the trials' range.
 */
final class MassDeathChart {

    private static final float BAND_ALPHA = 0.10f;

    private MassDeathChart() {
    }

    static JFreeChart timeToAll(String title, String subtitle, List<MassDeathSeries> series) {
        ChartFiles.headless();
        YIntervalSeriesCollection lines = lines(series, MassDeathSeries::timeToAll, 1e6);
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        bandRenderer.setAlpha(BAND_ALPHA);
        for (MassDeathSeries s : series) {
            YIntervalSeries band = new YIntervalSeries(s.observer() + " first to median detection");
            for (int n : s.trials().keySet()) {
                Optional<TrialSpread> first = s.first(n);
                Optional<TrialSpread> median = s.median(n);
                if (first.isPresent() && median.isPresent()) {
                    band.add(n, median.get().median() / 1e6, first.get().median() / 1e6, median.get().median() / 1e6);
                }
            }
            bandRenderer.setSeriesFillPaint(bands.getSeriesCount(), ChartStyle.observer(s.observer().name()));
            bands.addSeries(band);
        }
        XYPlot plot = plot(lines, "time after t0 (ms, log scale)");
        plot.setDataset(1, bands);
        plot.setRenderer(1, bandRenderer);
        reference(plot, lines);
        Range band = DatasetUtils.findRangeBounds(bands, true);
        double lowest = Math.min(plot.getRangeAxis().getLowerBound(), band == null ? Double.MAX_VALUE : band.getLowerBound());
        ChartStyle.decades(plot.getRangeAxis(), lowest, plot.getRangeAxis().getUpperBound());
        bandRenderer.setDefaultSeriesVisibleInLegend(false);
        return chart(title, subtitle + "; line: median time to all (bars: range of trials); band: first to median "
                + "detection; dotted: slope 1", plot);
    }

    static JFreeChart cpuPerPeer(String title, String subtitle, List<MassDeathSeries> series) {
        ChartFiles.headless();
        return chart(title, subtitle + "; median over trials (bars: range of trials)",
                plot(lines(series, MassDeathSeries::cpuPerPeer, 1e3), "server CPU per dead peer (\u00b5s, log scale)"));
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
            // half a decade's margin either side, so that the first and last N are not on the plot's edge
            x.setRange(n.getLowerBound() / 1.6, n.getUpperBound() * 1.6);
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
    private static void reference(XYPlot plot, YIntervalSeriesCollection lines) {
        Range n = DatasetUtils.findDomainBounds(lines);
        if (n == null) {
            return;
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
            return;
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
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        LegendItemCollection legend = plot.getLegendItems();
        plot.setFixedLegendItems(legend);
        return chart;
    }
}
