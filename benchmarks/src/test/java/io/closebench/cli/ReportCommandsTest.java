package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} and {@code compare} through the real command line, on the analysis module's small
 * real results folders (surefire runs each module's tests from the module's own folder).
 */
@Timeout(120)
class ReportCommandsTest {

    private static final Path RESULTS = Path.of("../analysis/src/test/resources/results");

    @TempDir
    Path temp;

    @Test
    void reportWritesIntoTheFolderAndPrintsTheVerdicts() throws IOException {
        Path folder = copy("bench-2forks");
        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(folder.resolve("report.md")).exists();
        assertThat(folder.resolve("charts/latency-PeerClosesWhileObserverWaits-S2-inproc-SAME_CPU-cpu0.png")).exists();
        long charts;
        try (Stream<Path> files = Files.list(folder.resolve("charts"))) {
            charts = files.count();
        }
        assertThat(run.out()).contains("S2-inproc, SAME_CPU, idle 0 us before the fault, no load, JDK 25.0.3+9-LTS "
                        + "(PeerClosesWhileObserverWaits): no difference between BLOCKING and NIO for EOF beyond "
                        + "fork-to-fork and iteration variation")
                .contains("report: " + folder.resolve("report.md") + " (" + charts + " chart files)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aRunKilledMidWayGetsAPartialReportAndSaysItsProcessIsGone() throws IOException {
        Path folder = copy("matrix-killed");

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("partial: status.txt: cut short \\(its process \\d+ is gone\\)");
        assertThat(run.out()).contains("partial report: " + folder.resolve("report.md"));
    }

    @Test
    void anInterruptedRunGetsAPartialReportQuotingItsStatus() {
        Path folder = copy("matrix-interrupted");

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("partial: status.txt: the run was stopped: \"interrupted: SIGTERM during matrix "
                + "S2-jvm after 1048 repetitions\"");
    }

    @Test
    void aHalfWrittenLastLineGivesAPartialReportNotARefusal() throws IOException {
        Path folder = copy("matrix");
        Path observations = file(folder, "observations-");
        byte[] bytes = Files.readAllBytes(observations);
        Files.write(observations, java.util.Arrays.copyOf(bytes, bytes.length - 30));

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("partial: " + observations.getFileName() + ": last line cut: the run was stopped "
                + "mid-write; read up to the last complete row");
    }

    @Test
    void aFolderOfANewerSchemaIsRefusedNamingBothVersionsWithStatus2() throws IOException {
        Path folder = copy("matrix");
        Path metadata = folder.resolve("metadata.csv");
        Files.writeString(metadata, Files.readString(metadata).replace("schema_version,2", "schema_version,3"));

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(metadata + ": written by a newer closebench (results schema 3); this closebench "
                + "reads results schema 2");
        assertThat(folder.resolve("report.md")).doesNotExist();
    }

    @Test
    void aRaggedRowBeforeTheLastIsRefusedByNameWithStatus2() throws IOException {
        Path folder = copy("matrix");
        Path matrix = file(folder, "matrix-");
        List<String> lines = Files.readAllLines(matrix);
        lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf(',')));
        Files.write(matrix, lines);

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(matrix + ": row 2 has ", "and it is not the last row");
    }

    @Test
    void aFolderThatIsNotAResultsFolderIsRefusedByNameInTwoLinesWithStatus2() {
        CommandRun run = execute("report", temp.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith("closebench report: ").contains(temp.resolve("metadata.csv")
                + ": missing: " + temp + " is not a closebench results folder");
        assertThat(run.errLines().get(1)).isEqualTo("see 'closebench report --help'");
        assertThat(run.err()).doesNotContain("Usage:");
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedWithStatus2() {
        Path nowhere = temp.resolve("nowhere");
        CommandRun run = execute("report", nowhere.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(nowhere + ": no such folder");
    }

    @Test
    void aTruncatedHlogOfAForkThatFinishedIsRefusedByNameWithStatus2() throws IOException {
        Path folder = copy("bench-2forks");
        Path hlog = file(folder, "latency-PeerClosesWhileObserverWaits.repetition-"
                    + "S2-inproc-NIO-SAME_CPU-idle0us-load0");
        byte[] bytes = Files.readAllBytes(hlog);
        Files.write(hlog, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(hlog + ": holds ", "the log is truncated or corrupt");
        assertThat(folder.resolve("report.md")).doesNotExist();
    }

    @Test
    void aCsvWithoutAColumnIsRefusedByNameWithStatus2() throws IOException {
        Path folder = copy("matrix-jdk17");
        Path matrix = file(folder, "matrix-");
        List<String> lines = Files.readAllLines(matrix);
        lines.set(0, lines.get(0).replace("verdict", "verdikt"));
        Files.write(matrix, lines);

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(matrix + ": missing column verdict");
    }

    @Test
    void badBootstrapSettingsAreRefusedWithStatus2() {
        CommandRun run = execute("report", "--resamples", "10", copy("matrix").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("a 95% percentile bootstrap needs at least 40 resamples, got 10");
    }

    @Test
    void compareWritesIntoTheFolderNamedOrNextToTheFirstRun() {
        Path a = copy("cable-a");
        Path b = copy("cable-b");
        Path out = temp.resolve("comparisons/ab");

        CommandRun named = execute("compare", a.toString(), b.toString(), "--out", out.toString());
        assertThat(named.status()).as(named.err()).isZero();
        assertThat(out.resolve("compare.md")).exists();
        assertThat(out.resolve("charts/compare-cable.png")).exists();
        assertThat(named.out()).contains("comparison: " + out.resolve("compare.md"));

        CommandRun beside = execute("compare", a.toString(), b.toString());
        assertThat(beside.status()).as(beside.err()).isZero();
        assertThat(temp.resolve("compare-cable-a-vs-cable-b/compare.md")).exists();
    }

    @Test
    void compareOfAJdk17RunAgainstAJdk25RunSaysTheJdksDiffer() throws IOException {
        Path out = temp.resolve("jdks");

        compare("bench-2forks", "bench-jdk17", out);

        assertThat(Files.readString(out.resolve("compare.md"))).contains("**The JDKs differ**");
    }

    @Test
    void compareOfTwoRunsThatDifferOnlyInTheForksJdkPrintsThatFirstAndVirtualAsMeasuredOnOneOnly() throws IOException {
        Path out = temp.resolve("pair");

        CommandRun run = compare("bench-pair-jdk17", "bench-pair-jdk25", out);

        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("The JDKs differ: run A's forks ran on OpenJDK "
                + "64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian), run B's on OpenJDK 64-Bit Server VM 25.0.3+9-LTS "
                + "(Eclipse Adoptium)").contains("VIRTUAL (2 figures) in run B only, run A skipped: virtual threads need "
                + "JDK 21 or later");
        String md = Files.readString(out.resolve("compare.md"));
        assertThat(md.lines().skip(2).findFirst().orElseThrow()).startsWith("**The JDKs differ**");
        assertThat(md).contains("| HarnessBaselines S2-arrived VIRTUAL, SAME_CPU, idle 0 us before the fault, no load, JDK "
                + "17.0.15+6-Debian-1deb12u1 / 25.0.3+9-LTS | skipped: virtual threads need JDK 21 or later");
    }

    @Test
    void aMassDeathReportPrintsAVerdictPerModelAndASoakReportWhetherAnythingGrew() {
        Path massDeath = copy("massdeath-jdk17-host");
        CommandRun run = execute("report", massDeath.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("With 100 peers killed at once (KILL; placement OS, no load, JDK "
                + "17.0.15+6-Debian-1deb12u1), NIO on one selector knew of all of them in ", "a virtual thread per "
                + "connection (VIRTUAL) could not run here: virtual threads need JDK 21 or later");
        assertThat(massDeath.resolve("charts/massdeath-KILL-OS-load0.png")).exists();

        Path soak = copy("soak");
        CommandRun soakRun = execute("report", soak.toString());
        assertThat(soakRun.status()).as(soakRun.err()).isZero();
        assertThat(soakRun.out()).contains("Soak: Nothing grew beyond its bound in 389 repetitions over 30.1 s");
        assertThat(soak.resolve("charts/soak-resources.png")).exists();
    }

    @Test
    void aMassDeathStoppedMidWriteGetsAPartialReportNotARefusal() throws IOException {
        Path folder = copy("massdeath");
        Path trials = folder.resolve("massdeath-trials-OS-load0.csv");
        byte[] bytes = Files.readAllBytes(trials);
        Files.write(trials, java.util.Arrays.copyOf(bytes, bytes.length - 50));

        CommandRun run = execute("report", folder.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("partial: massdeath-trials-OS-load0.csv: last line cut: the run was stopped mid-write",
                "partial: massdeath-connections-OS-load0.csv: 100 connection rows belong to no trial row");
        assertThat(run.out()).contains("partial report: " + folder.resolve("report.md"));
    }

    @Test
    void compareRefusesABadSecondFolderByNameWithStatus2() {
        Path a = copy("cable-a");
        CommandRun run = execute("compare", a.toString(), temp.resolve("missing").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(temp.resolve("missing") + ": no such folder");
    }

    @Test
    void compareFailOnChangeExits1WhenAFigureMovedBeyondNoiseAndSaysHowMany() {
        CommandRun run = execute("compare", "--fail-on-change", copy("bench-2forks").toString(),
                copy("bench-jdk17").toString(), "--out", temp.resolve("changed").toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("significant after Benjamini-Hochberg")
                .containsPattern("--fail-on-change: \\d+ changes? found: exit status 1");
        assertThat(temp.resolve("changed/compare.md")).exists();
    }

    @Test
    void compareFailOnChangeExits0WhenNothingChanged() {
        Path a = copy("bench-2forks");
        CommandRun run = execute("compare", "--fail-on-change", a.toString(), a.toString(), "--out",
                temp.resolve("same").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("--fail-on-change");
    }

    @Test
    void withoutFailOnChangeCompareExits0WhateverItFinds() {
        CommandRun run = execute("compare", copy("bench-2forks").toString(), copy("bench-jdk17").toString(), "--out",
                temp.resolve("changed").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("significant after Benjamini-Hochberg");
    }

    @Test
    void compareFailOnChangeStillRefusesBadInputWithStatus2() {
        assertThat(execute("compare", "--fail-on-change", copy("cable-a").toString(), temp.resolve("missing").toString())
                .refusal("closebench compare")).isEqualTo(temp.resolve("missing") + ": no such folder");
    }

    @Test
    void anOutFolderThatCannotBeWrittenIsRefusedInTwoLinesNotAStackTrace() throws IOException {
        Path a = copy("cable-a");
        assertThat(execute("compare", a.toString(), a.toString(), "--out", "/proc/nope").refusal("closebench compare"))
                .startsWith("--out /proc/nope: cannot be created");
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        assertThat(execute("compare", a.toString(), a.toString(), "--out", file.toString()).refusal("closebench compare"))
                .isEqualTo("--out " + file + ": is a file, not a folder");
    }

    @Test
    void aReportOfAPlainFileIsRefusedInTwoLines() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        assertThat(execute("report", file.toString()).refusal("closebench report")).startsWith(file + ": not a folder");
    }

    @Test
    void bothCommandsHaveHelp() {
        CommandRun report = execute("report", "--help");
        assertThat(report.status()).isZero();
        assertThat(report.out()).contains("Usage: closebench report", "RESULTS-FOLDER", "--resamples", "--seed")
                .doesNotContain("--expansion-cap");
        CommandRun compare = execute("compare", "--help");
        assertThat(compare.status()).isZero();
        assertThat(compare.out()).contains("Usage: closebench compare", "FOLDER-A", "FOLDER-B", "--out", "--fail-on-change");
        assertThat(execute("--help").out()).contains("report", "compare", "doctor");
    }

    /** {@code compare} of copies of two test folders into {@code out}, which must succeed. */
    private CommandRun compare(String a, String b, Path out) {
        CommandRun run = execute("compare", copy(a).toString(), copy(b).toString(), "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        return run;
    }

    /** The first file, in name order, of a folder whose name starts with {@code prefix}. */
    private static Path file(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().findFirst().orElseThrow();
        }
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

}
