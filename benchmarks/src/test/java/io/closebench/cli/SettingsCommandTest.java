package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.InterruptionTest.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.ChildClassPath;
import io.closebench.netns.IpNetns;
import io.closebench.netns.NamespaceNames;
import io.closebench.s1.CableExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code closebench settings} as a user types it: contradictory or impossible settings refused with
 * the reason and exit status 2, before anything runs; and a real run stopped by signals, which
 * leaves no namespace and no process behind.
 */
@Timeout(120)
class SettingsCommandTest {

    private static final String CMD = "closebench settings";

    @TempDir
    Path results;

    @Test
    void aKeepaliveCountOfZeroIsRefused() {
        assertThat(execute("settings", "--keepalive", "5s,1s,0").refusal(CMD)).contains("--keepalive count: 0: the kernel would abort at the first unanswered probe");
    }

    @Test
    void aKeepaliveIdleThatIsNotWholeSecondsIsRefused() {
        assertThat(execute("settings", "--keepalive", "500ms,1s,3").refusal(CMD)).contains("not a whole number of seconds");
    }

    @Test
    void aUserTimeoutOnAModelWhoseApiCannotSetItIsRefused() {
        assertThat(execute("settings", "--user-timeout", "4s", "--observers", "BLOCKING").refusal(CMD))
                .contains("BLOCKING cannot apply").contains("TCP_USER_TIMEOUT");
    }

    @Test
    void aTargetShorterThanOneRetransmissionTimeoutIsRefused() {
        assertThat(execute("settings", "--detect-within", "100ms").refusal(CMD)).contains("shorter than one retransmission");
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThat(execute("settings", "--read-timeout", "-5s").refusal(CMD)).contains("negative");
        assertThat(execute("settings", "--heartbeat", "-1s,3").refusal(CMD)).contains("negative");
    }

    @Test
    void anUnknownPresetIsRefusedWithTheKnownOnes() {
        assertThat(execute("settings", "--preset", "tomcat").refusal(CMD)).contains("unknown 'tomcat'").contains("client-go");
    }

    @Test
    void aTargetBesideSettingsOfItsOwnIsRefused() {
        assertThat(execute("settings", "--detect-within", "5s", "--preset", "go").refusal(CMD)).contains("give it alone");
    }

    @Test
    void aUserTimeoutOfZeroIsRefusedAsTheDefaultItMeans() {
        assertThat(execute("settings", "--user-timeout", "0s").refusal(CMD)).contains("system's default");
    }

    @Test
    void aRunStoppedByTwoSignalsExitsAtOnceAndLeavesNoNamespaceAndNoProcess() throws Exception {
        var c = CableExperiment.capability();
        Assumptions.assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
        Process run = start("--heartbeat", "5s,2", "--observers", "NIO", "--connections", "2");
        try {
            Path folder = awaitNamespacesOf(run);
            List<ProcessHandle> children = new ArrayList<>(run.descendants().toList());
            signal(run, "TERM");
            signal(run, "TERM");
            assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("exited after the second SIGTERM").isTrue();
            assertThat(run.exitValue()).isEqualTo(143);
            assertThat(Files.readString(folder.resolve("status.txt"))).startsWith("interrupted: SIGTERM during settings");
            children.addAll(run.descendants().toList());
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child " + child.pid()).isFalse();
            }
            assertThat(IpNetns.listStartingWith(NamespaceNames.prefixOf(run.pid()))).as("namespaces left").isEmpty();
        } finally {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunStoppedBySigintFinishesItsTrialsKeepsTheirSamplesAndLeavesNothing() throws Exception {
        var c = CableExperiment.capability();
        Assumptions.assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
        Process run = start("--heartbeat", "2s,2", "--observers", "NIO", "--connections", "2");
        try {
            Path folder = awaitNamespacesOf(run);
            signal(run, "INT");
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
            assertThat(run.exitValue()).as(Files.readString(results.resolve("console.txt"))).isEqualTo(130);
            assertThat(Files.readString(folder.resolve("status.txt"))).startsWith("interrupted: SIGINT during settings");
            try (Stream<Path> files = Files.list(folder)) {
                Path csv = files.filter(f -> f.getFileName().toString().startsWith("cable-settings-")).findFirst().orElseThrow();
                assertThat(Files.readAllLines(csv)).as("the header and the samples of the trials under way").hasSizeGreaterThan(1);
            }
            assertThat(IpNetns.listStartingWith(NamespaceNames.prefixOf(run.pid()))).as("namespaces left").isEmpty();
            assertThat(run.descendants().filter(ProcessHandle::isAlive).toList()).as("children left").isEmpty();
            CommandRun report = execute("report", folder.toString());
            assertThat(report.status()).as(report.err()).isZero();
        } finally {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("settings", "--results", results.toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(ChildClassPath.jvmCommand(Closebench.class, "-Xmx256m", argv))
                .redirectErrorStream(true).redirectOutput(results.resolve("console.txt").toFile()).start();
    }

    /** The run's folder, once the run has made its trials' namespaces. */
    private Path awaitNamespacesOf(Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            assertThat(run.isAlive()).as("still running: " + Files.readString(results.resolve("console.txt"))).isTrue();
            if (!IpNetns.listStartingWith(NamespaceNames.prefixOf(run.pid())).isEmpty()) {
                try (Stream<Path> dirs = Files.list(results)) {
                    var folder = dirs.filter(Files::isDirectory).findFirst();
                    if (folder.isPresent()) {
                        TimeUnit.SECONDS.sleep(2);
                        return folder.get();
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no namespaces within 60 s: " + Files.readString(results.resolve("console.txt")));
    }
}
