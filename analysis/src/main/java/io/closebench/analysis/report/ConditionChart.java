package io.closebench.analysis.report;

import io.closebench.analysis.stats.ConfidenceInterval;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * One scenario's median detection latency under each placement and idle time, one series per
 * model: a dot at the median, a bar over its interval, on a log scale, the models of one condition
 * side by side. Where the dots of one model climb from condition to condition more than the models
 * differ within one, the conditions decide the figure, not the API.
 */
final class ConditionChart {

    /**
     * @param condition index into the conditions
     * @param medianNanos the median
     * @param interval its interval, possibly undefined (then no bar)
     */
    record Point(int condition, long medianNanos, ConfidenceInterval interval) {
    }

    /**
     * @param observer the model
     * @param points its medians
     * @param sampleSizes per condition, left to right, what its interval resamples ("2 forks x 3 iterations"), "-"
     *     where the model did not run
     */
    record Series(String observer, List<Point> points, List<String> sampleSizes) {
    }

    private ConditionChart() {
    }

    /**
     * @param title the chart's title
     * @param subtitle the benchmark, load and run
     * @param conditions the x axis, left to right
     * @param series one per model
     * @param level the intervals' level, e.g. "95%"
     * @return the chart
     */
    static JFreeChart of(String title, String subtitle, List<String> conditions, List<Series> series, String level) {
        ChartFiles.headless();
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = ChartStyle.intervalRenderer(false);
        double width = 0.5;
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            double offset = series.size() == 1 ? 0 : -width / 2 + width * s / (series.size() - 1);
            YIntervalSeries y = new YIntervalSeries(one.observer());
            for (Point p : one.points()) {
                double median = p.medianNanos() / 1e3;
                boolean bar = p.interval().isDefined();
                double low = bar ? p.interval().low() / 1e3 : median;
                double high = bar ? p.interval().high() / 1e3 : median;
                y.add(p.condition() + offset, median, low, high);
                smallest = Math.min(smallest, low);
                largest = Math.max(largest, high);
            }
            data.addSeries(y);
            renderer.setSeriesPaint(s, ChartStyle.observer(one.observer()));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        SymbolAxis x = new SymbolAxis(null, conditions.toArray(String[]::new));
        x.setTickLabelFont(ChartStyle.TICK);
        x.setGridBandsVisible(false);
        x.setRange(-0.6, conditions.size() - 0.4);
        LogarithmicAxis y = ChartStyle.logAxis("median detection latency t1 - t0 (\u00b5s, log scale; bars: " + level
                + " CI)");
        ChartStyle.decades(y, smallest, largest);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        for (Series one : series) {
            legend.add(new org.jfree.chart.LegendItem(ChartStyle.withSampleSizes(one.observer(), one.sampleSizes()), null,
                    null, null, new Ellipse2D.Double(-4, -4, 8, 8), ChartStyle.observer(one.observer())));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        return chart;
    }
}
