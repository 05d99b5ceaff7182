package io.closebench.analysis.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a JFreeChart as PNG (for Markdown viewers) and as SVG (scalable, for publication; drawn by
 * JFreeSVG, JFreeChart's own author's {@code Graphics2D} for SVG), without a display: AWT is put in
 * headless mode before any AWT class is touched, so the report runs on a server or in CI.
 */
final class ChartFiles {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    /** Puts AWT in headless mode; call before anything else touches AWT (loading this class does it). */
    static void headless() {
        // the static initialiser has run by now
    }

    /**
     * @param chart the chart
     * @param png where the PNG goes; the SVG goes next to it with the same base name
     * @param width pixels
     * @param height pixels
     * @return the PNG and SVG written
     * @throws IOException if a file cannot be written
     */
    static List<Path> write(JFreeChart chart, Path png, int width, int height) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
        String name = png.getFileName().toString();
        Path svg = png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".svg");
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        SVGUtils.writeToSVG(svg.toFile(), g2.getSVGElement());
        return List.of(png, svg);
    }
}
