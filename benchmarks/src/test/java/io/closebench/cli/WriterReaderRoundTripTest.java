package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.RunFolder;
import io.closebench.schema.row.SummaryRecord;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.ResultFile;
import io.closebench.schema.SchemaVersion;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers and the reader agree: a folder written by today's matrix and bench commands is read
 * back by the analysis reader with nothing missing, nothing left over and no gap, the values
 * as written.
 */
@Timeout(240)
class WriterReaderRoundTripTest {

    @TempDir
    Path results;

    @Test
    void aMatrixFolderReadsBackRowForRowAndObservationForObservation() throws Exception {
        CommandRun run = execute("matrix", "-n", "3", "--cases", "S2-inproc,X1-linger0,C1", "--observers", "BLOCKING,NIO",
                "--no-cable", "--results", results.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);

        RunFolder back = RunFolder.read(folder);

        assertThat(back.gaps()).isEmpty();
        assertThat(back.metadata().get(MetadataKey.SCHEMA_VERSION)).contains(String.valueOf(SchemaVersion.CURRENT));
        List<CSVRecord> rows = read(only(folder, ResultFile.MATRIX));
        assertThat(back.matrix()).extracting(m -> m.scenarioId() + "/" + m.observer().map(Enum::name).orElse("") + "/"
                        + m.verdict() + "/" + m.outcomeCounts())
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("scenario_id") + "/" + r.get("observer") + "/"
                        + r.get("verdict") + "/" + r.get("outcome_counts")).toList());
        List<CSVRecord> observations = read(only(folder, ResultFile.OBSERVATIONS));
        assertThat(back.observations()).hasSize(18).extracting(o -> o.scenarioId() + "/" + o.observer() + "/"
                        + o.outcome() + "/" + o.latencyNanos())
                .containsExactlyElementsOf(observations.stream().map(r -> r.get("scenario_id") + "/" + r.get("observer") + "/"
                        + r.get("outcome") + "/" + r.get("latency_ns")).toList());
    }

    @Test
    void aBenchFolderReadsBackEveryForkEveryIterationAndTheNativeFloor() throws Exception {
        CommandRun run = execute("bench", "--include", "PeerClosesWhileObserverWaits", "--observers", "NIO", "--placement", "SAME_CPU",
                "--idle-before-fault", "0", "--results", results.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);

        RunFolder back = RunFolder.read(folder);

        assertThat(back.gaps()).isEmpty();
        // S2-inproc and X1-linger0 idle, S2-inproc and X2-halfclose under 100 connections of load
        assertThat(back.latency()).as("one latency key per combination").hasSize(4);
        back.latency().forEach((key, latency) -> {
            assertThat(latency.forkCount()).as(key + " forks").isEqualTo(1);
            assertThat(latency.iterationCount()).as(key + " iterations").isEqualTo(2);
            SummaryRecord summary = back.summaryRow(key).orElseThrow();
            assertThat(summary.skippedReason()).isEmpty();
            assertThat(summary.unexpected()).isZero();
        });
        assertThat(back.summary()).as("every benchmark a summary row").hasSize(4);
        assertThat(back.nativeFloor()).as("the floor's cases: 2 scenarios x 3 C observers").hasSize(6);
        // beside JMH's own JSON, the same entries with detection latency as their primary metric
        com.fasterxml.jackson.databind.JsonNode detection = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("detection-quick.json").toFile());
        assertThat(detection).hasSize(back.jmh().size());
        assertThat(detection).allSatisfy(e -> assertThat(e.get("primaryMetric").get("scoreUnit").asText()).isEqualTo("us"));
    }
}
