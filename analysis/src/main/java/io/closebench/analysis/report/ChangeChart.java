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
 * noise, grey where it is not, with the zero line drawn. Rows whose interval is undefined are left
 * out of the picture (the table lists them).
 */
final class ChangeChart {

    /**
     * One row.
     *
     * @param label what the figure is
     * @param change relative change of the median, e.g. 0.12 for +12 %
     * @param low lower bound of its interval
     * @param high upper bound of its interval
     * @param beyondNoise whether the change is beyond noise
     */
    record Row(String label, double change, double low, double high, boolean beyondNoise) {
    }

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
        String[] labels = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = rows.size() - 1 - i; // first row at the top
            labels[y] = r.label();
            (r.beyondNoise() ? beyond : within).add(r.change() * 100, r.low() * 100, r.high() * 100, y);
        }
        XIntervalSeriesCollection data = new XIntervalSeriesCollection();
        data.addSeries(beyond);
        data.addSeries(within);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(true);
        renderer.setDrawYError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setErrorPaint(null);
        renderer.setCapLength(6);
        renderer.setSeriesPaint(0, ChartStyle.THEORY);
        renderer.setSeriesPaint(1, ChartStyle.MUTED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));

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
