package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code report} and {@code compare} through the real command line, on the analysis module's small
 * real results folders (surefire runs each module's tests from the module's own folder).
 */
class ReportCommandsTest {

    private static final Path RESULTS = Path.of("../analysis/src/test/resources/results");

    @TempDir
    Path temp;

    @Test
    void reportWritesIntoTheFolderAndPrintsTheVerdicts() throws IOException {
        Path folder = copy("run-bench");
        Run run = execute("report", folder.toString());

        assertThat(run.status).as(run.err).isZero();
        assertThat(folder.resolve("report.md")).exists();
        assertThat(folder.resolve("charts/latency-ReadsAfterPeerClosed-C3b-cpu0.png")).exists();
        assertThat(run.out).contains("C2b, idle (ReadsAfterPeerClosed): BLOCKING detects RESET 1.05x faster than NIO")
                .contains("report: " + folder.resolve("report.md") + " (4 chart files)");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aRunCutShortGetsAPartialReportAndSaysWhatIsMissing() throws IOException {
        Path folder = copy("run-cable-a");
        Files.writeString(folder.resolve("status.txt"), "running (started, not finished: if this stays, the run was cut short)\n");

        Run run = execute("report", folder.toString());

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.err).contains("partial: status.txt: says \"running (started");
        assertThat(run.out).contains("partial report: " + folder.resolve("report.md"));
    }

    @Test
    void aFolderThatIsNotAResultsFolderIsRefusedByNameWithStatus2() {
        Run run = execute("report", temp.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(temp.resolve("metadata.csv") + ": missing: " + temp
                + " is not a closebench results folder");
        assertThat(run.err).contains("Usage: closebench report");
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedWithStatus2() {
        Path nowhere = temp.resolve("nowhere");
        Run run = execute("report", nowhere.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(nowhere + ": no such folder");
    }

    @Test
    void aTruncatedHlogIsRefusedByNameWithStatus2() throws IOException {
        Path folder = copy("run-bench");
        Path hlog;
        try (Stream<Path> files = Files.list(folder)) {
            hlog = files.filter(f -> f.getFileName().toString().startsWith("latency-ReadsAfterPeerClosed.repetition-C2b-NIO-load0"))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(hlog);
        Files.write(hlog, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Run run = execute("report", folder.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(hlog.toString());
        assertThat(folder.resolve("report.md")).doesNotExist();
    }

    @Test
    void aCsvWithoutAColumnIsRefusedByNameWithStatus2() throws IOException {
        Path folder = copy("run-cable-b");
        Path matrix = folder.resolve("matrix-n2-deadline5s.csv");
        List<String> lines = Files.readAllLines(matrix);
        lines.set(0, lines.get(0).replace("verdict", "verdikt"));
        Files.write(matrix, lines);

        Run run = execute("report", folder.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(matrix + ": missing column verdict");
    }

    @Test
    void badBootstrapSettingsAreRefusedWithStatus2() {
        Run run = execute("report", "--resamples", "10", copy("run-cable-a").toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("a 95% percentile bootstrap needs at least 40 resamples, got 10");
    }

    @Test
    void compareWritesIntoTheFolderNamedOrNextToTheFirstRun() throws IOException {
        Path a = copy("run-cable-a");
        Path b = copy("run-cable-b");
        Path out = temp.resolve("comparisons/ab");

        Run named = execute("compare", a.toString(), b.toString(), "--out", out.toString());
        assertThat(named.status).as(named.err).isZero();
        assertThat(out.resolve("compare.md")).exists();
        assertThat(out.resolve("charts/compare-cable.png")).exists();
        assertThat(named.out).contains("beyond noise").contains("comparison: " + out.resolve("compare.md"));

        Run beside = execute("compare", a.toString(), b.toString());
        assertThat(beside.status).as(beside.err).isZero();
        assertThat(temp.resolve("compare-run-cable-a-vs-run-cable-b/compare.md")).exists();
    }

    @Test
    void compareRefusesABadSecondFolderByNameWithStatus2() {
        Path a = copy("run-cable-a");
        Run run = execute("compare", a.toString(), temp.resolve("missing").toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains(temp.resolve("missing") + ": no such folder");
    }

    @Test
    void bothCommandsHaveHelp() {
        Run report = execute("report", "--help");
        assertThat(report.status).isZero();
        assertThat(report.out).contains("Usage: closebench report", "RESULTS-FOLDER", "--resamples", "--seed",
                "--expansion-cap");
        Run compare = execute("compare", "--help");
        assertThat(compare.status).isZero();
        assertThat(compare.out).contains("Usage: closebench compare", "FOLDER-A", "FOLDER-B", "--out");
        assertThat(execute("--help").out).contains("report", "compare");
    }

    private Path copy(String name) {
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.list(RESULTS.resolve(name))) {
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Runs the command line with System.out and System.err captured; the command line is made while
     * they are, so that picocli's own writers (usage, errors) write there too.
     */
    private static Run execute(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Closebench.commandLine();
            status = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
