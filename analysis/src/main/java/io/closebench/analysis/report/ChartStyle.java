package io.closebench.analysis.report;

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

    /** @return "#,##0.###" with a decimal point, for latency ticks in microseconds */
    static NumberFormat plainNumbers() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
