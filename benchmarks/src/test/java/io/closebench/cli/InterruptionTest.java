package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.ChildClassPath;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code closebench matrix -n 3000} in its own JVM (a 256 MB heap), stopped by a signal
 * as a user or a service manager would: the first signal keeps every repetition that completed,
 * writes the matrix rows marked partial and the status, and exits 130 (SIGINT) or 143 (SIGTERM);
 * report then writes a partial report. A second signal exits at once, its children gone.
 */
@Timeout(180)
class InterruptionTest {

    @TempDir
    Path results;

    @Test
    void sigintKeepsWhatCompletedAndReportMakesAPartialReportOfIt() throws Exception {
        assumeSigintReachesChildren();
        Process matrix = start("-n", "3000", "--cases", "S2-inproc,C1", "--observers", "BLOCKING,NIO", "--no-cable");
        try {
            Path folder = awaitObservations(matrix, 200);
            signal(matrix, "INT");
            assertThat(matrix.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();

            assertThat(matrix.exitValue()).isEqualTo(130);
            String status = Files.readString(folder.resolve("status.txt")).trim();
            assertThat(status).matches("interrupted: SIGINT during matrix (S2-inproc|C1) after \\d+ repetitions");
            long repetitions = Long.parseLong(status.replaceAll(".* after (\\d+) repetitions", "$1"));
            List<CSVRecord> observations = read(only(folder, ResultFile.OBSERVATIONS));
            assertThat(observations).as("every completed repetition kept").hasSize((int) repetitions);
            List<CSVRecord> rows = read(only(folder, ResultFile.MATRIX));
            assertThat(rows).as("the rows of what ran, cut short").isNotEmpty()
                    .anySatisfy(r -> assertThat(r.get("partial")).isEqualTo("true"));

            CommandRun report = execute("report", folder.toString());
            assertThat(report.status()).as(report.err()).isZero();
            assertThat(Files.readString(folder.resolve("report.md"))).contains("interrupted: SIGINT");
        } finally {
            matrix.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondSigtermExitsAtOnceAndLeavesNoChildRunning() throws Exception {
        // a JVM child per repetition, each taking 300 ms to exit: the first signal waits for the repetition in progress
        Process matrix = start("-n", "3000", "--cases", "S3a-jvm", "--observers", "BLOCKING", "--no-cable");
        try {
            Path folder = awaitObservations(matrix, 3);
            List<ProcessHandle> children = new ArrayList<>(matrix.descendants().toList());
            signal(matrix, "TERM");
            signal(matrix, "TERM");
            assertThat(matrix.waitFor(10, TimeUnit.SECONDS)).as("exited at once after the second SIGTERM").isTrue();

            assertThat(matrix.exitValue()).isEqualTo(143);
            assertThat(Files.readString(folder.resolve("status.txt"))).startsWith("interrupted: SIGTERM during matrix");
            children.addAll(matrix.descendants().toList());
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child " + child.pid()).isFalse();
            }
        } finally {
            matrix.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBenchmarkRunStoppedBySigintKeepsTheFilesOfTheForksThatFinished() throws Exception {
        assumeSigintReachesChildren();
        Process bench = startJob("bench", "--include", "PeerClosesWhileObserverWaits", "--observers", "NIO",
                "--placement", "SAME_CPU", "--idle-before-fault", "0");
        try {
            Path folder = awaitFile(bench, ResultFile.PERCENTILES, 1); // the first fork has finished
            signal(bench, "INT");
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();

            assertThat(bench.exitValue()).isEqualTo(130);
            assertThat(Files.readString(folder.resolve("status.txt"))).startsWith("interrupted: SIGINT during bench");
            try (Stream<Path> files = Files.list(folder)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                List<String> percentiles = names.stream().filter(ResultFile.PERCENTILES::matches).toList();
                assertThat(percentiles).as("the finished forks' percentile files").isNotEmpty();
                for (String p : percentiles) {
                    String log = p.replaceFirst("^percentiles-", "latency-").replaceFirst("\\.csv$", ".hlog");
                    assertThat(names).as("its latency log").contains(log);
                }
            }
            CommandRun report = execute("report", folder.toString());
            assertThat(report.status()).as(report.err()).isZero();
        } finally {
            bench.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("matrix"));
        argv.addAll(List.of(args));
        return startJob(argv.toArray(String[]::new));
    }

    private Process startJob(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add(1, "--results");
        argv.add(2, results.toString());
        return new ProcessBuilder(ChildClassPath.jvmCommand(Closebench.class, "-Xmx256m", argv))
                .redirectErrorStream(true).redirectOutput(results.resolve("console.txt").toFile()).start();
    }

    /** The run's folder, once it holds {@code count} files of {@code kind}. */
    private Path awaitFile(Process job, ResultFile kind, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() - deadline < 0) {
            assertThat(job.isAlive()).as("still running: " + console()).isTrue();
            try (Stream<Path> dirs = Files.list(results)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.list(dir)) {
                        if (files.filter(f -> kind.matches(f.getFileName().toString())).count() >= count) {
                            return dir;
                        }
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no " + kind.pattern() + " within 90 s: " + console());
    }

    /** The run's folder, once its observations file holds {@code rows} rows. */
    private Path awaitObservations(Process matrix, int rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            assertThat(matrix.isAlive()).as("matrix still running: " + console()).isTrue();
            try (Stream<Path> dirs = Files.list(results)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.filter(f -> ResultFile.OBSERVATIONS.matches(f.getFileName().toString())).toList()) {
                            if (Files.readAllLines(f).size() > rows) {
                                return dir;
                            }
                        }
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no " + rows + " observations within 60 s: " + console());
    }

    private String console() throws IOException {
        Path c = results.resolve("console.txt");
        return Files.exists(c) ? Files.readString(c) : "";
    }

    /**
     * A process started with {@code &} by a non-interactive shell has SIGINT ignored, and its
     * children inherit that (the JVM then never sees the signal): nothing to test there.
     */
    private static void assumeSigintReachesChildren() throws Exception {
        String ignored = Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).map(l -> l.substring(7).trim()).findFirst().orElse("0");
        boolean sigintIgnored = (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0;
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored,
                "SIGINT is ignored in this JVM (started in the background by a non-interactive shell), so in its children too");
    }

    /** Sends SIGname to {@code p} with kill(1) (shared with the other tests that stop a run). */
    static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }
}
