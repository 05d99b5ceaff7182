package io.closebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.LatencyLogs;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark through JMH's own Runner, forked, with tiny iterations: each writes a non-empty
 * histogram that HistogramLogReader reads back, a percentile CSV with the promised columns, and
 * secondary results whose outcome counts are what this OS produces (no unexpected outcome).
 * One loaded run checks that background load runs on both observers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarksSmokeTest {

    /** Static: with one instance per class, JUnit injects fields only after {@code @BeforeAll}. */
    @TempDir
    static Path out;
    private final List<RunResult> results = new ArrayList<>();

    @BeforeAll
    void runEveryBenchmarkOnce() throws RunnerException {
        // the case families; PulledCable needs namespaces and seconds per pull: see PulledCableBenchmarkTest
        results.addAll(run("(HarnessBaselines|PeerClosesWhileObserverWaits|WritesAfterPeerClosed|ReadsAfterPeerClosed"
                + "|ChildProcessEnds)\\..*", "0"));
        results.addAll(run(PeerClosesWhileObserverWaits.class.getName() + ".*", "10", "S2-inproc"));
    }

    private Collection<RunResult> run(String include, String load, String... scenarios) throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include("io\\.closebench\\.bench\\." + include.replace("io.closebench.bench.", ""))
                .param("loadConnections", load)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .jvmArgsAppend("-Xmx256m", "-D" + LatencyJournal.OUT_PROPERTY + "=" + out.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true);
        if (scenarios.length > 0) {
            o.param("scenario", scenarios);
        }
        return new Runner(o.build()).run();
    }

    @Test
    void everyBenchmarkClassRanForEveryScenarioAndBothObservers() {
        for (Class<? extends DetectionBenchmark> c : BenchmarkSuite.CLASSES) {
            long runs = results.stream().filter(r -> r.getParams().getBenchmark().startsWith(c.getName() + ".")).count();
            assertThat(runs).as(c.getSimpleName()).isPositive();
        }
        assertThat(results).extracting(r -> r.getParams().getParam("observer")).contains("BLOCKING", "NIO");
    }

    @Test
    void everyRepetitionHadTheOutcomeThisOsProduces() {
        for (RunResult r : detectionRuns()) {
            Map<String, Result> secondary = r.getAggregatedResult().getSecondaryResults();
            String which = r.getParams().getBenchmark() + " " + r.getParams().getParam("scenario") + " "
                    + r.getParams().getParam("observer") + " load " + r.getParams().getParam("loadConnections");
            assertThat(secondary.get("detect.count").getScore()).as(which).isPositive();
            assertThat(secondary.get("detect.unexpected").getScore()).as(which).isZero();
            assertThat(secondary.get("detect.timeouts").getScore()).as(which).isZero();
            assertThat(secondary).as(which).containsKeys("detect.p50", "detect.p99", "detect.max");
        }
    }

    @Test
    void theHistogramLogsReadBackWithHdrHistogramsOwnReader() throws IOException {
        List<Path> logs = files("latency-", ".hlog");
        assertThat(logs).hasSize(detectionRuns().size());
        for (Path log : logs) {
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            EncodableHistogram interval = reader.nextIntervalHistogram();
            reader.close();
            assertThat(interval).as(log.toString()).isNotNull();
            Histogram h = (Histogram) interval;
            assertThat(h.getTotalCount()).as(log.toString()).isPositive();
            assertThat(h.getTag()).as(log.toString()).matches("[^/]+/(BLOCKING|NIO)/load\\d+/cpu\\d+");
        }
        assertThat(LatencyLogs.mergeByBenchmarkAndTag(out)).hasSize(logs.size());
    }

    @Test
    void thePercentileCsvsHaveThePromisedColumnsAndOnlyTheExpectedOutcome() throws IOException {
        List<Path> csvs = files("percentiles-", ".csv");
        assertThat(csvs).hasSize(detectionRuns().size());
        for (Path csv : csvs) {
            try (Reader r = Files.newBufferedReader(csv);
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                assertThat(p.getHeaderNames()).containsExactly(PercentileCsv.COLUMNS);
                List<CSVRecord> rows = p.getRecords();
                assertThat(rows).hasSize(1);
                CSVRecord row = rows.get(0);
                Scenario s = ScenarioCatalogue.byId(row.get("scenario_id")).orElseThrow();
                assertThat(Long.parseLong(row.get("count"))).isPositive();
                assertThat(Long.parseLong(row.get("p50_ns"))).isLessThanOrEqualTo(Long.parseLong(row.get("p99_ns")));
                assertThat(row.get("outcome_counts")).as(csv.toString()).matches(s.onLinux() + "=\\d+");
                assertThat(row.get("unexpected")).isEqualTo("0");
            }
        }
    }

    @Test
    void aLoadedRunRecordsThatItsLoadRan() throws IOException {
        List<Path> loaded = files("percentiles-", "-load10-cpu0-fork", ".csv");
        assertThat(loaded).hasSize(2);
        for (Path csv : loaded) {
            try (Reader r = Files.newBufferedReader(csv);
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                CSVRecord row = p.getRecords().get(0);
                assertThat(Long.parseLong(row.get("load_messages_sent"))).as(csv.toString()).isPositive();
                assertThat(Long.parseLong(row.get("load_bytes_received"))).as(csv.toString()).isPositive();
            }
        }
    }

    @Test
    void theSummaryPairsBlockingWithNio() throws IOException {
        SummaryTable.write(results, out, "smoke", new PrintStream(java.io.OutputStream.nullOutputStream()));
        try (Reader r = Files.newBufferedReader(out.resolve("summary-smoke.csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            assertThat(p.getHeaderNames()).containsExactly(SummaryTable.COLUMNS);
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).isNotEmpty().allSatisfy(row -> {
                assertThat(row.get("blocking_score")).isNotEmpty();
                assertThat(row.get("nio_score")).isNotEmpty();
            });
        }
    }

    private List<RunResult> detectionRuns() {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith(".repetition")).toList();
    }

    private List<Path> files(String prefix, String suffix) throws IOException {
        return files(prefix, "", suffix);
    }

    private List<Path> files(String prefix, String infix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.startsWith(prefix) && n.contains(infix) && n.endsWith(suffix)).map(out::resolve).toList();
        }
    }
}
