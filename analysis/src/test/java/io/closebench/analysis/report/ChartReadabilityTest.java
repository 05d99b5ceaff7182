package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.schema.Observer;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-panel charts as a reader sees them, drawn at the size the report writes them from the
 * small real results folders: each panel captioned above itself within its own width (so that no two
 * captions meet), the x-axis labelled once under all panels, each model's sample size in the legend;
 * mass death's first-to-median spans side by side, one per model, each named in the legend.
 */
@Timeout(60)
class ChartReadabilityTest {

    @TempDir
    Path temp;

    @Test
    void everyPercentilePanelIsCaptionedAboveItselfWithinItsWidthAndEachModelsNIsInTheLegend() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp));
        Map<String, Map<String, AbstractHistogram>> byPanel = new LinkedHashMap<>();
        run.latency().forEach((k, sample) -> {
            if (k.benchmark().startsWith("PeerClosesWhileObserverWaits") && k.scenario().equals("S2-inproc")) {
                byPanel.computeIfAbsent("idle " + Figures.idle(k.idleBeforeFaultMicros()) + ", " + Figures.loadWords(k),
                        p -> new LinkedHashMap<>()).put(k.observer().name(), sample.pooled());
            }
        });
        List<PercentileChart.Panel> panels = new ArrayList<>();
        byPanel.forEach((label, histograms) -> panels.add(new PercentileChart.Panel(label, histograms)));
        assertThat(panels).as("the folder's S2-inproc panels").hasSize(2);

        JFreeChart chart = PercentileChart.of("S2-inproc, SAME_CPU: detection latency by percentile", "test", panels);

        assertCaptionedAboveWithinTheirPanels(chart, byPanel.keySet().stream().toList(), PercentileChart.width(2),
                PercentileChart.HEIGHT);
        assertThat(sharedLabels(chart)).singleElement().asString().startsWith("percentile");
        for (String observer : List.of("BLOCKING", "NIO")) {
            String counts = String.join(" | ", panels.stream().map(p -> Figures.count(p.byObserver().get(observer)
                    .getTotalCount())).toList());
            assertThat(legend(chart)).contains(observer + " (n = " + counts + ")");
        }
    }

    @Test
    void everyIterationPanelIsCaptionedAboveItselfAndEachModelsForksAndIterationsAreInTheLegend() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.PLACEMENT, temp));
        Map<String, List<IterationChart.Line>> byPanel = new LinkedHashMap<>();
        run.latency().forEach((k, sample) -> byPanel.computeIfAbsent(k.placement() + ", idle "
                + Figures.idle(k.idleBeforeFaultMicros()) + ", " + Figures.loadWords(k), p -> new ArrayList<>())
                .add(new IterationChart.Line(k.observer().name(), sample)));
        List<IterationChart.Panel> panels = new ArrayList<>();
        byPanel.forEach((label, lines) -> panels.add(new IterationChart.Panel(label, lines)));
        assertThat(panels).as("SAME_CPU and CROSS_CPU, idle 0 and 10 ms").hasSize(4);

        JFreeChart chart = IterationChart.of("S2-inproc: median of each iteration", "test", panels);

        assertCaptionedAboveWithinTheirPanels(chart, byPanel.keySet().stream().toList(), IterationChart.width(4),
                IterationChart.HEIGHT);
        assertThat(sharedLabels(chart)).singleElement().asString().startsWith("iteration, in fork order");
        // one fork of two measurement iterations each, in every panel: said once per model
        assertThat(run.latency().values()).allSatisfy(sample -> {
            assertThat(sample.forksWithValues()).isEqualTo(1);
            assertThat(sample.iterationsWithValues()).isEqualTo(2);
        });
        assertThat(legend(chart)).containsExactly("BLOCKING (1 fork x 2 iterations)", "NIO (1 fork x 2 iterations)");
    }

    @Test
    void massDeathDrawsEachModelsFirstToMedianSpanBesideTheOthersNeverOverIt() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.MASS_DEATH, temp));
        Map<MassDeathSeries.Condition, Map<Observer, MassDeathSeries>> all = MassDeathSeries.of(run.massDeath().trials());
        List<MassDeathSeries> kill = all.entrySet().stream().filter(e -> e.getKey().fault().equals("KILL"))
                .findFirst().orElseThrow().getValue().values().stream().toList();

        JFreeChart chart = MassDeathChart.timeToAll("KILL", "test", kill);

        List<String> legend = legend(chart);
        for (MassDeathSeries s : kill) {
            assertThat(legend).contains(s.observer() + ": first to median detection",
                    s.observer() + " (" + MassDeathChart.trialsPerN(s) + ")");
        }
        XYIntervalSeriesCollection spans = (XYIntervalSeriesCollection) ((XYPlot) chart.getPlot()).getDataset(1);
        assertThat(spans.getSeriesCount()).isEqualTo(kill.size());
        // at every N, no two models' spans share an x: side by side, never one over another
        for (int a = 0; a < spans.getSeriesCount(); a++) {
            for (int b = a + 1; b < spans.getSeriesCount(); b++) {
                for (int i = 0; i < spans.getItemCount(a); i++) {
                    for (int j = 0; j < spans.getItemCount(b); j++) {
                        boolean apart = spans.getEndXValue(a, i) <= spans.getStartXValue(b, j)
                                || spans.getEndXValue(b, j) <= spans.getStartXValue(a, i);
                        assertThat(apart).as(spans.getSeriesKey(a) + " and " + spans.getSeriesKey(b)).isTrue();
                    }
                }
            }
        }
        // each span in its model's colour: distinct models, distinct outlines
        assertThat(chart.getXYPlot().getFixedLegendItems().getItemCount()).isGreaterThanOrEqualTo(2 * kill.size());
        List<Object> outlines = new ArrayList<>();
        for (int i = 0; i < spans.getSeriesCount(); i++) {
            outlines.add(((XYPlot) chart.getPlot()).getRenderer(1).getSeriesOutlinePaint(i));
        }
        assertThat(outlines).doesNotHaveDuplicates();
    }

    /**
     * Draws the chart at its size, then checks that each panel has its caption on top (the panel's own
     * x-axis has no label) and that every caption line fits within its panel's drawn width.
     */
    private static void assertCaptionedAboveWithinTheirPanels(JFreeChart chart, List<String> captions, int width,
                                                              int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
        CombinedRangeXYPlot plot = (CombinedRangeXYPlot) chart.getPlot();
        List<XYPlot> panels = plot.getSubplots();
        assertThat(panels).hasSize(captions.size());
        for (int p = 0; p < panels.size(); p++) {
            XYPlot panel = panels.get(p);
            assertThat(panel.getDomainAxis(0).getLabel()).as("panel %d's own x label", p).isNull();
            List<String> lines = new ArrayList<>();
            for (int a = panel.getDomainAxisCount() - 1; a >= 1; a--) {
                ValueAxis caption = panel.getDomainAxis(a);
                assertThat(panel.getDomainAxisLocation(a)).isEqualTo(AxisLocation.TOP_OR_LEFT);
                lines.add(caption.getLabel());
            }
            assertThat(String.join(" ", lines)).as("panel %d's caption", p).isEqualTo(captions.get(p));
            double panelWidth = info.getPlotInfo().getSubplotInfo(p).getDataArea().getWidth();
            for (int a = 1; a < panel.getDomainAxisCount(); a++) {
                Font font = panel.getDomainAxis(a).getLabelFont();
                FontMetrics metrics = g.getFontMetrics(font);
                assertThat((double) metrics.stringWidth(panel.getDomainAxis(a).getLabel()))
                        .as("caption line '%s' within its panel", panel.getDomainAxis(a).getLabel())
                        .isLessThanOrEqualTo(panelWidth);
            }
        }
        g.dispose();
    }

    /** The text titles under the plot other than the legend: the shared x-axis label. */
    private static List<String> sharedLabels(JFreeChart chart) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof TextTitle text && t.getPosition() == RectangleEdge.BOTTOM) {
                labels.add(text.getText());
            }
        }
        return labels;
    }

    private static List<String> legend(JFreeChart chart) {
        List<String> labels = new ArrayList<>();
        org.jfree.chart.LegendItemCollection items = chart.getPlot().getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels.stream().filter(Objects::nonNull).toList();
    }
}
