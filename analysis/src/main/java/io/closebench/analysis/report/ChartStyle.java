package io.closebench.analysis.report;

import io.closebench.analysis.stats.ForkedLatency;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

/**
 * The look every chart shares: one colour per observer everywhere (so NIO is the same blue in every
 * picture), readable fonts, a white background with light grid lines, and tick labels with a decimal
 * point whatever the machine's locale.
 */
final class ChartStyle {

    static final Color BLOCKING = new Color(0xD9, 0x5F, 0x02);
    static final Color NIO = new Color(0x1B, 0x63, 0xA5);
    static final Color VIRTUAL = new Color(0xB8, 0x86, 0x0B);
    static final Color NIO_PER_CORE = new Color(0x66, 0xA6, 0x1E);
    static final Color NETTY_NIO = new Color(0x75, 0x70, 0xB3);
    static final Color NETTY = new Color(0x1B, 0x9E, 0x77);
    static final Color NETTY_IOURING = new Color(0xE7, 0x29, 0x8A);
    static final Color OTHER = new Color(0x44, 0x44, 0x44);
    static final Color THEORY = new Color(0xC0, 0x00, 0x00);
    static final Color MUTED = new Color(0x88, 0x88, 0x88);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** A panel's caption, above it. */
    static final Font CAPTION = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    static final BasicStroke LINE = new BasicStroke(2.0f);

    private ChartStyle() {
    }

    /**
     * @param observer a model's name, e.g. "NIO" (a series name that starts with one takes its colour)
     * @return its colour
     */
    static Paint observer(String observer) {
        String name = observer.contains(" ") ? observer.substring(0, observer.indexOf(' ')) : observer;
        return switch (name) {
            case "BLOCKING" -> BLOCKING;
            case "VIRTUAL" -> VIRTUAL;
            case "NIO" -> NIO;
            case "NIO_PER_CORE" -> NIO_PER_CORE;
            case "NETTY_NIO" -> NETTY_NIO;
            case "NETTY_EPOLL" -> NETTY;
            case "NETTY_IOURING" -> NETTY_IOURING;
            default -> OTHER;
        };
    }

