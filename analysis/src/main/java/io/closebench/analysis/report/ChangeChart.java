package io.closebench.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;

/**
 * The comparison of two runs as a forest plot: one row per figure, a dot at the median's relative
 * change from run A to run B and a bar over its confidence interval, red where the change is beyond
 * noise, grey where it is not, light grey where it was not judged (one fork in a run: run-to-run
 * noise unknown, the interval describes the spread within each run only), with the zero line drawn.
 * Rows whose interval is undefined are left out of the picture (the table lists them).
 */
final class ChangeChart {

    /**
     * One row.
     *
     * @param label what the figure is
     * @param change relative change of the median, e.g. 0.12 for +12 %
     * @param low lower bound of its interval
     * @param high upper bound of its interval
     * @param state what was decided
     */
    record Row(String label, double change, double low, double high, State state) {
    }

    /** What was decided for a row, which decides its colour. */
    enum State { BEYOND_NOISE, WITHIN_NOISE, NOT_JUDGED }

    private ChangeChart() {
    }

    /**
     * @param title the chart's title
     * @param subtitle e.g. which runs
     * @param rows top to bottom
     * @param level the intervals' confidence level, e.g. "95%"
     * @return the chart
     */
    static JFreeChart of(String title, String subtitle, List<Row> rows, String level) {
        ChartFiles.headless();
        XIntervalSeries beyond = new XIntervalSeries("beyond noise");
        XIntervalSeries within = new XIntervalSeries("within noise");
        XIntervalSeries notJudged = new XIntervalSeries("not judged (one fork in a run)");
        String[] labels = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = rows.size() - 1 - i; // first row at the top
            labels[y] = r.label();
            XIntervalSeries series = switch (r.state()) {
                case BEYOND_NOISE -> beyond;
                case WITHIN_NOISE -> within;
                case NOT_JUDGED -> notJudged;
            };
            series.add(r.change() * 100, r.low() * 100, r.high() * 100, y);
        }
        XIntervalSeriesCollection data = new XIntervalSeriesCollection();
        data.addSeries(beyond);
        data.addSeries(within);
        data.addSeries(notJudged);
        XYErrorRenderer renderer = ChartStyle.intervalRenderer(true);
        renderer.setSeriesPaint(0, ChartStyle.THEORY);
        renderer.setSeriesPaint(1, ChartStyle.MUTED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesPaint(2, ChartStyle.GRID.darker());
        renderer.setSeriesShape(2, new Ellipse2D.Double(-3, -3, 6, 6));

        NumberAxis change = new NumberAxis("median of run B against run A (% change, " + level + " CI)");
        change.setLabelFont(ChartStyle.LABEL);
        change.setTickLabelFont(ChartStyle.TICK);
        change.setNumberFormatOverride(ChartStyle.plainNumbers());
        change.setAutoRangeIncludesZero(true);
        SymbolAxis figures = new SymbolAxis(null, labels);
        figures.setTickLabelFont(ChartStyle.TICK);
        figures.setGridBandsVisible(false);
        figures.setRange(-0.7, Math.max(0.7, rows.size() - 0.3));
        XYPlot plot = new XYPlot(data, change, figures, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        ValueMarker zero = new ValueMarker(0.0, Color.BLACK, new BasicStroke(1f));
        plot.addDomainMarker(zero);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle, ChartStyle.SUBTITLE));
        return chart;
    }

    /** @return the chart's height for that many rows */
    static int height(int rows) {
        return 170 + 22 * rows;
    }
}
