package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import io.closebench.schema.ResultFile;
import io.closebench.wire.CaptureAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix on the wire: every repetition's connection captured and judged, its packets kept in
 * its scenario's and model's pcap file, which tcpdump's own reader opens; with {@code --no-capture},
 * every repetition says why it has no wire facts.
 */
@Timeout(240)
class MatrixWireTest {

    @TempDir
    Path results;

    @Test
    void everyRepetitionHasItsWireFactsAndItsPacketsInItsModelsPcapFile() throws Exception {
        CaptureAvailability capture = CaptureAvailability.probe();
        Assumptions.assumeTrue(capture.available(), () -> "packet capture unavailable: " + capture.reason());
        CommandRun run = execute("matrix", "-n", "3", "--cases", "C1,C3b,X1-linger0", "--observers", "BLOCKING,NIO",
                "--no-cable", "--results", results.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);

        List<CSVRecord> observations = read(only(folder, ResultFile.OBSERVATIONS));
        assertThat(observations).hasSize(18).allSatisfy(o -> {
            assertThat(o.get("wire_unavailable")).as("wire facts of %s", o).isEmpty();
            assertThat(o.get("wire_first_end")).isIn("FIN", "RST");
        });
        assertThat(observations).filteredOn(o -> o.get("scenario_id").equals("X1-linger0"))
                .allSatisfy(o -> assertThat(o.get("wire_first_end") + " by " + o.get("wire_end_by")).isEqualTo("RST by peer"));
        assertThat(observations).filteredOn(o -> o.get("scenario_id").equals("C1"))
                .allSatisfy(o -> assertThat(o.get("wire_first_end") + " by " + o.get("wire_end_by")).isEqualTo("FIN by peer"));
        assertThat(observations).filteredOn(o -> o.get("scenario_id").equals("C3b"))
                .allSatisfy(o -> assertThat(o.get("wire_rst_before_data")).isEqualTo("true"));

        Path pcap = folder.resolve("pcap");
        for (String scenario : List.of("C1", "C3b", "X1-linger0")) {
            for (String model : List.of("BLOCKING", "NIO")) {
                Path file = pcap.resolve(scenario + "-" + model + ".pcap");
                CommandResult syns = BoundedCommand.run(Duration.ofSeconds(20), List.of("tcpdump", "-n", "-r",
                        file.toString(), "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn"));
                assertThat(syns.succeeded()).as(file + ": " + syns.stderr()).isTrue();
                assertThat(syns.stdout().lines()).as("one connection per repetition in " + file).hasSize(3);
            }
        }
        try (Stream<Path> files = Files.list(pcap)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no capture left half-done")
                    .noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void withoutCaptureEveryRepetitionSaysWhyItHasNoWireFacts() throws Exception {
        CommandRun run = execute("matrix", "-n", "2", "--cases", "C1", "--observers", "NIO", "--no-cable", "--no-capture",
                "--results", results.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);

        assertThat(read(only(folder, ResultFile.OBSERVATIONS))).hasSize(2).allSatisfy(o -> {
            assertThat(o.get("wire_first_end")).isEmpty();
            assertThat(o.get("wire_unavailable")).isEqualTo("skipped by --no-capture");
        });
        assertThat(read(only(folder, ResultFile.MATRIX))).allSatisfy(m ->
                assertThat(m.get("wire_unavailable")).contains("skipped by --no-capture"));
        assertThat(folder.resolve("pcap")).doesNotExist();
    }
}
