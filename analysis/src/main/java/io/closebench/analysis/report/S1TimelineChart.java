package io.closebench.analysis.report;

import io.closebench.schema.TimelineEvent;
import io.closebench.schema.row.S1TimelineRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * S1, one fault, event by event: one lane per mechanism and observer (its group's first connection),
 * time after t0 across. What the rules expect is a hollow grey ring; what happened is drawn over it:
 * a segment on the cable, a retransmission the kernel attempted (sent, or held for ARP), the trial's
 * ARP requests, the kernel's reports of the connection's segments, the kernel's end of it, and t1.
 * A ring with nothing on it is something the rule expected that never happened.
 */
final class S1TimelineChart {

    /** One kind of mark: which rows, drawn how, and with which time (measured or the rule's). */
    private record Mark(String label, Predicate<S1TimelineRecord> rows, boolean rule, Shape shape, Paint paint,
                        boolean filled) {
    }

    private static final List<Mark> MARKS = List.of(
            new Mark("expected by the rule", r -> r.ruleAtMicros().isPresent(), true,
                    new Ellipse2D.Double(-6, -6, 12, 12), ChartStyle.MUTED, false),
            new Mark("segment on the cable", r -> r.event() == TimelineEvent.SEGMENT && r.atMicros().isPresent(), false,
                    new Rectangle2D.Double(-3.5, -3.5, 7, 7), ChartStyle.NIO, true),
            new Mark("kernel retransmission, sent", r -> r.event() == TimelineEvent.ATTEMPT && r.detail().equals("sent"),
                    false, triangle(), ChartStyle.NETTY, true),
            new Mark("kernel retransmission, held for ARP", r -> r.event() == TimelineEvent.ATTEMPT
                    && !r.detail().equals("sent") && r.atMicros().isPresent(), false, triangle(), ChartStyle.NETTY, false),
            new Mark("ARP request", r -> r.event() == TimelineEvent.ARP_REQUEST && r.atMicros().isPresent(), false,
                    diamond(), ChartStyle.BLOCKING, true),
            new Mark("report of its segment (ICMP host unreachable)", r -> r.event() == TimelineEvent.REPORT, false,
                    cross(), ChartStyle.THEORY, false),
            new Mark("kernel ended it", r -> r.event() == TimelineEvent.KERNEL_END, false,
                    new Line2D.Double(0, -8, 0, 8), Color.BLACK, false),
            new Mark("detected (t1)", r -> r.event() == TimelineEvent.DETECTED && r.atMicros().isPresent(), false,
                    new Rectangle2D.Double(-2, -10, 4, 20), ChartStyle.NETTY_IOURING, true));

    private S1TimelineChart() {
    }

    /** The lane of a row: its group, by mechanism and observer, with the settings where one mechanism ran with two. */
    static String lane(S1TimelineRecord r, boolean withSettings) {
        return r.mechanism() + (withSettings && !r.settings().isEmpty() ? " (" + r.settings() + ")" : "") + "  "
                + r.observer();
    }

    /** The mechanisms of {@code rows} that ran with two settings or more: their lanes name them. */
    static java.util.Set<String> withTwoSettings(List<S1TimelineRecord> rows) {
        return rows.stream().collect(java.util.stream.Collectors.groupingBy(S1TimelineRecord::mechanism,
                java.util.stream.Collectors.mapping(S1TimelineRecord::settings, java.util.stream.Collectors.toSet())))
                .entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * @param fault       e.g. "b"
     * @param description the fault in words
     * @param rows        the fault's rows of its groups' first connections
     * @return the chart
     */
    static JFreeChart of(String fault, String description, List<S1TimelineRecord> rows) {
        ChartFiles.headless();
        Map<String, List<S1TimelineRecord>> lanes = new LinkedHashMap<>();
        java.util.Set<String> twice = withTwoSettings(rows);
        rows.forEach(r -> lanes.computeIfAbsent(lane(r, twice.contains(r.mechanism())), k -> new ArrayList<>()).add(r));
        // the window is what happened: a rule's time far beyond it (the kernel's 15-minute default) is in the table
        double window = rows.stream().filter(r -> r.atMicros().isPresent()).mapToDouble(r -> r.atMicros().getAsDouble())
                .max().orElse(1e6) / 1e6 * 1.08;
        List<String> names = new ArrayList<>(lanes.keySet());
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int m = 0; m < MARKS.size(); m++) {
            Mark mark = MARKS.get(m);
            XYSeries series = new XYSeries(mark.label(), false, true);
            for (int lane = 0; lane < names.size(); lane++) {
                for (S1TimelineRecord r : lanes.get(names.get(lane))) {
                    if (mark.rows().test(r)) {
                        double micros = mark.rule() ? r.ruleAtMicros().getAsDouble() : r.atMicros().getAsDouble();
                        if (micros / 1e6 <= window) {
                            series.add(micros / 1e6, names.size() - 1 - lane);
                        }
                    }
                }
            }
            data.addSeries(series);
            renderer.setSeriesShape(m, mark.shape());
            renderer.setSeriesPaint(m, mark.paint());
            renderer.setSeriesShapesFilled(m, mark.filled());
            renderer.setSeriesOutlineStroke(m, new BasicStroke(1.5f));
            renderer.setSeriesStroke(m, new BasicStroke(1.5f));
        }
        renderer.setUseOutlinePaint(false);
        renderer.setDrawOutlines(true);

        List<String> bottomUp = new ArrayList<>(names);
        java.util.Collections.reverse(bottomUp);
        SymbolAxis lanesAxis = new SymbolAxis(null, bottomUp.toArray(String[]::new));
        lanesAxis.setTickLabelFont(ChartStyle.TICK);
        lanesAxis.setGridBandsVisible(false);
        NumberAxis time = new NumberAxis("time after t0 (s)");
        time.setLabelFont(ChartStyle.LABEL);
        time.setTickLabelFont(ChartStyle.TICK);
        time.setRange(0, Math.max(1, window));
        XYPlot plot = new XYPlot(data, time, lanesAxis, renderer);
        plot.setRangeGridlinesVisible(true);
        JFreeChart chart = new JFreeChart("S1 fault " + fault + " on the wire and in the kernel: " + description,
                ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        chart.addSubtitle(new TextTitle("each group's first connection; a grey ring with nothing on it: the rule "
                + "expected it, it never happened; the rule's events after the last thing that happened are in the table",
                ChartStyle.SUBTITLE));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(ChartStyle.TICK);
        return chart;
    }

    /** Pixels for {@code lanes} lanes, legend and titles included. */
    static int height(int lanes) {
        return 200 + 26 * lanes;
    }

    private static Shape triangle() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -5);
        p.lineTo(5, 4);
        p.lineTo(-5, 4);
        p.closePath();
        return p;
    }

    private static Shape diamond() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -4);
        p.lineTo(4, 0);
        p.lineTo(0, 4);
        p.lineTo(-4, 0);
        p.closePath();
        return p;
    }

    private static Shape cross() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-4, -4);
        p.lineTo(4, 4);
        p.moveTo(-4, 4);
        p.lineTo(4, -4);
        return p;
    }
}
