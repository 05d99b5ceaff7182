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
    static final Color NETTY = new Color(0x1B, 0x9E, 0x77);
    static final Color OTHER = new Color(0x75, 0x70, 0xB3);
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
     * @param observer BLOCKING, NIO, NETTY_EPOLL
     * @return its colour
     */
    static Paint observer(String observer) {
        return switch (observer) {
            case "BLOCKING" -> BLOCKING;
            case "NIO" -> NIO;
            case "NETTY_EPOLL" -> NETTY;
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

    /** @return "#,##0.###" with a decimal point, for latency ticks in microseconds */
    static NumberFormat plainNumbers() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
