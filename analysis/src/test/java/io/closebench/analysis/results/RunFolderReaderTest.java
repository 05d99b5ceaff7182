package io.closebench.analysis.results;

import io.closebench.analysis.stats.ForkedLatency;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.FloorApi;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.ResultFile;
import io.closebench.schema.RunStatus;
import io.closebench.schema.Verdict;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.ObservationRecord;
import io.closebench.schema.row.PercentileRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class RunFolderReaderTest {

    private static final BenchmarkKey S2_NIO = new BenchmarkKey("PeerClosesWhileObserverWaits.repetition", "S2-inproc",
            Observer.NIO, Placement.SAME_CPU, 0, 0, 0);

    @TempDir
    Path temp;

    @Test
    void aWholeBenchRunIsReadWithEveryFileAndNoGap() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.BENCH));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.status().isComplete()).isTrue();
        assertThat(run.metadata().ranBench()).isTrue();
        assertThat(run.metadata().ranMatrix()).isFalse();
        assertThat(run.summary()).hasSize(16);
        // HarnessBaselines.setUpAndTearDown measures throughput only: 4 of the 16 have no latency
        assertThat(run.latency()).hasSize(12);
        assertThat(run.percentiles().values()).allSatisfy(forks -> assertThat(forks).hasSize(2));
        assertThat(run.jmh()).hasSize(16).allSatisfy(r -> assertThat(r.forks()).isEqualTo(2));
        assertThat(run.jdk(S2_NIO)).isEqualTo("OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)");
        assertThat(run.filesRead()).contains("metadata.csv", "status.txt", "jmh-quick.json", "summary-quick.csv");
    }

    @Test
    void eachForkIsOneHlogAndEachIterationOneInterval() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.BENCH));
        ForkedLatency s2 = run.latency().get(S2_NIO);

        assertThat(s2.forkCount()).isEqualTo(2);
        assertThat(s2.iterationCount(0)).isEqualTo(2);
        assertThat(s2.iterationCount(1)).isEqualTo(2);
        assertThat(s2.design()).isEqualTo("2 forks x 2 iterations each");
        // forks in the order they ran, named by their pids, each holding what its percentile CSV counted
        List<PercentileRecord> forks = run.percentiles().get(S2_NIO);
        assertThat(forks).extracting(PercentileRecord::forkPid).containsExactly(s2.forkId(0), s2.forkId(1));
        for (int f = 0; f < 2; f++) {
            long counted = forks.get(f).count();
            assertThat(s2.count(f, 0) + s2.count(f, 1)).isEqualTo(counted);
            assertThat(forks.get(f).iterations()).isEqualTo(2);
        }
        assertThat(s2.totalCount()).isEqualTo(run.summaryRow(S2_NIO).orElseThrow().count());
    }

    @Test
    void jmhCsvGivesTheSameScoresAsJmhJson() throws IOException {
        Path folder = TestFolders.source(TestFolders.BENCH);
        List<JmhResult> json = JmhResults.readJson(folder.resolve("jmh-quick.json"));
        List<JmhResult> csv = JmhResults.readCsv(folder.resolve("jmh-quick.csv"));

        assertThat(csv).hasSameSizeAs(json);
        for (int i = 0; i < json.size(); i++) {
            assertThat(csv.get(i).benchmark()).isEqualTo(json.get(i).benchmark());
            assertThat(csv.get(i).params()).isEqualTo(json.get(i).params());
            assertThat(csv.get(i).score()).isCloseTo(json.get(i).score(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(csv.get(i).secondary().get("detect.count")).isEqualTo(json.get(i).secondary().get("detect.count"));
        }
    }

    @Test
    void aFolderOfANewerSchemaIsRefusedNamingBothVersions() {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        TestFolders.setMetadata(folder, "schema_version", "3");

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessage(folder.resolve("metadata.csv") + ": written by a newer closebench (results schema 3); this "
                        + "closebench reads results schema 2 and older: update closebench to read it");
    }

    @Test
    void aFolderOfTheOldFormatWithoutSchemaVersionIsRefusedNamingBothVersions() {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        TestFolders.setMetadata(folder, "schema_version", null);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(folder.resolve("metadata.csv") + ": written by an older closebench (results "
                        + "schema 1; this closebench reads results schema 2)");
    }

    @Test
    void aHalfWrittenLastLineIsLeftOutAndSaidAsAGap() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX_KILLED, temp);
        Path observations = TestFolders.file(folder, "observations-");
        int rows = RunFolder.read(folder).observations().size();
        // the run killed in the middle of writing its last row: the file ends 20 bytes into it
        String content = Files.readString(observations);
        int lastRow = content.lastIndexOf('\n', content.length() - 2) + 1;
        TestFolders.cut(observations, lastRow + 20);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.observations()).hasSize(rows - 1);
        assertThat(run.gaps()).contains(new FolderGap(observations.getFileName().toString(),
                "last line cut: the run was stopped mid-write; read up to the last complete row, row " + (rows - 1)));
    }

    @Test
    void aLastRowWithAllItsCellsButNoLineEndIsStillACut() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path observations = TestFolders.file(folder, "observations-");
        int rows = RunFolder.read(folder).observations().size();
        // cut right after the last cell's first digit would leave the right number of cells, a wrong value
        byte[] bytes = Files.readAllBytes(observations);
        TestFolders.cut(observations, bytes.length - 2);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.observations()).hasSize(rows - 1);
        assertThat(run.gaps()).extracting(FolderGap::detail).anySatisfy(d -> assertThat(d)
                .startsWith("last line cut: the run was stopped mid-write"));
    }

    @Test
    void aCutInsideAQuotedCellIsACutToo() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path matrix = TestFolders.file(folder, "matrix-");
        String content = Files.readString(matrix);
        // the last row's note is quoted ("receives all messages, then ""peer closed"" ..."): cut inside it
        int lastRow = content.lastIndexOf('\n', content.length() - 2) + 1;
        int quote = content.indexOf('"', lastRow);
        assertThat(quote).isPositive();
        TestFolders.cut(matrix, quote + 5);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.matrix()).hasSize(content.split("\n").length - 2);
        assertThat(run.gaps()).extracting(FolderGap::subject).contains(matrix.getFileName().toString());
    }

    @Test
    void aRaggedRowThatIsNotTheLastIsCorruptionAndRefusedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path observations = TestFolders.file(folder, "observations-");
        List<String> lines = Files.readAllLines(observations);
        lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(',')));
        Files.write(observations, lines);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessage(observations + ": row 3 has 28 cells, the header has 29, and it is not the last row: the "
                        + "file is corrupt or was edited by hand (a run stopped mid-write cuts only its last line)");
    }

    @Test
    void aStaleRunningStatusWhoseProcessIsGoneIsACutShortRun() throws IOException {
        // the run was killed with SIGKILL: its status still names its process, long gone
        Path folder = TestFolders.source(TestFolders.MATRIX_KILLED);
        RunStatus written = RunStatus.parse(Files.readString(folder.resolve("status.txt")));
        long pid = written.pid().orElseThrow();

        RunFolder run = RunFolder.read(folder);

        assertThat(run.status().isComplete()).isFalse();
        assertThat(run.gaps()).contains(new FolderGap("status.txt", "cut short (its process " + pid + " is gone): the "
                + "file still says \"" + written.text() + "\", so the run was killed or crashed; what it finished is read"),
                new FolderGap("matrix-*.csv", "the conformance matrix is missing"));
        assertThat(run.observations()).isNotEmpty();
    }

    @Test
    void aPidThatNoLongerExistsIsGone() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        long pid = noSuchProcess();
        Files.writeString(folder.resolve("status.txt"), RunStatus.running(pid, Instant.now()).text() + "\n");

        assertThat(RunFolder.read(folder).gaps()).extracting(FolderGap::detail)
                .anySatisfy(d -> assertThat(d).startsWith("cut short (its process " + pid + " is gone)"));
    }

    @Test
    void aPidOfAProcessThatStartedAtAnotherTimeIsAnotherProcess() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        long self = ProcessHandle.current().pid();
        Files.writeString(folder.resolve("status.txt"), "running pid=" + self + " started=2001-01-01T00:00:00Z\n");

        assertThat(RunFolder.read(folder).gaps()).extracting(FolderGap::detail)
                .anySatisfy(d -> assertThat(d).startsWith("cut short (its process " + self + " is gone)"));
    }

    @Test
    void aRunningStatusOfItsOwnLiveProcessIsARunInProgress() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Files.writeString(folder.resolve("status.txt"), RunStatus.running(self.pid(), started).text() + "\n");

        assertThat(RunFolder.read(folder).gaps()).extracting(FolderGap::detail)
                .anySatisfy(d -> assertThat(d).endsWith("its process " + self.pid() + " is still running: the run is in "
                        + "progress and its files are partial"));
    }

    @Test
    void anInterruptedRunQuotesItsStatusAndMarksTheRowsItCutShort() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.MATRIX_INTERRUPTED));

        assertThat(run.status().describe()).isEqualTo("interrupted: SIGTERM during matrix S2-jvm after 1048 repetitions");
        assertThat(run.gaps()).contains(new FolderGap("status.txt", "the run was stopped: \"interrupted: SIGTERM during "
                + "matrix S2-jvm after 1048 repetitions\"; what completed is written, and a matrix row cut short is "
                + "marked partial"));
        assertThat(run.matrix()).filteredOn(MatrixRecord::partial).hasSize(2).allSatisfy(r -> {
            assertThat(r.scenarioId()).isEqualTo("S2-jvm");
            assertThat(r.repetitions()).isLessThan(r.repetitionsPlanned());
        });
        // the observations hold exactly the repetitions the rows aggregate: no gap besides the status
        assertThat(run.gaps()).hasSize(1);
    }

    @Test
    void aKilledBenchKeepsEveryForkThatFinishedAndSaysWhichDidNot() throws IOException {
        Path folder = TestFolders.source(TestFolders.BENCH_KILLED);
        RunFolder run = RunFolder.read(folder);
        Path unfinished = TestFolders.file(folder, "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-NIO");
        String name = unfinished.getFileName().toString();
        String percentiles = "percentiles-" + ResultFile.LATENCY.parametersOf(name) + ".csv";

        assertThat(run.gaps()).extracting(FolderGap::toString).contains(
                percentiles + ": missing, though " + name + " exists: the fork did not finish, its outcome counts are "
                        + "unknown",
                name + ": holds no measurement iteration: the fork was stopped before its first one ended",
                "jmh-*.json: JMH's results are missing (nor is there jmh-*.csv): JMH's run settings are unknown");
        assertThat(run.gaps()).extracting(FolderGap::detail)
                .anySatisfy(d -> assertThat(d).startsWith("cut short (its process "));
        assertThat(run.latency()).doesNotContainKey(S2_NIO);
        assertThat(run.latency()).containsKey(S2_NIO.withObserver(Observer.BLOCKING));
        assertThat(run.summary()).hasSize(2);
    }

    @Test
    void skippedCombinationsAreReadWithTheirReason() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.JDK17));

        assertThat(run.skipped()).hasSize(2).allSatisfy(r -> {
            assertThat(r.key().observer()).isEqualTo(Observer.VIRTUAL);
            assertThat(r.skippedReason()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("virtual threads need JDK 21 or later"));
        });
        assertThat(run.latency().keySet()).extracting(BenchmarkKey::observer)
                .containsOnly(Observer.BLOCKING, Observer.NIO);
        assertThat(run.jdk(run.latency().firstKey())).contains("17.0.15");
    }

    @Test
    void skippedObserversOfTheMatrixAreRowsWithTheirReason() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.MATRIX_JDK17));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.matrix()).filteredOn(r -> r.verdict() == Verdict.SKIPPED).hasSize(2).allSatisfy(r -> {
            assertThat(r.observer()).contains(Observer.VIRTUAL);
            assertThat(r.why()).startsWith("virtual threads need JDK 21 or later");
        });
        assertThat(run.observations()).extracting(ObservationRecord::observer).doesNotContain(Observer.VIRTUAL);
    }

    @Test
    void theNativeFloorIsReadWithItsPairingToTheJavaModels() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.PLACEMENT));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.nativeFloor()).hasSize(24).allSatisfy(r -> assertThat(r.measured()).isTrue());
        assertThat(run.nativeFloor()).filteredOn(r -> r.api() == FloorApi.POLL)
                .allSatisfy(r -> assertThat(r.api().javaCounterpart()).contains(Observer.BLOCKING));
        assertThat(run.latency().keySet()).extracting(BenchmarkKey::placement)
                .contains(Placement.SAME_CPU, Placement.CROSS_CPU);
        assertThat(run.latency().keySet()).extracting(BenchmarkKey::idleBeforeFaultMicros).contains(0L, 10_000L);
    }

    @Test
    void aCableRunHasItsSamplesAndTheirTheory() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.CABLE_A));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.metadata().ranCable()).isTrue();
        assertThat(run.cableFile()).startsWith("cable-c5-");
        assertThat(run.cable()).filteredOn(r -> r.fault().equals("a") && r.mechanism().equals("keepalive"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.hasFiniteTheory()).isTrue());
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
    void anHlogCutOffMidLineDisagreesWithItsForksCountAndIsRefusedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-PeerClosesWhileObserverWaits.repetition-X1-linger0-BLOCKING");
        TestFolders.cut(hlog, Files.size(hlog) - 40);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(hlog + ": holds 1 interval, but percentiles-")
                .hasMessageEndingWith(" counted 2 measurement iterations: the log is truncated or corrupt")
                .satisfies(e -> assertThat(((ResultsFileException) e).file()).isEqualTo(hlog));
    }

    @Test
    void anHlogThatIsNotHdrHistogramsIsRefusedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-PeerClosesWhileObserverWaits.repetition-X1-linger0-NIO");
        List<String> lines = Files.readAllLines(hlog);
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).replaceFirst(",HIST", ",XIST"));
        Files.write(hlog, lines);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessageStartingWith(hlog + ": not a readable HdrHistogram log (corrupt): ");
    }

    @Test
    void anHlogCutAfterItsHeaderOfAForkThatFinishedIsRefused() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-BLOCKING");
        List<String> header = Files.readAllLines(hlog).stream().filter(l -> !l.matches("^\\d.*")).toList();
        Files.write(hlog, header);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessageStartingWith(hlog + ": holds 0 intervals, but percentiles-")
                .hasMessageEndingWith(" counted 2 measurement iterations: the log is truncated or corrupt");
    }

    @Test
    void aCsvWithoutAColumnOfItsKindIsRefusedNamingFileAndColumn() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path csv = TestFolders.file(folder, "observations-");
        dropColumn(csv, "latency_ns");

        assertThatThrownBy(() -> RunFolder.read(folder))
                .isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith(csv + ": missing column latency_ns (the header has: scenario_id, case_id,");
    }

    @Test
    void aCellThatIsNotANumberIsNamedWithRowAndColumn() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path csv = TestFolders.file(folder, "observations-");
        List<String> lines = Files.readAllLines(csv);
        lines.set(3, lines.get(3).replaceFirst(",READ,,,,(\\d+),", ",READ,,,,12x,"));
        Files.write(csv, lines);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessage(csv + ": row 3, column latency_ns: '12x' is not a whole number");
    }

    @Test
    void aWordThisSchemaDoesNotKnowIsRefusedWithTheWordsItKnows() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MATRIX, temp);
        Path csv = TestFolders.file(folder, "observations-");
        List<String> lines = Files.readAllLines(csv);
        lines.set(2, lines.get(2).replaceFirst(",NIO,SAME_CPU,", ",NIO,SAME_CORE,"));
        Files.write(csv, lines);

        assertThatThrownBy(() -> RunFolder.read(folder))
                .hasMessage(csv + ": row 2, column placement: 'SAME_CORE' is not one of [OS, SAME_CPU, CROSS_CPU]");
    }

    @Test
    void jmhJsonThatDoesNotParseIsRefusedByName() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path json = folder.resolve("jmh-quick.json");
        TestFolders.cut(json, Files.size(json) / 2);

        assertThatThrownBy(() -> RunFolder.read(folder)).hasMessageStartingWith(json + ": not readable JSON: ");
    }

    @Test
    void aMissingSummaryAndAMissingPercentileCsvAreGapsAndWhatIsPresentIsRead() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Files.delete(folder.resolve("summary-quick.csv"));
        Path percentiles = TestFolders.file(folder, "percentiles-PeerClosesWhileObserverWaits.repetition-X1-linger0-NIO");
        Files.delete(percentiles);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.isPartial()).isTrue();
        assertThat(run.gaps().stream().map(FolderGap::toString).collect(Collectors.joining("\n")))
                .contains("summary-*.csv: the bench job's summary is missing")
                .contains(percentiles.getFileName() + ": missing, though latency-");
        // the fork without its percentile row keeps its latencies
        assertThat(run.latency()).hasSize(12);
        assertThat(run.latency().get(S2_NIO.withBenchmark(S2_NIO.benchmark(), "X1-linger0")).forkCount()).isEqualTo(2);
    }

    @Test
    void aMissingLogIsAGapAndTheSummaryCountShowsIt() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        Path hlog = TestFolders.file(folder, "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-NIO");
        Files.delete(hlog);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.gaps()).extracting(FolderGap::subject).contains(hlog.getFileName().toString(), "summary-quick.csv");
        assertThat(run.latency().get(S2_NIO).forkCount()).isEqualTo(1);
    }

    private static long noSuchProcess() {
        long pid = 4_000_000_000L;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
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
