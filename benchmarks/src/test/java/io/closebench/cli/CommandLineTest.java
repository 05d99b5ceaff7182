package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class CommandLineTest {

    @TempDir
    Path results;

    @Test
    void anUnknownCaseIsRejectedWithTheListOfValidOnesAndStatus2() {
        CommandRun run = execute("matrix", "--cases", "S9", "--results", results.toString());
        assertThat(run.refusal("closebench matrix")).contains("unknown case 'S9'").contains("S2").contains("C3b").contains("X3-rst-on-write");
    }

    @Test
    void aNonPositiveRepetitionCountIsRefusedQuotingIt() {
        assertThat(execute("matrix", "-n", "0").refusal("closebench matrix"))
                .isEqualTo("--repetitions: 0 is below 1; give 1 or more");
        assertThat(execute("matrix", "-n", "-3").refusal("closebench matrix"))
                .isEqualTo("--repetitions: -3 is negative; give 1 or more");
    }

    @Test
    void aResultsFolderThatCannotBeCreatedIsRefusedInTwoLinesNotAStackTrace() {
        CommandRun run = execute("matrix", "-n", "1", "--cases", "C1", "--observers", "NIO", "--results", "/proc/nope");

        assertThat(run.refusal("closebench matrix")).startsWith("--results /proc/nope: cannot be created");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPlainFileAsTheResultsFolderIsRefusedInTwoLines() throws IOException {
        Path file = Files.writeString(results.resolve("a-file"), "not a folder");

        for (String command : List.of("matrix", "bench", "mass-death", "soak")) {
            assertThat(execute(command, "--results", file.toString()).refusal("closebench " + command))
                    .isEqualTo("--results " + file + ": is a file, not a folder");
        }
    }

    @Test
    void aNegativeIdleTimeIsRefusedQuotingItInMicroseconds() {
        assertThat(execute("matrix", "--idle-before-fault", "-5").refusal("closebench matrix"))
                .isEqualTo("--idle-before-fault: -5 us is negative; give 0 to 2500000 us (at most half the deadline)");
        assertThat(execute("bench", "--idle-before-fault", "0,-5").refusal("closebench bench"))
                .isEqualTo("--idle-before-fault: -5 us is negative; give 0 to 2000000 us");
    }

    @Test
    void anIdleTimeBeyondHalfTheDeadlineIsRefusedSayingSo() {
        assertThat(execute("matrix", "--deadline", "2", "--idle-before-fault", "1500000").refusal("closebench matrix"))
                .isEqualTo("--idle-before-fault: 1500000 us is more than half of --deadline 2 s; give 0 to 1000000 us "
                        + "(at most half the deadline)");
    }

    @Test
    void aZeroDeadlineAndZeroForksAreRefusedWithTheirUnits() {
        assertThat(execute("matrix", "--deadline", "0").refusal("closebench matrix"))
                .isEqualTo("--deadline: 0 s is below 1 s; give 1 s or more");
        assertThat(execute("bench", "--forks", "0").refusal("closebench bench")).isEqualTo("--forks: 0 is below 1; give 1 to 100");
    }

    @Test
    void jmhsOwnFlagsBeforeTheDoubleDashAreRefusedPointingToIt() {
        assertThat(execute("bench", "-wi", "1").refusal("closebench bench")).startsWith("Unknown option: '-wi'")
                .contains("JMH's own options go after --, e.g. closebench bench -- -wi 1 -i 1 -f 1 PeerCloses");
        assertThat(execute("bench", "PeerCloses").refusal("closebench bench"))
                .startsWith("unexpected argument 'PeerCloses': JMH's own arguments go after --");
        assertThat(execute("bench", "--", "-zz").refusal("closebench bench")).startsWith("after --: JMH refuses -zz: ");
    }

    @Test
    void argumentsAfterTheDoubleDashGoToJmhUnchangedHereItsListOfBenchmarks() throws IOException {
        CommandRun run = execute("bench", "--results", results.toString(), "--", "-l", "PeerCloses");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("io.closebench.bench.PeerClosesWhileObserverWaits.repetition")
                .doesNotContain("HarnessBaselines");
        assertThat(results).as("a listing runs nothing and makes no folder").isEmptyDirectory();
    }

    @Test
    void anUnknownOptionGetsASuggestionOnTheSameLine() {
        assertThat(execute("matrix", "--result", "x").refusal("closebench matrix")).contains("--results");
        assertThat(execute("nonesuch").refusal("closebench")).contains("'nonesuch'");
    }

    @Test
    void versionNamesClosebenchTheCommitItWasBuiltFromTheJdkAndNetty() {
        CommandRun run = execute("--version");

        assertThat(run.status()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("closebench \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines.get(1)).matches("commit ([0-9a-f]{40}(-dirty \\(built with uncommitted changes\\))?|unknown \\(.*\\))");
        assertThat(lines.get(2)).isEqualTo("JDK " + io.closebench.results.RunMetadata.jdk() + " at "
                + System.getProperty("java.home"));
        assertThat(lines.get(3)).isEqualTo("Netty " + io.netty.util.Version.identify().get("netty-common").artifactVersion());
    }

    @Test
    void doctorPrintsOneLinePerFactWithWhatItEnablesOrSkipsAndExits0() {
        CommandRun run = execute("doctor");

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        List<io.closebench.machine.MachineFact> facts = io.closebench.machine.MachineFacts.here();
        assertThat(lines).hasSize(facts.size() + 2);
        assertThat(lines.get(0)).startsWith("closebench doctor: what this machine supports");
        for (int i = 0; i < facts.size(); i++) {
            assertThat(lines.get(i + 1)).isEqualTo("  " + facts.get(i).line()).contains("  ->  ");
        }
        assertThat(facts).extracting(io.closebench.machine.MachineFact::label).containsExactly("root",
                "network namespaces", "nftables", "packet capture", "epoll", "io_uring", "thread affinity",
                "virtual threads", "installed JDKs", "C compiler", "file descriptors", "cpuidle governor", "clocksource",
                "CPUs");
        assertThat(facts).allSatisfy(f -> assertThat(f.consequence()).isNotBlank());
    }

    @Test
    void anObserverThatDoesNotExistIsRejectedWithTheValidOnes() {
        CommandRun run = execute("matrix", "--observers", "epoll");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("BLOCKING, VIRTUAL, NIO");
    }

    @Test
    void aSmallRunWritesTheMatrixTheObservationsAndItsMetadata() throws IOException {
        CommandRun run = execute("matrix", "-n", "2", "--cases", "C1,S1", "--observers", "BLOCKING,NIO", "--no-cable",
                "--results", results.toString());

        assertThat(run.status()).as(run.err()).isZero();
        Path folder;
        try (Stream<Path> dirs = Files.list(results)) {
            folder = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(folder.resolve("status.txt")).trim()).isEqualTo("complete");

        List<CSVRecord> matrix = read(only(folder, io.closebench.schema.ResultFile.MATRIX));
        assertThat(matrix).extracting(r -> r.get("scenario_id") + "/" + r.get("observer") + "/" + r.get("verdict"))
                .containsExactly("C1/BLOCKING/AGREES", "C1/NIO/AGREES", "/" + "/PENDING");
        assertThat(matrix.get(2).get("why")).as("S1 says why it is pending").isEqualTo("skipped by --no-cable");
        assertThat(read(only(folder, io.closebench.schema.ResultFile.OBSERVATIONS))).hasSize(4)
                .allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("BROKEN_PIPE"));
        List<CSVRecord> metadata = read(folder.resolve("metadata.csv"));
        assertThat(metadata).extracting(r -> r.get("key"))
                .contains("schema_version", "kernel", "jdk", "cpu.model", "cpu.cores", "cpu.list", "cpuidle.governor",
                        "clocksource", "virtualization", "git.commit", "date", "matrix.repetitions", "matrix.placement",
                        "closebench.version");
        // every fact the doctor prints, with the same value
        for (io.closebench.machine.MachineFact f : io.closebench.machine.MachineFacts.here()) {
            assertThat(metadata).as(f.key()).anySatisfy(r -> {
                assertThat(r.get("key")).isEqualTo(f.key());
                assertThat(r.get("value")).isEqualTo(f.value());
            });
        }
    }
}
