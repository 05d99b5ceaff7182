package io.closebench.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One case's detection latency as percentile plots, the way HdrHistogram draws them: latency against
 * percentile, both on log scales, one line per observer (NIO and blocking side by side in one panel),
 * one panel per load (idle on the left, loaded to its right) sharing the latency axis, so that both
 * the observer difference and the load effect read off one picture. Each line ends at the largest
 * value, drawn at the percentile {@code 1 - 1/n} its sample size can resolve.
 */
final class PercentileChart {

    /** Percentile steps per halving of the distance to 100 %, as HdrHistogram's own plots use. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * One panel: a load level and its histograms per observer.
     *
     * @param label e.g. "idle"
     * @param byObserver observer to histogram, drawn in map order
     */
    record Panel(String label, Map<String, AbstractHistogram> byObserver) {
    }

    private PercentileChart() {
    }

    /** A panel's width in pixels; a chart is at least {@link #MIN_WIDTH} wide. */
    static final int PANEL_WIDTH = 560;
    static final int MIN_WIDTH = 1100;
    static final int HEIGHT = 560;

    /** @return the width of a chart of {@code panels} panels, in pixels */
    static int width(int panels) {
        return Math.max(MIN_WIDTH, PANEL_WIDTH * panels);
    }

    /**
     * @param title e.g. "C2a: detection latency by percentile"
     * @param subtitle e.g. the benchmark
     * @param panels left to right, each captioned above itself
     * @return the chart: one shared percentile label under the panels, each model's sample size in the
     *     legend (per panel, left to right, when there are several)
     */
    static JFreeChart of(String title, String subtitle, List<Panel> panels) {
        ChartFiles.headless();
        LogarithmicAxis latency = ChartStyle.logAxis("detection latency t1 - t0 (\u00b5s, log scale)");
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(latency);
        plot.setGap(14);
        int panelWidth = (width(panels.size()) - 90) / Math.max(1, panels.size());
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            long largestN = 1;
            for (Map.Entry<String, AbstractHistogram> e : panel.byObserver().entrySet()) {
                AbstractHistogram h = e.getValue();
                if (h.getTotalCount() == 0) {
                    continue;
                }
                int index = data.getSeriesCount();
                data.addSeries(series(e.getKey(), h));
                renderer.setSeriesPaint(index, ChartStyle.observer(e.getKey()));
                renderer.setSeriesStroke(index, ChartStyle.LINE);
                counts.computeIfAbsent(e.getKey(), k -> new ArrayList<>(java.util.Collections.nCopies(panels.size(),
                        (Long) null))).set(p, h.getTotalCount());
                largestN = Math.max(largestN, h.getTotalCount());
            }
            LogAxis percentile = new LogAxis();
            percentile.setNumberFormatOverride(new PercentileAxisFormat());
            percentile.setAutoTickUnitSelection(false);
            percentile.setTickUnit(new NumberTickUnit(1.0));
            percentile.setAutoRange(false);
            percentile.setRange(1.0, Math.max(10.0, largestN * 1.2));
            percentile.setTickLabelFont(ChartStyle.TICK);
            percentile.setMinorTickMarksVisible(false);
            XYPlot sub = new XYPlot(data, percentile, null, renderer);
            sub.setBackgroundPaint(java.awt.Color.WHITE);
            sub.setDomainGridlinePaint(ChartStyle.GRID);
            sub.setRangeGridlinePaint(ChartStyle.GRID);
            sub.setDomainGridlinesVisible(true);
            sub.setRangeGridlinesVisible(true);
            ChartStyle.captionAbove(sub, panel.label(), panelWidth);
            plot.add(sub, 1);
        }
        LegendItemCollection legend = new LegendItemCollection();
        counts.forEach((observer, n) -> legend.add(ChartStyle.lineLegend(observer + " (" + ChartStyle.countsPerPanel(n)
                + ")", ChartStyle.observer(observer))));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        ChartStyle.sharedAxisLabel(chart, "percentile (log scale of 1 / (1 - p))" + (panels.size() > 1
                ? "; n: each panel's sample size, left to right" : ""));
        return chart;
    }

    /** (1 / (1 - p), latency in us) from 0 % up to the percentile the sample size resolves, then the max. */
    static XYSeries series(String name, AbstractHistogram h) {
        XYSeries s = new XYSeries(name, true, true);
        long n = h.getTotalCount();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double level = v.getPercentileLevelIteratedTo();
            if (level >= 100.0) {
                break;
            }
            double x = 100.0 / (100.0 - level);
            if (x >= n) {
                break;
            }
            s.add(x, v.getValueIteratedTo() / 1e3);
        }
        s.add(Math.max(1.0, (double) n), h.getMaxValue() / 1e3);
        return s;
    }
}
