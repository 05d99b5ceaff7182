package io.closebench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.CableExperiment;
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
 * heartbeat: every connection's detection lands in the histogram and the CSV. Skips, saying why,
 * where network namespaces are unavailable.
 */
class PulledCableBenchmarkTest {

    private static final int CONNECTIONS = 5;

    @TempDir
    Path out;

    @Test
    void onePullGivesOneRecordedDetectionPerConnection() throws Exception {
        NetnsCapability netns = CableExperiment.capability();
        Assumptions.assumeTrue(netns.available(), () -> "network namespaces unavailable: " + netns.reason());

        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("io\\.closebench\\.bench\\.PulledCable\\.")
                .param("fault", "PULLED_IDLE")
                .param("mechanism", "HEARTBEAT:250:3")
                .param("observer", "NIO")
                .param("connections", String.valueOf(CONNECTIONS))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgsAppend("-Xmx256m", "-D" + LatencyJournal.OUT_PROPERTY + "=" + out.toAbsolutePath())
                .addProfiler(DetectionProfiler.class)
                .shouldFailOnError(true)
                .build()).run();

        RunResult r = results.iterator().next();
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.count").getScore()).isEqualTo(CONNECTIONS);
        assertThat(r.getAggregatedResult().getSecondaryResults().get("detect.unexpected").getScore()).isZero();

        Path log = single("latency-PulledCable.pull-S1-PULLED_IDLE-HEARTBEAT_250_3-NIO-OS-idle0us-load0-cpu0-fork", ".hlog");
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        Histogram h = (Histogram) reader.nextIntervalHistogram();
        reader.close();
        assertThat(h.getTotalCount()).isEqualTo(CONNECTIONS);
        // 3 missed pings of 250 ms: detected after about 0.75 s, never before 0.5 s, well within the 10 s bound
        assertThat(h.getMinValue()).isGreaterThan(500_000_000L);
        assertThat(h.getMaxValue()).isLessThan(10_000_000_000L);

        try (Reader csv = Files.newBufferedReader(single("percentiles-PulledCable.pull-", ".csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).singleElement().satisfies(row ->
                    assertThat(row.get("outcome_counts")).isEqualTo("HEARTBEAT_MISSED=" + CONNECTIONS));
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
