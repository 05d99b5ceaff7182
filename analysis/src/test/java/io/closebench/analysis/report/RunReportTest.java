package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.BenchmarkKey;
import io.closebench.analysis.results.CableRecord;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path temp;

    @Test
    void aBenchRunGetsTheMatrixFirstThenTablesThenCharts() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        WrittenReport written = RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());

        assertThat(written.markdown()).isEqualTo(folder.resolve("report.md"));
        assertThat(written.isPartial()).isFalse();
        String md = Files.readString(written.markdown());
        assertThat(md).startsWith("# closebench report: run-bench\n");
        int matrix = md.indexOf("## Conformance matrix");
        int tables = md.indexOf("## Detection latency in the benchmarks");
        int cable = md.indexOf("## S1: the pulled cable");
        int charts = md.indexOf("## Charts");
        int methods = md.indexOf("## How the figures were computed");
        assertThat(matrix).isPositive().isLessThan(tables);
        assertThat(tables).isLessThan(cable);
        assertThat(cable).isLessThan(charts);
        assertThat(charts).isLessThan(methods);

        // C2a and C3b agree with the note, C2b and C3a differ, S1 is pending: 2 observers each
        assertThat(md).contains("| AGREES | 4 |", "| PARTLY | 0 |", "| DIFFERS | 4 |", "| PENDING | 1 |");
        assertThat(md).contains("| C2 | C2b | in-process | BLOCKING | EOF | RESET 20 | 308 us | DIFFERS | With data still queued");
        assertThat(md).contains("This run did not run S1 (no cable CSV).");
    }

    @Test
    void nioAgainstBlockingIsAVerdictAPersonCanActOn() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        WrittenReport written = RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());

        // the same values and seed as in the full run's report: the subset reproduces its sentence exactly
        assertThat(written.headlines()).hasSize(4).contains(
                "C2b, idle (ReadsAfterPeerClosed): BLOCKING detects RESET 1.05x faster than NIO (95% CI 1.01-1.10, "
                        + "Mann-Whitney p = 0.0065, n = 257/258)",
                "C2b, load 100 (ReadsAfterPeerClosed): no detectable difference between BLOCKING and NIO for RESET "
                        + "(median ratio NIO/BLOCKING 0.97, 95% CI 0.92-1.01, Mann-Whitney p = 0.054, n = 257/261)");
        String md = Files.readString(written.markdown());
        assertThat(md).contains("| ReadsAfterPeerClosed | C2b | idle | 271 us | 284 us | 1.05 (1.01-1.10) | BLOCKING "
                + "detects RESET 1.05x faster than NIO");
        assertThat(md).contains("C2b NIO, idle -> load 100: ");
    }

    @Test
    void theLatencyTableHoldsTheHistogramsOwnFiguresAndSaysWhenACiNeedsMoreValues() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        RunFolder run = RunFolder.read(folder);
        Histogram h = run.latency().get(new BenchmarkKey("ReadsAfterPeerClosed.repetition", "C3b", "NIO", 0, 0));
        String md = Files.readString(RunReport.write(run, BootstrapSettings.defaults()).markdown());

        String row = md.lines().filter(l -> l.startsWith("| C3b | idle | NIO |")).findFirst().orElseThrow();
        List<String> cells = Arrays.stream(row.split("\\|")).map(String::trim).toList();
        assertThat(cells.get(4)).isEqualTo(String.valueOf(h.getTotalCount()));
        assertThat(cells.get(5)).isEqualTo("RESET 260");
        assertThat(cells.get(8)).isEqualTo(Figures.duration(h.getValueAtPercentile(50)));
        assertThat(cells.get(9)).as("median CI, defined for 260 values").matches("\\d+(\\.\\d+)?-\\d+(\\.\\d+)? us");
        assertThat(cells.get(11)).isEqualTo(Figures.duration(h.getValueAtPercentile(99)));
        assertThat(cells.get(12)).as("a 95% CI for p99 needs 368 values").isEqualTo("-");
        assertThat(cells.get(14)).isEqualTo(Figures.duration(h.getMaxValue()));
        assertThat(md).contains("A 95% interval needs at least 6 values for the median and 368 for p99");
    }

    @Test
    void chartsArePngAndSvgOfTheCaseTheyName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        WrittenReport written = RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());

        Path png = folder.resolve("charts/latency-ReadsAfterPeerClosed-C2b-cpu0.png");
        assertThat(written.charts()).containsExactlyInAnyOrder(png,
                folder.resolve("charts/latency-ReadsAfterPeerClosed-C2b-cpu0.svg"),
                folder.resolve("charts/latency-ReadsAfterPeerClosed-C3b-cpu0.png"),
                folder.resolve("charts/latency-ReadsAfterPeerClosed-C3b-cpu0.svg"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1120);
        assertThat(image.getHeight()).isEqualTo(520);
        String svg = Files.readString(folder.resolve("charts/latency-ReadsAfterPeerClosed-C2b-cpu0.svg"));
        assertThat(svg).contains("<svg", "C2b: detection latency by percentile", "BLOCKING", "NIO", "idle", "load 100");
        assertThat(Files.readString(written.markdown()))
                .contains("![C2b, ReadsAfterPeerClosed: detection latency by percentile](charts/latency-ReadsAfterPeerClosed-C2b-cpu0.png)");
    }

    @Test
    void theSameFolderGivesTheSameReportByteForByte() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        String first = Files.readString(RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults()).markdown());
        String second = Files.readString(RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults()).markdown());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aCableRunComparesEachMechanismWithItsRule() throws IOException {
        Path folder = TestFolders.copy(TestFolders.CABLE_A, temp);
        RunFolder run = RunFolder.read(folder);
        WrittenReport written = RunReport.write(run, BootstrapSettings.defaults());
        String md = Files.readString(written.markdown());

        List<CableRecord> keepalive = run.cable().stream()
                .filter(r -> r.fault().equals("a") && r.mechanism().equals("keepalive") && r.observer().equals("NIO"))
                .toList();
        double[] ratios = keepalive.stream().mapToDouble(CableRecord::ratio).sorted().toArray();
        long[] detection = keepalive.stream().mapToLong(CableRecord::detectionNanos).sorted().toArray();
        String row = md.lines().filter(l -> l.startsWith("| keepalive | idle 2 s + 1 s x 3 | NIO |")).findFirst()
                .orElseThrow();
        assertThat(row).contains("| 10 | CONNECTION_TIMED_OUT 10 | " + Figures.duration(detection[4]) + " | "
                + Figures.duration(detection[9]) + " | 5.00 s after last segment |");
        assertThat(row).contains("| " + Figures.ratio(ratios[4]) + " | " + Figures.ratio(ratios[9]) + " |");
        assertThat(md).contains("| defaults | nothing set (no keepalive) | NIO | 10 | TIMEOUT 10; 10 reached the bound |");
        assertThat(md).contains("### Fault c': ");
        assertThat(written.charts()).contains(folder.resolve("charts/cable-a.png"), folder.resolve("charts/cable-c-prime.svg"));
        assertThat(ImageIO.read(folder.resolve("charts/cable-b.png").toFile()).getHeight()).isEqualTo(CableChart.height(2));
        assertThat(md).contains("This run did not run the benchmarks.");
    }

    @Test
    void aPartialFolderGivesAPartialReportThatSaysWhatIsMissing() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Files.writeString(folder.resolve("status.txt"), "failed: java.lang.OutOfMemoryError\n");
        Files.delete(folder.resolve("summary-quick.csv"));

        WrittenReport written = RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());

        assertThat(written.isPartial()).isTrue();
        String md = Files.readString(written.markdown());
        assertThat(md).contains("> **Partial report.**",
                "> - `status.txt`: says \"failed: java.lang.OutOfMemoryError\", not \"complete\"",
                "> - `summary-*.csv`: the bench job's summary is missing");
        assertThat(md.indexOf("Partial report")).isLessThan(md.indexOf("## Conformance matrix"));
    }
}
