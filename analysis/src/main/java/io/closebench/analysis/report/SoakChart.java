package io.closebench.analysis.report;

import io.closebench.analysis.results.SoakRun;
import io.closebench.schema.row.SoakRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A soak over time: one panel per {@link SoakResource}, all sharing the time axis (seconds since the
 * soak started), each with its samples, its baseline (dashed), its bound (red) and the warm-up
 * (shaded); the last panel is the repetitions per second between two samples. A resource of
 * whole numbers has whole-number ticks, and at least a range of 2, so that a flat zero reads as zero.
 */
final class SoakChart {

    private static final int PANEL_HEIGHT = 130;

    private SoakChart() {
    }

    /** @return the chart's height in pixels */
    static int height() {
        return 120 + PANEL_HEIGHT * (SoakResource.values().length + 1);
    }

    static JFreeChart of(String title, String subtitle, SoakRun soak, String bounds) {
        ChartFiles.headless();
        NumberAxis time = new NumberAxis("seconds since the soak started");
        time.setLabelFont(ChartStyle.LABEL);
        time.setTickLabelFont(ChartStyle.TICK);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);
        List<SoakRecord> samples = soak.samples();
        Optional<SoakRecord> baseline = soak.baseline();
        for (SoakResource r : SoakResource.values()) {
            XYSeries values = new XYSeries(r.label());
            XYSeries bound = new XYSeries("bound");
            for (SoakRecord s : samples) {
                if (r.of(s) >= 0) {
                    values.add(s.elapsedSeconds(), r.of(s));
                }
                if (baseline.isPresent() && s.elapsedSeconds() >= baseline.get().elapsedSeconds()) {
                    OptionalDouble b = r.bound(bounds, baseline.get(), s);
                    if (b.isPresent()) {
                        bound.add(s.elapsedSeconds(), b.getAsDouble());
                    }
                }
            }
            XYPlot panel = panel(r.axis(), new XYSeriesCollection(values), ChartStyle.NIO, r.isCount());
            if (!bound.isEmpty()) {
                XYLineAndShapeRenderer red = new XYLineAndShapeRenderer(true, false);
                red.setSeriesPaint(0, ChartStyle.THEORY);
                red.setSeriesStroke(0, new BasicStroke(1.5f));
                panel.setDataset(1, new XYSeriesCollection(bound));
                panel.setRenderer(1, red);
            }
            baseline.ifPresent(b -> {
                if (r.of(b) >= 0) {
                    ValueMarker m = new ValueMarker(r.of(b), ChartStyle.MUTED, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
                    panel.addRangeMarker(m);
                }
            });
            plot.add(panel);
        }
        XYSeries rate = new XYSeries("repetitions per second");
        for (int i = 1; i < samples.size(); i++) {
            double dt = samples.get(i).elapsedSeconds() - samples.get(i - 1).elapsedSeconds();
            if (dt > 0) {
                rate.add(samples.get(i).elapsedSeconds(), (samples.get(i).repetitions() - samples.get(i - 1).repetitions()) / dt);
            }
        }
        plot.add(panel("reps/s", new XYSeriesCollection(rate), ChartStyle.BLOCKING, false));
        baseline.ifPresent(b -> plot.getSubplots().forEach(p -> ((XYPlot) p).addDomainMarker(
                new IntervalMarker(0, b.elapsedSeconds(), new Color(0xEE, 0xEE, 0xEE)), org.jfree.chart.ui.Layer.BACKGROUND)));
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle(subtitle + "; dots: samples, dashed: baseline, red: bound, shaded: warm-up",
                ChartStyle.SUBTITLE));
        return chart;
    }

    private static XYPlot panel(String label, XYSeriesCollection data, java.awt.Paint paint, boolean count) {
        NumberAxis y = new NumberAxis(label);
        y.setLabelFont(ChartStyle.TICK);
        y.setTickLabelFont(ChartStyle.TICK);
        y.setAutoRangeIncludesZero(true);
        y.setAutoRangeMinimumSize(count ? 2 : 1);
        y.setRangeType(org.jfree.data.RangeType.POSITIVE);
        if (count) {
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        y.setNumberFormatOverride(ChartStyle.plainNumbers());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, paint);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        XYPlot panel = new XYPlot(data, null, y, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setDomainGridlinePaint(ChartStyle.GRID);
        panel.setRangeGridlinePaint(ChartStyle.GRID);
        return panel;
    }
}
