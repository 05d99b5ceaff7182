package io.closebench.wire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.netns.NetnsCapability;
import io.closebench.netns.RunningProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the capture tests share: one probe each per JVM, skips with the reason, child programs. */
final class CaptureSupport {

    private static CaptureAvailability capture;
    private static NetnsCapability namespaces;

    private CaptureSupport() {
    }

    /** Skips the calling test, with the probe's reason, when tcpdump cannot capture here. */
    static synchronized void assumeCapture() {
        if (capture == null) {
            capture = CaptureAvailability.probe();
        }
        CaptureAvailability c = capture;
        assumeTrue(c.available(), () -> "packet capture unavailable: " + c.reason());
    }

    /** Skips unless both capture and network namespaces are available. */
    static synchronized void assumeCaptureInNamespaces() {
        assumeCapture();
        if (namespaces == null) {
            namespaces = NetnsCapability.probe();
        }
        NetnsCapability n = namespaces;
        assumeTrue(n.available(), () -> "network namespaces unavailable: " + n.reason());
    }

    /** {@code java -cp <this JVM's class path> main args...}, for {@code ip netns exec}. */
    static List<String> javaMain(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * Runs a program to its end (bounded by {@code seconds}, killed otherwise) and returns its stdout
     * lines; fails with its stderr when it exits non-zero.
     */
    static List<String> runToEnd(List<String> argv, long seconds) throws IOException, InterruptedException {
        try (RunningProgram program = RunningProgram.start(new ProcessBuilder(argv))) {
            return program.remainingLines(Duration.ofSeconds(seconds));
        }
    }

    /** The fields after {@code word} on the first line that starts with it. */
    static String[] field(List<String> lines, String word) {
        return lines.stream().filter(l -> l.startsWith(word + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + word + " line in " + lines))
                .substring(word.length() + 1).split(" ", 2);
    }
}
