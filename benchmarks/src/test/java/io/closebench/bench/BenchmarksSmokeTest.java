package io.closebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.observe.EveryModel;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Column;
import io.closebench.schema.Observer;
import io.closebench.schema.PercentileColumn;
import io.closebench.schema.Placement;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark through JMH's own Runner, forked, with tiny iterations: every case family with the
 * blocking and NIO observers, and every model that runs here on the EOF, RST and EPIPE cases, with
 * an idle time and, for some, background load. Each writes an .hlog whose untagged intervals
 * HdrHistogram's own tools read ({@code HistogramLogProcessor -i FILE}), a percentile CSV with the
 * schema's columns, and secondary results whose outcomes are what this OS produces; no hand-off of
 * the harness lies in any measured path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BenchmarksSmokeTest {

    /** Static: with one instance per class, JUnit injects fields only after {@code @BeforeAll}. */
    @TempDir
    static Path out;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Observer> everyModelHere = EveryModel.models()
            .filter(o -> ObserverModels.unavailableReason(o).isEmpty()).toList();
    private final Placement placement = CpuPlan.unavailableReason(Placement.SAME_CPU).isEmpty()
            ? Placement.SAME_CPU : Placement.OS;

    @BeforeAll
    void runEveryBenchmarkOnce() throws RunnerException {
        // the case families; PulledCable needs namespaces and seconds per pull: see PulledCableBenchmarkTest
        results.addAll(run("(HarnessBaselines|PeerClosesWhileObserverWaits|WritesAfterPeerClosed|ReadsAfterPeerClosed"
                + "|BlockedCallEnds|ChildProcessEnds)", List.of(Observer.BLOCKING, Observer.NIO), "0", "0"));
        results.addAll(run("PeerClosesWhileObserverWaits", everyModelHere, "0", "1000", "S2-inproc", "X1-linger0"));
        results.addAll(run("WritesAfterPeerClosed", everyModelHere, "0", "0", "C1"));
        results.addAll(run("PeerClosesWhileObserverWaits", everyModelHere, "10", "0", "S2-inproc"));
    }

    private Collection<RunResult> run(String classes, List<Observer> observers, String load, String idle,
                                      String... scenarios) throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include("io\\.closebench\\.bench\\.(" + classes + ")\\.")
                .param("observer", observers.stream().map(Enum::name).toArray(String[]::new))
                .param("placement", placement.name())
                .param("idleBeforeFaultMicros", idle)
                .param("loadConnections", load)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .jvmArgsAppend("-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                        "-D" + LatencyJournal.OUT_PROPERTY + "=" + out.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true);
        if (scenarios.length > 0) {
            o.param("scenario", scenarios);
        }
        return new Runner(o.build()).run();
    }

    @Test
    void everyBenchmarkClassRanAndEveryModelThatRunsHere() {
        for (Class<? extends DetectionBenchmark> c : BenchmarkSuite.CLASSES) {
            long runs = results.stream().filter(r -> r.getParams().getBenchmark().startsWith(c.getName() + ".")).count();
            assertThat(runs).as(c.getSimpleName()).isPositive();
        }
        assertThat(results).extracting(r -> r.getParams().getParam("observer"))
                .containsAll(everyModelHere.stream().map(Enum::name).toList());
    }

    @Test
    void everyRepetitionHadTheOutcomeThisOsProducesAndNoHandOff() {
        for (RunResult r : detectionRuns()) {
            Map<String, Result> secondary = r.getAggregatedResult().getSecondaryResults();
            String which = r.getParams().getBenchmark() + " " + r.getParams().getParam("scenario") + " "
                    + r.getParams().getParam("observer") + " load " + r.getParams().getParam("loadConnections");
            assertThat(secondary.get("detect.count").getScore()).as(which).isPositive();
            double timeouts = secondary.get("detect.timeouts").getScore();
            Observer observer = Observer.valueOf(r.getParams().getParam("observer"));
            Scenario s = ScenarioCatalogue.byId(r.getParams().getParam("scenario")).orElseThrow();
            if (s.onLinux(observer) == io.closebench.schema.Outcome.TIMEOUT) {
                // X4 on NIO: nothing wakes its selector, the bound ends every repetition; expected, not unexpected
                assertThat(timeouts).as(which).isEqualTo(secondary.get("detect.count").getScore());
                assertThat(secondary.get("detect.unexpected").getScore()).as(which).isZero();
            } else if (observer == Observer.NETTY_IOURING && s.onLinux(observer) == io.closebench.schema.Outcome.RESET) {
                // io_uring's lost RST (ScenarioOutcomesTest.isIoUringsLostReset): a timeout, counted as unexpected,
                // and every one with the state that explains it; no other timeout, no other unexpected outcome
                assertThat(secondary.get("detect.lost_resets").getScore()).as(which).isEqualTo(timeouts);
                assertThat(secondary.get("detect.unexpected").getScore()).as(which).isEqualTo(timeouts);
            } else {
                assertThat(secondary.get("detect.unexpected").getScore()).as(which).isZero();
                assertThat(timeouts).as(which).isZero();
            }
            assertThat(secondary.get("detect.handoffs").getScore()).as(which).isZero();
            assertThat(secondary).as(which).containsKeys("detect.p50", "detect.p99", "detect.max");
        }
    }

    @Test
    void theHistogramLogsAreUntaggedAndNamedByTheirCombination() throws IOException {
        List<Path> logs = files(ResultFile.LATENCY);
        assertThat(logs).hasSize(detectionRuns().size());
        for (Path log : logs) {
            assertThat(BenchmarkKey.fromFileName(log.getFileName().toString())).as(log.toString()).isPresent();
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            EncodableHistogram interval = reader.nextIntervalHistogram();
            reader.close();
            assertThat(interval).as(log.toString()).isNotNull();
            Histogram h = (Histogram) interval;
            assertThat(h.getTotalCount()).as(log.toString()).isPositive();
            assertThat(h.getTag()).as("untagged, so that HistogramLogProcessor reads it: " + log).isNull();
        }
    }

    @Test
    void hdrHistogramsOwnLogProcessorPrintsTheDistribution() throws Exception {
        Path log = files(ResultFile.LATENCY).get(0);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.HdrHistogram.HistogramLogProcessor", "-i", log.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).as(printed).contains("Value").contains("Percentile").contains("#[Mean");
    }

    @Test
    void thePercentileCsvsHaveTheSchemasColumnsAndOnlyTheExpectedOutcome() throws IOException {
        List<Path> csvs = files(ResultFile.PERCENTILES);
        assertThat(csvs).hasSize(detectionRuns().size());
        for (Path csv : csvs) {
            try (Reader r = Files.newBufferedReader(csv);
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                assertThat(p.getHeaderNames()).containsExactlyElementsOf(Column.headers(PercentileColumn.class));
                List<CSVRecord> rows = p.getRecords();
                assertThat(rows).hasSize(1);
                CSVRecord row = rows.get(0);
                Scenario s = ScenarioCatalogue.byId(row.get("scenario_id")).orElseThrow();
                assertThat(Long.parseLong(row.get("count"))).isPositive();
                assertThat(Long.parseLong(row.get("p50_ns"))).isLessThanOrEqualTo(Long.parseLong(row.get("p99_ns")));
                Observer observer = Observer.valueOf(row.get("observer"));
                if (observer == Observer.NETTY_IOURING && s.onLinux(observer) == io.closebench.schema.Outcome.RESET) {
                    // its lost RST: counted with the others, or, in an iteration it filled alone, the only outcome;
                    // that every such TIMEOUT is the lost RST is asserted on the same runs' detect.lost_resets
                    assertThat(row.get("outcome_counts")).as(csv.toString())
                            .matches(s.onLinux(observer) + "=\\d+(;TIMEOUT=\\d+)?|TIMEOUT=\\d+");
                    long timeouts = Stream.of(row.get("outcome_counts").split(";")).filter(c -> c.startsWith("TIMEOUT="))
                            .mapToLong(c -> Long.parseLong(c.substring("TIMEOUT=".length()))).sum();
                    assertThat(Long.parseLong(row.get("unexpected"))).as(csv.toString()).isEqualTo(timeouts);
                } else {
                    assertThat(row.get("outcome_counts")).as(csv.toString()).matches(s.onLinux(observer) + "=\\d+");
                    assertThat(row.get("unexpected")).isEqualTo("0");
                }
                assertThat(row.get("handoffs_in_measured_path")).isEqualTo("0");
                assertThat(row.get("placement")).isEqualTo(placement.name());
            }
        }
    }

    @Test
    void aLoadedRunRecordsThatItsLoadRan() throws IOException {
        List<Path> loaded = files(ResultFile.PERCENTILES).stream()
                .filter(f -> f.getFileName().toString().contains("-load10-")).toList();
        assertThat(loaded).hasSize(everyModelHere.size());
        for (Path csv : loaded) {
            try (Reader r = Files.newBufferedReader(csv);
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                CSVRecord row = p.getRecords().get(0);
                assertThat(Long.parseLong(row.get("load_messages_sent"))).as(csv.toString()).isPositive();
                assertThat(Long.parseLong(row.get("load_bytes_received"))).as(csv.toString()).isPositive();
            }
        }
    }

    private List<RunResult> detectionRuns() {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith(".repetition")).toList();
    }

    private List<Path> files(ResultFile kind) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(f -> kind.matches(f.getFileName().toString())).sorted().toList();
        }
    }
}
