package io.closebench.analysis.report;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
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

    /**
     * @param title e.g. "C2a: detection latency by percentile"
     * @param subtitle e.g. the benchmark
     * @param panels left to right
     * @return the chart
     */
    static JFreeChart of(String title, String subtitle, List<Panel> panels) {
        ChartFiles.headless();
        LogarithmicAxis latency = ChartStyle.logAxis("detection latency t1 - t0 (\u00b5s, log scale)");
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(latency);
        plot.setGap(14);
        LegendItemCollection legend = new LegendItemCollection();
        java.util.Set<String> inLegend = new java.util.LinkedHashSet<>();
        for (Panel panel : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            StringBuilder counts = new StringBuilder();
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
                counts.append(counts.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(Figures.count(h.getTotalCount()));
                largestN = Math.max(largestN, h.getTotalCount());
                if (inLegend.add(e.getKey())) {
                    legend.add(new LegendItem(e.getKey(), null, null, null, new java.awt.Rectangle(-6, -2, 12, 4),
                            ChartStyle.observer(e.getKey())));
                }
            }
            LogAxis percentile = new LogAxis(panel.label() + " - percentile (n = " + counts + ")");
            percentile.setNumberFormatOverride(new PercentileAxisFormat());
            percentile.setAutoTickUnitSelection(false);
            percentile.setTickUnit(new NumberTickUnit(1.0));
            percentile.setAutoRange(false);
            percentile.setRange(1.0, Math.max(10.0, largestN * 1.2));
            percentile.setLabelFont(ChartStyle.LABEL);
            percentile.setTickLabelFont(ChartStyle.TICK);
            percentile.setMinorTickMarksVisible(false);
            XYPlot sub = new XYPlot(data, percentile, null, renderer);
            sub.setBackgroundPaint(java.awt.Color.WHITE);
            sub.setDomainGridlinePaint(ChartStyle.GRID);
            sub.setRangeGridlinePaint(ChartStyle.GRID);
            sub.setDomainGridlinesVisible(true);
            sub.setRangeGridlinesVisible(true);
            plot.add(sub, 1);
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        TextTitle sub = new TextTitle(subtitle, ChartStyle.SUBTITLE);
        chart.addSubtitle(sub);
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
