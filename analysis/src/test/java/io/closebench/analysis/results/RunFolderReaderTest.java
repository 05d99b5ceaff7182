package io.closebench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderReaderTest {

    @TempDir
    Path temp;

    @Test
    void aWholeBenchRunIsReadWithEveryFileAndNoGap() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.BENCH));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.status().isComplete()).isTrue();
        assertThat(run.metadata().ranMatrix()).isTrue();
        assertThat(run.metadata().ranBench()).isTrue();
        assertThat(run.metadata().ranCable()).isFalse();
        assertThat(run.matrix()).hasSize(9);
        assertThat(run.observations()).hasSize(160);
        assertThat(run.jmh()).hasSize(8).allSatisfy(r -> assertThat(r.forks()).isEqualTo(1));
        assertThat(run.latency()).hasSize(8);
        assertThat(run.cable()).isEmpty();

        BenchmarkKey key = new BenchmarkKey("ReadsAfterPeerClosed.repetition", "C2b", "NIO", 0, 0);
        Histogram h = run.latency().get(key);
        // the fork's percentile CSV and the bench summary counted the same repetitions
        assertThat(h.getTotalCount()).isEqualTo(258);
        assertThat(run.percentiles().get(key)).singleElement()
                .satisfies(p -> assertThat(p.outcomeCounts()).isEqualTo("RESET=258"));
        assertThat(run.jmhResult(key)).hasValueSatisfying(r -> assertThat(r.score()).isBetween(128.0, 130.0));
        assertThat(run.filesRead()).contains("metadata.csv", "jmh-quick.json", "summary-quick.csv");
    }

    @Test
    void jmhCsvGivesTheSameScoresAsJmhJson() throws IOException {
        Path folder = TestFolders.source(TestFolders.BENCH);
        List<JmhResult> json = JmhResults.readJson(folder.resolve("jmh-quick.json"));
        List<JmhResult> csv = JmhResults.readCsv(folder.resolve("jmh-quick.csv"));

        assertThat(csv).hasSameSizeAs(json);
        for (int i = 0; i < json.size(); i++) {
            assertThat(csv.get(i).key()).isEqualTo(json.get(i).key());
            assertThat(csv.get(i).score()).isCloseTo(json.get(i).score(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(csv.get(i).secondary().get("detect.count")).isEqualTo(json.get(i).secondary().get("detect.count"));
        }
    }

    @Test
    void aCableRunHasItsSamplesAndTheirTheory() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.CABLE_A));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.metadata().ranCable()).isTrue();
        assertThat(run.cable()).hasSize(80);
        assertThat(run.cableFile()).startsWith("cable-c20-");
        assertThat(run.cable()).filteredOn(r -> r.fault().equals("a") && r.mechanism().equals("keepalive"))
                .hasSize(20).allSatisfy(r -> {
                    assertThat(r.theoryNanos()).isEqualTo(5_000_000_000L);
                    assertThat(r.ratio()).isBetween(1.0, 1.1);
                });
    }

    @Test
    void aFolderWithoutMetadataIsNotAResultsFolder() {
        assertThatThrownBy(() -> RunFolder.read(temp))
                .isInstanceOf(ResultsFileException.class)
                .hasMessage(temp.resolve("metadata.csv") + ": missing: " + temp
                        + " is not a closebench results folder (every run writes metadata.csv first)");
    }

    @Test
    void aPathThatIsNoFolderIsNamed() {
        Path missing = temp.resolve("nowhere");
        assertThatThrownBy(() -> RunFolder.read(missing)).hasMessage(missing + ": no such folder");
    }

    @Test
    void anHlogCutOffMidLineIsRejectedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-ReadsAfterPeerClosed.repetition-C3b-BLOCKING-load0");
        byte[] bytes = Files.readAllBytes(hlog);
        Files.write(hlog, java.util.Arrays.copyOf(bytes, bytes.length - 40));

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(hlog + ": not a readable HdrHistogram log (truncated or corrupt): ")
                .satisfies(e -> assertThat(((ResultsFileException) e).file()).isEqualTo(hlog));
    }

    @Test
    void anHlogMissingAnIntervalDisagreesWithItsForksCountAndIsRejected() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-ReadsAfterPeerClosed.repetition-C2b-NIO-load100");
        List<String> lines = Files.readAllLines(hlog);
        assertThat(lines.get(lines.size() - 1)).startsWith("Tag=");
        Files.write(hlog, lines.subList(0, lines.size() - 1)); // a whole interval lost, every line intact

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(hlog + ": holds ")
                .hasMessageContaining("but percentiles-ReadsAfterPeerClosed.repetition-C2b-NIO-load100-cpu0-fork11769.csv "
                        + "counted 261: the log is truncated or corrupt");
    }

    @Test
    void anHlogCutAfterItsHeaderIsRejected() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-ReadsAfterPeerClosed.repetition-C2b-BLOCKING-load0");
        List<String> header = Files.readAllLines(hlog).stream().filter(l -> !l.startsWith("Tag=")).toList();
        Files.write(hlog, header);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessage(hlog + ": holds no interval histogram: the log is truncated after its header");
    }

    @Test
    void aCsvWithoutAColumnTheReportNeedsIsRejectedNamingFileAndColumn() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path csv = folder.resolve("observations-n20-deadline5s.csv");
        dropColumn(csv, "latency_ns");

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(csv + ": missing column latency_ns (the header has: scenario_id, case_id,");
    }

    @Test
    void aCsvCutMidRowIsRejected() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path csv = folder.resolve("matrix-n20-deadline5s.csv");
        String content = Files.readString(csv);
        Files.writeString(csv, content.substring(0, content.indexOf("C3a")));

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessageStartingWith(csv + ": row ")
                .hasMessageContaining("cells, the header has 27");
    }

    @Test
    void aCellThatIsNotANumberIsNamedWithRowAndColumn() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path csv = folder.resolve("observations-n20-deadline5s.csv");
        List<String> lines = Files.readAllLines(csv);
        lines.set(3, lines.get(3).replaceFirst(",READ,,,(\\d+),", ",READ,,,12x,"));
        Files.write(csv, lines);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessage(csv + ": row 3, column latency_ns: '12x' is not a whole number");
    }

    @Test
    void jmhJsonThatDoesNotParseIsRejectedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path json = folder.resolve("jmh-quick.json");
        String content = Files.readString(json);
        Files.writeString(json, content.substring(0, content.length() / 2));

        assertThatThrownBy(() -> RunFolder.read(folder)).hasMessageStartingWith(json + ": not readable JSON: ");
    }

    @Test
    void aRunCutShortIsPartialAndSaysWhatIsMissing() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Files.writeString(folder.resolve("status.txt"), "running (started, not finished: if this stays, the run was cut short)\n");
        Files.delete(folder.resolve("summary-quick.csv"));
        Path percentiles = TestFolders.file(folder, "percentiles-ReadsAfterPeerClosed.repetition-C3b-NIO-load100");
        Files.delete(percentiles);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.isPartial()).isTrue();
        assertThat(run.gaps().stream().map(FolderGap::toString).collect(Collectors.joining("\n")))
                .contains("status.txt: says \"running (started, not finished: if this stays, the run was cut short)\", "
                        + "not \"complete\"")
                .contains("summary-*.csv: the bench job's summary is missing")
                .contains(percentiles.getFileName() + ": missing, though latency-");
        // what is present is still read: the fork without its percentile row keeps its latencies
        assertThat(run.latency()).hasSize(8);
    }

    @Test
    void aMissingLogIsAGapAndTheSummaryCountShowsIt() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-ReadsAfterPeerClosed.repetition-C2b-BLOCKING-load100");
        Files.delete(hlog);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.gaps()).extracting(FolderGap::subject)
                .contains(hlog.getFileName().toString(), "summary-quick.csv");
        assertThat(run.latency()).hasSize(7);
    }

    @Test
    void aMatrixWithoutItsObservationsIsPartial() throws IOException {
        Path folder = TestFolders.copy(TestFolders.CABLE_A, temp);
        Files.delete(folder.resolve("observations-n2-deadline5s.csv"));

        assertThat(RunFolder.read(folder).gaps()).extracting(FolderGap::subject).containsExactly("observations-*.csv");
    }

    private static void dropColumn(Path csv, String column) throws IOException {
        List<org.apache.commons.csv.CSVRecord> records;
        List<String> header;
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        int drop = header.indexOf(column);
        StringBuilder out = new StringBuilder();
        try (var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.DEFAULT)) {
            printer.printRecord(header.stream().filter(h -> !h.equals(column)).toList());
            for (var r : records) {
                List<String> cells = new java.util.ArrayList<>(r.toList());
                cells.remove(drop);
                printer.printRecord(cells);
            }
        }
        Files.writeString(csv, out.toString());
    }
}
