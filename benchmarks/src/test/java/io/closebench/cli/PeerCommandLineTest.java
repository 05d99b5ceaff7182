package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.report.WrittenReport;
import io.closebench.remote.AgentInNamespace;
import io.closebench.schema.ResultFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --peer} from the command line, the peer agent in a namespace of the test's own: a matrix and
 * a mass death write the same files as on loopback, with the columns that say where the peer ran and
 * the bound of its t0 (and no wire capture: the peer's connections do not cross this host's loopback), and
 * {@code report} reads them like any other; bad input is refused as closebench
 * refuses it; an agent that dies during a run ends the run with a clear error.
 */
@Timeout(240)
class PeerCommandLineTest {

    @TempDir
    Path results;

    private AgentInNamespace agent;

    @BeforeEach
    void start() throws Exception {
        agent = AgentInNamespace.start();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private String peer() {
        return agent.address().getAddress().getHostAddress() + ":" + agent.address().getPort();
    }

    @Test
    void aMatrixWithItsPeerOnAnotherHostWritesTheUsualFilesWithWhereThePeerRanAndReportReadsThem() throws Exception {
        CommandRun run = execute("matrix", "--peer", peer(), "--peer-token-file", agent.tokenFile().toString(), "-n", "2",
                "--cases", "S2-inproc,S3b-jvm,C1,X1", "--observers", "BLOCKING,NIO", "--no-cable", "--placement", "OS",
                "--results", results.toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);
        assertThat(Files.readString(folder.resolve("metadata.csv"))).contains("peer.home").contains("peer agent at " + peer())
                .contains("peer.rtt_us");

        List<CSVRecord> observations = read(only(folder, ResultFile.OBSERVATIONS));
        assertThat(observations).hasSize(4 * 2 * 2).allSatisfy(o -> {
            assertThat(o.get("failure")).isEmpty();
            assertThat(o.get("peer_os")).startsWith("Linux");
            assertThat(Long.parseLong(o.get("rtt_ns"))).isPositive();
            assertThat(o.get("wire_unavailable")).as("--peer implies no loopback capture, and every row says why")
                    .isEqualTo(io.closebench.remote.RemoteHome.NOT_ON_LOOPBACK);
            assertThat(o.get("wire_first_end")).isEmpty();
            if (o.get("scenario_id").equals("C1")) {
                assertThat(o.get("t0_source")).isEqualTo("observer");
                assertThat(o.get("t0_bound_ns")).isEqualTo("0");
            } else {
                assertThat(o.get("t0_source")).isEqualTo("peer-host");
                assertThat(Long.parseLong(o.get("t0_bound_ns"))).isGreaterThanOrEqualTo(Long.parseLong(o.get("rtt_ns")) / 2);
            }
        });
        List<CSVRecord> matrix = read(only(folder, ResultFile.MATRIX));
        assertThat(matrix).allSatisfy(r -> {
            assertThat(Long.parseLong(r.get("median_rtt_ns"))).isPositive();
            assertThat(r.get("peer_host")).isNotEmpty();
            assertThat(r.get("wire_unavailable")).endsWith(io.closebench.remote.RemoteHome.NOT_ON_LOOPBACK);
        });
        assertThat(folder.resolve("pcap")).as("nothing captured, no capture folder").doesNotExist();
        assertThat(matrix).extracting(r -> r.get("scenario_id") + " " + r.get("observer") + " " + r.get("dominant_outcome"))
                .contains("S2-inproc NIO EOF", "S3b-jvm BLOCKING RESET", "C1 NIO BROKEN_PIPE", "X1-linger0 BLOCKING RESET");

        CommandRun report = execute("report", folder.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(WrittenReport.textIn(folder)).contains("S2-inproc");
    }

    @Test
    void aThousandConnectionsDieOnThePeersHostFromTheCommandLine() throws Exception {
        CommandRun run = execute("mass-death", "--peer", peer(), "--peer-token-file", agent.tokenFile().toString(),
                "--connections", "1000", "--observers", "NIO", "--faults", "KILL,ABORT", "--trials", "1", "--warmup-trials",
                "0", "--results", results.toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);
        List<CSVRecord> trials = read(only(folder, ResultFile.MASS_DEATH_TRIALS));
        assertThat(trials).hasSize(2).allSatisfy(t -> {
            assertThat(t.get("failure")).isEmpty();
            assertThat(t.get("detected")).isEqualTo("1000");
            assertThat(Long.parseLong(t.get("t0_bound_ns"))).isPositive();
            assertThat(t.get("peer_os")).startsWith("Linux");
        });
        assertThat(execute("report", folder.toString()).status()).isZero();
        assertThat(WrittenReport.textIn(folder)).contains("The N peers were on another host")
                .contains("t0_bound_ns");
    }

    @Test
    void badPeerOptionsAreRefusedWithTheReasonAndExitStatus2() throws Exception {
        assertThat(execute("matrix", "--peer", peer(), "--results", results.toString()).refusal("closebench matrix"))
                .contains("--peer-token-file");
        assertThat(execute("matrix", "--peer", "nowhere", "--peer-token-file", agent.tokenFile().toString(), "--results",
                results.toString()).refusal("closebench matrix")).contains("not HOST:PORT");
        Path wrong = Files.createTempFile(results, "wrong", ".token");
        Files.writeString(wrong, "0123456789abcdef0123456789abcdef");
        assertThat(execute("mass-death", "--peer", peer(), "--peer-token-file", wrong.toString(), "--results",
                results.toString()).refusal("closebench mass-death")).contains("not authenticated");
        assertThat(execute("peer", "--token-file", wrong.toString()).status()).isEqualTo(2);
        try (var list = Files.list(results)) {
            assertThat(list.filter(Files::isDirectory).toList()).as("no run folder for a refused run").isEmpty();
        }
    }

    @Test
    void aPeerHostThatDiesDuringTheRunEndsItWithAClearError() throws Exception {
        Thread killer = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(3);
                agent.kill();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        CommandRun run = execute("matrix", "--peer", peer(), "--peer-token-file", agent.tokenFile().toString(), "-n", "500",
                "--cases", "S2-inproc,X1", "--observers", "NIO", "--no-cable", "--placement", "OS", "--results",
                results.toString());
        killer.join();
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("the peer's home was lost");
        Path folder = ResultFiles.onlyFolder(results);
        assertThat(Files.readString(folder.resolve("status.txt"))).startsWith("failed: the peer's home was lost");
        assertThat(agent.othersInside(Duration.ofSeconds(10))).isEmpty();
    }
}