    /** White background, light grid, title font. */
    static void apply(JFreeChart chart, Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(MUTED);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
        }
    }

    /**
     * @param label the axis label, which says the unit and the log scale
     * @return a log axis in the common style: plain tick numbers, no negative values, values at or
     *     below zero drawn at the axis's edge rather than refused
     */
    static org.jfree.chart.axis.LogarithmicAxis logAxis(String label) {
        org.jfree.chart.axis.LogarithmicAxis axis = new org.jfree.chart.axis.LogarithmicAxis(label);
        axis.setNumberFormatOverride(plainNumbers());
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
        axis.setAllowNegativesFlag(false);
        axis.setStrictValuesFlag(false);
        return axis;
    }

    /**
     * @param horizontalBars true for intervals along x (a forest plot), false for intervals along y
     * @return a renderer of dots with interval bars, no connecting lines, bars in the series' colour
     */
    static org.jfree.chart.renderer.xy.XYErrorRenderer intervalRenderer(boolean horizontalBars) {
        org.jfree.chart.renderer.xy.XYErrorRenderer renderer = new org.jfree.chart.renderer.xy.XYErrorRenderer();
        renderer.setDrawXError(horizontalBars);
        renderer.setDrawYError(!horizontalBars);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setErrorPaint(null);
        renderer.setCapLength(6);
        return renderer;
    }

    /**
     * Sets a log axis to the decades that enclose the data: within one decade JFreeChart's
     * {@code LogarithmicAxis} labels no tick at all, so a range that reaches from one power of ten to
     * the next keeps every chart readable (a 1.5x split is still a fifth of a decade apart).
     *
     * @param axis the axis
     * @param min smallest value drawn, positive
     * @param max largest value drawn
     */
    static void decades(org.jfree.chart.axis.ValueAxis axis, double min, double max) {
        if (!(min > 0) || !(max >= min)) {
            return;
        }
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        axis.setRange(low, high > low ? high : low * 10);
    }

    /**
     * Captions one panel of a combined plot above itself, centred on its own width, so that a caption
     * never runs into its neighbour's: as many lines as its width needs (broken after a comma), each
     * the label of an otherwise invisible axis along the panel's top. The panel's own x-axis below keeps
     * its ticks and loses its label: the chart's one shared label says what x is
     * ({@link #sharedAxisLabel}).
     *
     * @param panel a subplot
     * @param caption what the panel holds, e.g. "SAME_CPU, idle 0 us, load 100 connections"
     * @param width the panel's width in pixels, roughly
     */
    static void captionAbove(org.jfree.chart.plot.XYPlot panel, String caption, int width) {
        java.util.List<String> lines = wrap(caption, CAPTION, Math.max(80, width - 16));
        // the axis nearest the plot is the first at the top: the last line goes there
        for (int i = 0; i < lines.size(); i++) {
            org.jfree.chart.axis.NumberAxis line = new org.jfree.chart.axis.NumberAxis(lines.get(lines.size() - 1 - i));
            line.setLabelFont(CAPTION);
            line.setLabelInsets(new org.jfree.chart.ui.RectangleInsets(1, 0, 1, 0));
            line.setTickLabelsVisible(false);
            line.setTickMarksVisible(false);
            line.setMinorTickMarksVisible(false);
            line.setAxisLineVisible(false);
            panel.setDomainAxis(1 + i, line);
            panel.setDomainAxisLocation(1 + i, org.jfree.chart.axis.AxisLocation.TOP_OR_LEFT);
        }
        panel.getDomainAxis().setLabel(null);
    }

    /** The x-axis label shared by every panel, once, centred under them all (above the legend). */
    static void sharedAxisLabel(JFreeChart chart, String label) {
        org.jfree.chart.title.TextTitle title = new org.jfree.chart.title.TextTitle(label, LABEL);
        title.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
        title.setPadding(2, 0, 4, 0);
        chart.addSubtitle(title);
    }

    /** A legend entry of a series drawn as a line in {@code paint}. */
    static org.jfree.chart.LegendItem lineLegend(String label, Paint paint) {
        return new org.jfree.chart.LegendItem(label, null, null, null, new java.awt.Rectangle(-6, -2, 12, 4), paint);
    }

    /**
     * "n = 32 825" for one panel; "n = 32 825 | 27 378 | - " for several, each panel's in order left to
     * right, "-" where the series is not in that panel.
     */
    static String countsPerPanel(java.util.List<Long> counts) {
        return "n = " + String.join(" | ", counts.stream().map(c -> c == null ? "-" : Figures.count(c)).toList());
    }

    /**
     * "2 forks x 3 iterations", "1 fork x 2 iterations", or "2 forks, 5 iterations" when the forks did not
     * all measure as many: what a figure's interval resamples.
     */
    static String forksAndIterations(ForkedLatency sample) {
        int forks = Math.max(1, sample.forksWithValues());
        int points = sample.iterationsWithValues();
        String word = points / forks == 1 ? " iteration" : " iterations";
        return forks + (forks == 1 ? " fork" : " forks") + (points % forks == 0 ? " x " + points / forks + word
                : ", " + points + " iterations");
    }

    /**
     * One legend label per series from one description per panel (or condition): "BLOCKING (2 forks x 3
     * iterations)" where they agree, "BLOCKING (2 forks x 3 iterations | 1 fork x 2 iterations | -)" in order where
     * they do not ("-": not there).
     */
    static String withSampleSizes(String series, java.util.List<String> each) {
        java.util.List<String> present = each.stream().filter(e -> !e.equals("-")).distinct().toList();
        return series + " (" + (present.size() == 1 && !each.contains("-") ? present.get(0) : String.join(" | ", each))
                + ")";
    }

    /** {@code text} in lines no wider than {@code width} pixels in {@code font}, broken after ", ". */
    static java.util.List<String> wrap(String text, Font font, int width) {
        java.awt.FontMetrics metrics = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .createGraphics().getFontMetrics(font);
        java.util.List<String> lines = new java.util.ArrayList<>();
        String line = "";
        for (String part : text.split("(?<=,) ")) {
            String longer = line.isEmpty() ? part : line + " " + part;
            if (!line.isEmpty() && metrics.stringWidth(longer) > width) {
                lines.add(line);
                line = part;
            } else {
                line = longer;
            }
        }
        lines.add(line);
        return lines;
    }

    /** @return "#,##0.###" with a decimal point, for latency ticks in microseconds */
    static NumberFormat plainNumbers() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
