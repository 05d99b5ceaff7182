package io.closebench.s1;

import io.closebench.schema.Observer;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cli.Closebench;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The matrix command runs S1 on namespaces and prints real rows instead of "pending". */
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class CableCommandLineTest {

    @TempDir
    Path results;

    @Test
    void theMatrixPrintsTheCableRowsAndWritesEverySample() throws IOException {
        CableTestSupport.assumeNamespaces();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = Closebench.commandLine().setErr(new PrintWriter(new StringWriter()))
                    .execute("matrix", "-n", "1", "--cases", "S1", "--observers", "BLOCKING,NIO,NETTY_EPOLL",
                            "--cable-connections", "2", "--results", results.toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.print(out);

        assertThat(status).isZero();
        assertThat(out).contains("S1, the pulled cable and the dead host").doesNotContain("pending: S1")
                .contains("CONNECTION_TIMED_OUT", "HEARTBEAT_MISSED", "RESET", "NO_ROUTE_TO_HOST")
                .contains("t0 is taken before `ip link set veth-cli down` is spawned");
        for (String fault : List.of("a ", "b ", "c ", "c' ", "d ", "e ", "f ", "g ", "g' ")) {
            assertThat(out.lines().filter(l -> l.startsWith(fault))).as("rows of fault %s", fault).isNotEmpty();
        }
        Path folder;
        try (Stream<Path> dirs = Files.list(results)) {
            folder = dirs.findFirst().orElseThrow();
        }
        Path csv;
        try (Stream<Path> files = Files.list(folder)) {
            csv = files.filter(f -> f.getFileName().toString().startsWith("cable-c2-quiet10s")).findFirst().orElseThrow();
        }
        int expected = CablePlan.standard(CableSettings.standard(), 2,
                java.util.EnumSet.of(Observer.BLOCKING, Observer.NIO, Observer.NETTY_EPOLL)).trials().stream()
                .mapToInt(TrialSpec::connections).sum();
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(expected);
            assertThat(p.getHeaderNames()).containsExactlyElementsOf(
                    io.closebench.schema.Column.headers(io.closebench.schema.CableColumn.class));
            assertThat(rows).noneMatch(row -> row.get("outcome").equals("HARNESS_FAILURE"));
        }
        Path matrix;
        try (Stream<Path> files = Files.list(folder)) {
            matrix = files.filter(f -> io.closebench.schema.ResultFile.MATRIX.matches(f.getFileName().toString()))
                    .findFirst().orElseThrow();
        }
        assertThat(Files.readString(matrix)).doesNotContain("PENDING");
    }

    @Test
    void withoutTheCableS1StaysPendingWithTheReason() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = Closebench.commandLine().setErr(new PrintWriter(new StringWriter()))
                    .execute("matrix", "-n", "1", "--cases", "S1", "--observers", "NIO", "--no-cable",
                            "--results", results.toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(out).contains("pending: S1").contains("skipped by --no-cable");
        Path folder;
        try (Stream<Path> dirs = Files.list(results)) {
            folder = dirs.findFirst().orElseThrow();
        }
        Path matrix;
        try (Stream<Path> files = Files.list(folder)) {
            matrix = files.filter(f -> io.closebench.schema.ResultFile.MATRIX.matches(f.getFileName().toString()))
                    .findFirst().orElseThrow();
        }
        assertThat(Files.readString(matrix)).contains("PENDING").contains("skipped by --no-cable");
        assertThat(Files.readString(folder.resolve("metadata.csv"))).contains("skipped by --no-cable");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("cable-"));
        }
    }

    @Test
    void aVariantOfS1RunsItsFaultsTrialsAlone() {
        CablePlan all = CablePlan.standard(CableSettings.standard(), 2, java.util.EnumSet.of(Observer.NIO));
        CablePlan b = all.only(io.closebench.scenario.ScenarioCatalogue.selectPulledCable("S1b"));
        assertThat(b.trials()).isNotEmpty().allMatch(t -> t.fault() == io.closebench.cable.CableFault.PULLED_SENDING);
        assertThat(b.trials()).hasSize((int) all.trials().stream()
                .filter(t -> t.fault() == io.closebench.cable.CableFault.PULLED_SENDING).count());
        assertThat(all.only(io.closebench.scenario.ScenarioCatalogue.selectPulledCable("S1"))).isSameAs(all);
    }
}
