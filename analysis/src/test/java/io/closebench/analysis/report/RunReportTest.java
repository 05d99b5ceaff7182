package io.closebench.analysis.report;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.FolderMetadata;
import io.closebench.analysis.results.FolderStatus;
import io.closebench.analysis.results.MassDeathRun;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.SoakRun;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.ForkAwareComparison;
import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.analysis.stats.HierarchicalBootstrap;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.RunStatus;
import io.closebench.schema.row.NativeFloorRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.closebench.schema.TimelineEvent;
import io.closebench.schema.row.S1TimelineRecord;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class RunReportTest {

    private static final BenchmarkKey S2_BLOCKING = new BenchmarkKey("PeerClosesWhileObserverWaits.repetition",
            "S2-inproc", Observer.BLOCKING, Placement.SAME_CPU, 0, 0, 0);

    @TempDir
    Path temp;

    private String report(String folder) throws IOException {
        return write(folder).text();
    }

    private WrittenReport write(String folder) throws IOException {
        return RunReport.write(RunFolder.read(TestFolders.copy(folder, temp)), BootstrapSettings.defaults());
    }

    @Test
    void aBenchRunGetsItsSectionsInOrder() throws IOException {
        WrittenReport written = write(TestFolders.BENCH);

        assertThat(written.isPartial()).isFalse();
        String md = written.text();
        assertThat(md).startsWith("# closebench report: " + TestFolders.BENCH + "\n");
        // the report first (the answer, the links to the detail, the method, the files), then each detail file
        List<String> order = List.of("## The answer, from this run", "## In detail", "## How the figures were computed",
                "## Files read", "## Conformance matrix", "## Detection latency in the benchmarks",
                "## Models side by side", "## Harness overhead per placement", "## Iteration to iteration", "## Charts",
                "## S1: the pulled cable");
        for (int i = 1; i < order.size(); i++) {
            assertThat(md.indexOf(order.get(i - 1))).as(order.get(i - 1)).isPositive().isLessThan(md.indexOf(order.get(i)));
        }
        assertThat(md).contains("- In this folder: the benchmarks (12 combinations with a latency)\n",
                "- Benchmark forks' JDK: OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)",
                "- Placements measured: SAME_CPU", "This run did not run the conformance matrix.",
                "This run did not run S1 (no cable CSV).");
    }

    @Test
    void verdictsAreForkAwareAndQuoteTheirPlacementIdleTimeAndJdk() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp));
        WrittenReport written = RunReport.write(run, BootstrapSettings.defaults());

        // every pair that ran side by side: NIO against BLOCKING in 6 scenario, placement, idle and load combinations
        assertThat(written.headlines()).hasSize(6).allSatisfy(h -> assertThat(h)
                .contains(", SAME_CPU, idle 0 us before the fault, ", ", JDK 25.0.3+9-LTS (")
                .contains("over 2 forks x 2 iterations each"));
        String sentence = ForkAwareComparison.of(run.latency().get(S2_BLOCKING),
                run.latency().get(S2_BLOCKING.withObserver(Observer.NIO)), BootstrapSettings.defaults())
                .describe("BLOCKING", "NIO", "EOF");
        assertThat(written.headlines()).contains("S2-inproc, SAME_CPU, idle 0 us before the fault, no load, JDK "
                + "25.0.3+9-LTS (PeerClosesWhileObserverWaits): " + sentence);
        assertThat(sentence).startsWith("no difference between BLOCKING and NIO for EOF beyond fork-to-fork and "
                + "iteration variation (median ratio NIO/BLOCKING ");
        assertThat(written.text()).contains("| NIO vs BLOCKING |", "| no difference |");
    }

    @Test
    void aFigureOfOneForkIsDescribedAndNotJudged() throws IOException {
        WrittenReport written = write(TestFolders.PLACEMENT);

        assertThat(written.headlines()).hasSize(4).allSatisfy(h -> assertThat(h)
                .contains("one fork each of BLOCKING and NIO, so fork-to-fork variation is unknown (one fork: not judged)")
                .contains("95% iteration-level CI"));
        assertThat(written.text()).contains("| not judged (one fork) |",
                "| iteration-level (one fork) |");
    }

    @Test
    void theLatencyTableHoldsEachFiguresPooledMedianWithItsHierarchicalInterval() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp));
        ForkedLatency sample = run.latency().get(S2_BLOCKING);
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();

        String row = md.lines().filter(l -> l.startsWith("| S2-inproc | SAME_CPU | 0 us | none | BLOCKING |"))
                .findFirst().orElseThrow();
        List<String> cells = Arrays.stream(row.split("\\|")).map(String::trim).toList();
        assertThat(cells.get(6)).isEqualTo("25.0.3+9-LTS");
        assertThat(cells.get(7)).isEqualTo("2 forks x 2 iterations each");
        assertThat(cells.get(8)).isEqualTo(Figures.count(sample.totalCount()));
        assertThat(cells.get(9)).isEqualTo("EOF " + sample.totalCount());
        assertThat(cells.get(10)).isEqualTo(ThreeFigureDuration.of(sample.pooledMedian()));
        assertThat(cells.get(11)).isEqualTo(Figures.durationInterval(
                HierarchicalBootstrap.quantile(sample, 0.5, BootstrapSettings.defaults()).interval()));
        assertThat(cells.get(13)).isEqualTo(ThreeFigureDuration.of(sample.pooledQuantile(0.99)));
        assertThat(cells.get(16)).isEqualTo("hierarchical");
        assertThat(cells.get(17)).isEqualTo("100%");
        assertThat(cells.get(18)).isEqualTo("1 / 1");
        assertThat(cells.get(20)).startsWith("iteration medians agree within ");
        assertThat(md).contains("\"hierarchical\" resamples forks, then iterations within them");
    }

    @Test
    void chartsArePngAndSvgOfWhatTheyName() throws IOException {
        WrittenReport written = write(TestFolders.BENCH);
        Path charts = written.markdown().resolveSibling("charts");

        Path png = charts.resolve("latency-PeerClosesWhileObserverWaits-S2-inproc-SAME_CPU-cpu0.png");
        Path iterations = charts.resolve("iterations-PeerClosesWhileObserverWaits-S2-inproc.png");
        assertThat(written.charts()).contains(png, charts.resolve("latency-PeerClosesWhileObserverWaits-S2-inproc-"
                + "SAME_CPU-cpu0.svg"), iterations, charts.resolve("iterations-PeerClosesWhileObserverWaits-S2-inproc.svg"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(PercentileChart.width(2));
        assertThat(image.getHeight()).isEqualTo(PercentileChart.HEIGHT);
        String svg = Files.readString(charts.resolve("iterations-PeerClosesWhileObserverWaits-S2-inproc.svg"));
        assertThat(svg).contains("<svg", "S2-inproc: median of each iteration", "BLOCKING (2 forks x 2 iterations)",
                "NIO (2 forks x 2 iterations)", "SAME_CPU, idle 0 us, no load", "load 100 connections",
                "iteration, in fork order").doesNotContain(" - iteration");
        assertThat(written.text())
                .contains("![S2-inproc, PeerClosesWhileObserverWaits: median of each iteration](charts/iterations-"
                        + "PeerClosesWhileObserverWaits-S2-inproc.png)");
    }

    @Test
    void theReportGivesTheAnswerFirstLinksItsDetailAndWritesTheSameAnswerAsJson() throws IOException {
        WrittenReport written = write(TestFolders.BENCH);
        String report = Files.readString(written.markdown());

        assertThat(report).contains("## The answer, from this run", "### How soon, measured by the benchmarks",
                "### What went wrong", "- [Detection latency in the benchmarks](report-benchmarks.md)",
                "[summary.json](summary.json)");
        assertThat(report.indexOf("## The answer")).isLessThan(report.indexOf("## In detail"));
        assertThat(written.details()).contains(written.markdown().resolveSibling("report-benchmarks.md"));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(written.markdown().resolveSibling("summary.json").toFile());
        assertThat(json.get("run").get("folder").asText()).isEqualTo(TestFolders.BENCH);
        assertThat(json.get("benchmarks")).hasSize(12);
        assertThat(json.get("benchmarks").get(0).get("median_ns").asLong()).isPositive();
    }

    @Test
    void theSameFolderGivesTheSameReportByteForByte() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp));
        String first = RunReport.write(run, BootstrapSettings.defaults()).text();
        String second = RunReport.write(RunFolder.read(run.folder()), BootstrapSettings.defaults()).text();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void combinationsSkippedHereAreListedWithTheirReason() throws IOException {
        String md = report(TestFolders.JDK17);

        assertThat(md).contains("### Skipped here\n\n2 combinations were not run, because the model cannot run on "
                + "this JDK or kernel:");
        assertThat(md).contains("| HarnessBaselines | S2-arrived | VIRTUAL | SAME_CPU | 0 us | none | "
                + "17.0.15+6-Debian-1deb12u1 | virtual threads need JDK 21 or later; ");
        assertThat(md).contains("### Benchmarks without a detection latency");
    }

    @Test
    void placementAndIdleTimeAreSetAgainstTheApi() throws IOException {
        WrittenReport written = write(TestFolders.PLACEMENT);
        String md = written.text();

        assertThat(md).contains("## What decides the figure: placement and idle time against the API",
                "### PeerClosesWhileObserverWaits S2-inproc, no load",
                "| placement | idle | BLOCKING median (CI) | NIO median (CI) |");
        assertThat(md.lines().filter(l -> l.startsWith("| SAME_CPU | ") || l.startsWith("| CROSS_CPU | ")))
                .anySatisfy(l -> assertThat(l).startsWith("| CROSS_CPU | 10.0 ms | "));
        assertThat(md).containsPattern("Placement and idle time move (BLOCKING|NIO)'s median [0-9.]+-fold \\(.* at "
                + "SAME_CPU idle 0 us, .* at CROSS_CPU idle 10.0 ms\\); under one placement and idle time the models "
                + "differ at most [0-9.]+-fold .*: here placement and idle time decide the figure more than the API does.");
        assertThat(written.charts()).contains(written.markdown().resolveSibling("charts")
                .resolve("conditions-PeerClosesWhileObserverWaits-S2-inproc-load0-cpu0.png"));
    }

    @Test
    void theHarnessBaselineStandsBesideTheDetectionOfTheSamePlacementIdleTimeAndObserver() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp));
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();
        long baseline = run.latency().get(S2_BLOCKING.withBenchmark("HarnessBaselines.repetition", "S2-arrived"))
                .pooledMedian();
        long detection = run.latency().get(S2_BLOCKING).pooledMedian();

        assertThat(md).contains("| S2-inproc | S2-arrived | SAME_CPU | 0 us | none | BLOCKING | 25.0.3+9-LTS | "
                + ThreeFigureDuration.of(baseline) + " (");
        assertThat(md).contains("the read that finds the EOF already there takes " + ThreeFigureDuration.of(baseline)
                + " of the " + ThreeFigureDuration.of(detection) + " detection");
        assertThat(md).contains("| X1-linger0 | X1-arrived | SAME_CPU | 0 us | none | NIO |");
    }

    @Test
    void theNativeFloorStandsBesideTheJavaFigureOfTheSameScenarioPlacementAndIdleTime() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.PLACEMENT, temp));
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();
        NativeFloorRecord poll = run.nativeFloor().stream().filter(r -> r.scenarioId().equals("S2-inproc")
                && r.api().name().equals("POLL") && r.placement() == Placement.SAME_CPU && r.idleBeforeFaultMicros() == 0)
                .findFirst().orElseThrow();
        long java = run.latency().get(S2_BLOCKING).pooledMedian();

        assertThat(md).contains("## The native floor: Java against C", "Target: pinned, within 1.3x.");
        // the Java-against-C table's rows (the C program's own figures follow in a table of their own)
        List<String> javaAgainstC = md.lines().dropWhile(l -> !l.startsWith("| scenario | placement | idle | C observer |"))
                .takeWhile(l -> l.startsWith("|")).toList();
        String row = javaAgainstC.stream().filter(l -> l.startsWith("| S2-inproc | SAME_CPU | 0 us | POLL |")).findFirst()
                .orElseThrow();
        assertThat(row).contains("| " + ThreeFigureDuration.of(poll.p50Nanos()) + " | ", "| BLOCKING | 25.0.3+9-LTS | "
                + ThreeFigureDuration.of(java) + " (", "| " + Figures.ratio((double) java / poll.p50Nanos()) + " (");
        assertThat(javaAgainstC.stream().filter(l -> l.startsWith("| X1-linger0 | ")))
                .allSatisfy(l -> assertThat(l).containsAnyOf("no Java figure of this scenario, placement and idle "
                        + "time in this run", "| no Java counterpart |"));
    }

    @Test
    void theMatrixSaysWhatWasSkippedAndWhatEachModelFound() throws IOException {
        String md = report(TestFolders.MATRIX_JDK17);

        assertThat(md).contains("| AGREES | 4 |", "| SKIPPED | 2 | this observer cannot run on this JDK or kernel |");
        assertThat(md).contains("### Observers skipped here", "| S2 | S2-inproc | VIRTUAL | SAME_CPU | virtual threads "
                + "need JDK 21 or later");
        assertThat(md).contains("### Findings per model", "| VIRTUAL | 2 | 0 | 0 | 0 | 2 | 0 | nowhere |");
        assertThat(md).contains("### Models against each other in the matrix", "| S2-inproc | SAME_CPU | in-process | "
                + "NIO vs BLOCKING |");
        assertThat(md).contains("Placement: SAME_CPU: observer cpu 1,", "the observer idle 0 us before each fault; JDK "
                + "OpenJDK 64-Bit Server VM 17.0.15");
    }

    @Test
    void theWireSectionSaysPerCaseWhichEndLeftFirstInWhichOrderAndWhetherTheRstDestroyedQueuedData() throws IOException {
        List<String> all = report(TestFolders.MATRIX_WIRE).lines().toList();
        assertThat(all).contains("### On the wire, case by case");
        List<String> lines = all.subList(all.indexOf("### On the wire, case by case"), all.size()).stream()
                .takeWhile(l -> !l.startsWith("### Models against")).toList();

        // C3a: the server's data had all crossed when it reset; C3b: its RST destroyed what was still queued
        assertThat(lines.stream().filter(l -> l.startsWith("| C3a | "))).singleElement().asString()
                .contains("| 6 of 6 | RST by peer 6 |", "| 0 of 6 |");
        assertThat(lines.stream().filter(l -> l.startsWith("| C3b | "))).singleElement().asString()
                .contains("| 6 of 6 | RST by peer 6 |", "| 6 of 6 |");
        // a half-close: a FIN from the peer, then the observer's data and its own FIN; no RST at all
        assertThat(lines.stream().filter(l -> l.startsWith("| X2-halfclose | "))).singleElement().asString()
                .contains("FIN by peer 6", "peer FIN, observer data, observer FIN", "| no RST |");
    }

    @Test
    void anInterruptedRunGetsAPartialReportThatQuotesItsStatusAndMarksItsPartialRows() throws IOException {
        WrittenReport written = write(TestFolders.MATRIX_INTERRUPTED);
        String md = written.text();

        assertThat(written.isPartial()).isTrue();
        assertThat(md).contains("> **Partial report.**", "> - `status.txt`: the run was stopped: \"interrupted: SIGTERM "
                + "during matrix S2-jvm after 1048 repetitions\"");
        assertThat(md).contains("### Rows cut short", "| S2 | S2-jvm | BLOCKING | SAME_CPU | 124 | 400 |");
        assertThat(md.indexOf("Partial report")).isLessThan(md.indexOf("## Conformance matrix"));
    }

    @Test
    void aKilledRunGetsAPartialReportThatSaysItsProcessIsGone() throws IOException {
        WrittenReport written = write(TestFolders.MATRIX_KILLED);
        String md = written.text();
        long pid = RunStatus.parse(Files.readString(TestFolders.source(TestFolders.MATRIX_KILLED).resolve("status.txt")))
                .pid().orElseThrow();

        assertThat(written.isPartial()).isTrue();
        assertThat(md).contains("> - `status.txt`: cut short (its process " + pid + " is gone)");
        assertThat(md).contains("The matrix is missing from this folder (see above); its single observations are read "
                + "below.", "### Models against each other in the matrix");
    }

    @Test
    void aCableRunComparesEachMechanismWithItsRule() throws IOException {
        WrittenReport written = write(TestFolders.CABLE_A);
        String md = written.text();

        assertThat(md).contains("## S1: the pulled cable", "### Fault a: ", "| keepalive | idle 2 s + 1 s x 3 | NIO |");
        assertThat(md).contains("5.00 s after last segment");
        assertThat(written.charts()).contains(written.markdown().resolveSibling("charts").resolve("cable-a.png"));
        assertThat(md).contains("This run did not run the benchmarks.");
    }

    @Test
    void eachS1FaultIsOneTableWhereverItsTrialsFellAndTheModelsAreNamed() throws IOException {
        Path folder = TestFolders.copy(TestFolders.CABLE_A, temp);
        Path cable = TestFolders.file(folder, "cable-");
        // rows in another order, as a run whose fault c trials came first and last writes them
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(cable));
        List<String> c = lines.stream().filter(l -> l.matches("^\\d+,c,.*")).limit(10).toList();
        lines.removeAll(c);
        lines.addAll(1, c);
        Files.write(cable, lines);

        String md = RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults()).text();

        assertThat(md.split("\n### Fault c: ", -1)).hasSize(2);
        assertThat(md).contains("Models watching the server's connections (each where its API can apply the mechanism): "
                + "BLOCKING, NIO for ", "NETTY_EPOLL for TCP_USER_TIMEOUT");
    }

    @Test
    void iterationMediansThatSplitAreSaidInPlainWordsAndDrawn() throws IOException {
        // synthetic: two forks of three iterations, in each the third 41 us where the others are 11 us
        ForkedLatency split = ForkedLatency.of(List.of(
                new ForkedLatency.Fork(101, List.of(around(11_000), around(11_000), around(41_000))),
                new ForkedLatency.Fork(102, List.of(around(11_000), around(11_000), around(41_000)))));
        TreeMap<BenchmarkKey, ForkedLatency> latency = new TreeMap<>(Map.of(S2_BLOCKING, split));
        RunFolder run = new RunFolder(temp, new FolderMetadata(Map.of("schema_version", "2", "job", "bench")),
                new FolderStatus(Optional.of(RunStatus.complete()), Optional.empty()), List.of(), List.of(), List.of(),
                List.of(), latency, new TreeMap<>(), List.of(), List.of(), "", List.of(), MassDeathRun.none(), SoakRun.none(),
                List.of());

        WrittenReport written = RunReport.write(run, BootstrapSettings.defaults());
        String md = written.text();

        assertThat(md).contains("1 of 1 figures with more than one iteration split into groups",
                "- PeerClosesWhileObserverWaits S2-inproc, BLOCKING, SAME_CPU, idle 0 us before the fault, no load, JDK "
                        + "unknown (2 forks x 3 iterations each): iteration medians split into 2 groups: about 11.0 us (4 "
                        + "of 6 iterations) and about 41.0 us (2 of 6)");
        assertThat(written.charts()).contains(temp.resolve("charts/iterations-PeerClosesWhileObserverWaits-S2-inproc.png"));
    }

    @Test
    void s1sTimelineIsTabledAndDrawnPerFaultWithTheRulesCountsBesideWhatHappened() throws IOException {
        // synthetic: one b connection whose two expected retransmissions never reached the cable, held for ARP
        List<S1TimelineRecord> timeline = List.of(
                event(TimelineEvent.ARP_REQUEST, "", "", 82_400, 82_300),
                event(TimelineEvent.SEGMENT, "RETRANSMISSION", "", -1, 282_300),
                event(TimelineEvent.ATTEMPT, "RETRANSMISSION", "held", 460_200, 282_300),
                event(TimelineEvent.SEGMENT, "RETRANSMISSION", "", -1, 682_300),
                event(TimelineEvent.ATTEMPT, "RETRANSMISSION", "held", 884_400, 682_300),
                event(TimelineEvent.REPORT, "", "data", 3_088_300, -1),
                event(TimelineEvent.KERNEL_END, "", "", 3_158_200, -1),
                event(TimelineEvent.DETECTED, "", "CONNECTION_TIMED_OUT", 3_158_600, 3_071_800));
        RunFolder run = new RunFolder(temp, new FolderMetadata(Map.of("schema_version", "2", "job", "matrix")),
                new FolderStatus(Optional.of(RunStatus.complete()), Optional.empty()), List.of(), List.of(), List.of(),
                List.of(), new TreeMap<>(), new TreeMap<>(), List.of(), List.of(), "", List.of(), MassDeathRun.none(),
                SoakRun.none(), List.of(), timeline);

        WrittenReport written = RunReport.write(run, BootstrapSettings.defaults());
        String md = written.text();

        assertThat(md).contains("## S1 on the wire and in the kernel", "### Fault b on the wire",
                "| tcp_retries2=3 | NIO | RETRANSMISSION 0 (2) | 0 / 2 | 1 | 1 (3.09 s) | 3.16 s | 3.16 s | 3.07 s | "
                        + "CONNECTION_TIMED_OUT |");
        assertThat(written.charts()).contains(temp.resolve("charts/s1-wire-b.png"));
    }

    private static S1TimelineRecord event(TimelineEvent event, String role, String detail, double atMicros,
                                          double ruleMicros) {
        return new S1TimelineRecord(4, "b", "tcp_retries2=3", "", io.closebench.schema.Observer.NIO, 0, event, role, 1,
                detail, atMicros < 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(atMicros),
                atMicros < 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(0),
                ruleMicros < 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(ruleMicros));
    }

    /** 101 values from 0.99 to 1.01 times {@code nanos}: an iteration whose median is {@code nanos}. */
    private static Histogram around(long nanos) {
        Histogram h = new Histogram(3);
        for (int i = -50; i <= 50; i++) {
            h.recordValue(nanos + nanos * i / 5000);
        }
        return h;
    }
}
