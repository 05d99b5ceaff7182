package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path results;

    @Test
    void anUnknownCaseIsRejectedWithTheListOfValidOnesAndStatus2() {
        Run run = execute("matrix", "--cases", "S9", "--results", results.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("unknown case 'S9'").contains("S2").contains("C3b").contains("X3-rst-on-write");
    }

    @Test
    void aNonPositiveRepetitionCountIsRejectedWithStatus2() {
        assertThat(execute("matrix", "-n", "0").status).isEqualTo(2);
        assertThat(execute("matrix", "-n", "-3").err).contains("--repetitions must be at least 1");
    }

    @Test
    void anObserverThatDoesNotExistIsRejectedWithTheValidOnes() {
        Run run = execute("matrix", "--observers", "epoll");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("BLOCKING, VIRTUAL, NIO");
    }

    @Test
    void aSmallRunWritesTheMatrixTheObservationsAndItsMetadata() throws IOException {
        Run run = execute("matrix", "-n", "2", "--cases", "C1,S1", "--observers", "BLOCKING,NIO", "--no-cable",
                "--results", results.toString());

        assertThat(run.status).as(run.err).isZero();
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

    private static Path only(Path folder, io.closebench.schema.ResultFile kind) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> kind.matches(f.getFileName().toString())).toList();
            assertThat(found).as(kind.pattern()).hasSize(1);
            return found.get(0);
        }
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }

    private static Run execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Closebench.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int status = cl.execute(args);
        return new Run(status, err.toString());
    }

    private record Run(int status, String err) {
    }
}
