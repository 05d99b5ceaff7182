package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path results;

    @Test
    void anUnknownCaseIsRejectedWithTheListOfValidOnesAndStatus2() {
        CommandRun run = execute("matrix", "--cases", "S9", "--results", results.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown case 'S9'").contains("S2").contains("C3b").contains("X3-rst-on-write");
    }

    @Test
    void aNonPositiveRepetitionCountIsRejectedWithStatus2() {
        assertThat(execute("matrix", "-n", "0").status()).isEqualTo(2);
        assertThat(execute("matrix", "-n", "-3").err()).contains("--repetitions must be at least 1");
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
        assertThat(read(folder.resolve("metadata.csv"))).extracting(r -> r.get("key"))
                .contains("schema_version", "kernel", "jdk", "cpu.model", "cpu.cores", "cpu.list", "cpuidle.governor",
                        "clocksource", "virtualization", "git.commit", "date", "matrix.repetitions", "matrix.placement");
    }
}
