package io.closebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.s1.CableExperiment;
import io.closebench.netns.NetnsCapability;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The pulled-cable benchmark through JMH's Runner, forked, one pull of 5 connections with a short
 * heartbeat, and one reconnect of 5 to the dead host with a connect timeout: every connection's
 * detection lands in the histogram and the CSV. Skips, saying why, where network namespaces are
 * unavailable.
 */
@org.junit.jupiter.api.Timeout(240)
class PulledCableBenchmarkTest {

    private static final int CONNECTIONS = 5;

    @TempDir
    Path out;

    @Test
    void onePullGivesOneRecordedDetectionPerConnection() throws Exception {
        RunResult r = pull("PULLED_IDLE", "HEARTBEAT:250:3");
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.count").getScore()).isEqualTo(CONNECTIONS);
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.unexpected").getScore()).isZero();

        Histogram h = histogram("latency-PulledCable.pull-S1-PULLED_IDLE-HEARTBEAT_250_3-NIO-OS-idle0us-load0-cpu0-fork");
        assertThat(h.getTotalCount()).isEqualTo(CONNECTIONS);
        // 3 missed pings of 250 ms: detected after about 0.75 s, never before 0.5 s, well within the 10 s bound
        assertThat(h.getMinValue()).isGreaterThan(500_000_000L);
        assertThat(h.getMaxValue()).isLessThan(10_000_000_000L);
        assertThat(outcomeCounts()).isEqualTo("HEARTBEAT_MISSED=" + CONNECTIONS);
    }

    @Test
    void aReconnectToTheDeadHostRecordsEveryConnectsEnd() throws Exception {
        RunResult r = pull("RECONNECT", "CONNECT_TIMEOUT:1000");
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.count").getScore()).isEqualTo(CONNECTIONS);
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.unexpected").getScore()).isZero();

        Histogram h = histogram("latency-PulledCable.pull-S1-RECONNECT-CONNECT_TIMEOUT_1000-NIO-OS-idle0us-load0-cpu0-fork");
        assertThat(h.getTotalCount()).isEqualTo(CONNECTIONS);
        // the server connects 2 s after the pull and gives up after its 1 s connect timeout
        assertThat(h.getMinValue()).isGreaterThan(3_000_000_000L);
        assertThat(h.getMaxValue()).isLessThan(10_000_000_000L);
        assertThat(outcomeCounts()).isEqualTo("TIMEOUT=" + CONNECTIONS);
    }

    /** One forked single-shot pull of {@link #CONNECTIONS} connections on NIO; skips without namespaces. */
    private RunResult pull(String fault, String mechanism) throws Exception {
        NetnsCapability netns = CableExperiment.capability();
        Assumptions.assumeTrue(netns.available(), () -> "network namespaces unavailable: " + netns.reason());
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("io\\.closebench\\.bench\\.PulledCable\\.")
                .param("fault", fault)
                .param("mechanism", mechanism)
                .param("observer", "NIO")
                .param("connections", String.valueOf(CONNECTIONS))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgsAppend("-Xmx256m", "-D" + LatencyJournal.OUT_PROPERTY + "=" + out.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true)
                .build()).run();
        return results.iterator().next();
    }

    private Histogram histogram(String prefix) throws IOException {
        HistogramLogReader reader = new HistogramLogReader(single(prefix, ".hlog").toFile());
        Histogram h = (Histogram) reader.nextIntervalHistogram();
        reader.close();
        return h;
    }

    private String outcomeCounts() throws IOException {
        try (Reader csv = Files.newBufferedReader(single("percentiles-PulledCable.pull-", ".csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(1);
            return rows.get(0).get("outcome_counts");
        }
    }

    private Path single(String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> found = s.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as(prefix + "*" + suffix).hasSize(1);
            return found.get(0);
        }
    }
}
