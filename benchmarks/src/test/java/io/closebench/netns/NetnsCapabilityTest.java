package io.closebench.netns;

import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probe says yes only when it really could build namespaces, and otherwise names the
 * reason. The negative cases run the probe in a child JVM deprived of root or of {@code ip}.
 */
@ExtendWith(NoNamespaceLeftBehind.class)
class NetnsCapabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void eitherAvailableOrExplainsWhyNot() {
        NetnsCapability capability = NetnsCapability.probe();
        if (capability.available()) {
            assertThat(capability.reason()).isEqualTo("available");
        } else {
            assertThat(capability.reason()).matches(
                    "(not root|ip \\(iproute2\\) not installed|ip netns add failed"
                            + "|ip netns failed|veth not available"
                            + "|could not delete probe namespace).*");
        }
    }

    @Test
    void probeLeavesNoNamespaceBehind() {
        assumeNamespaces();
        List<String> before = IpNetns.listStartingWith(NamespaceNames.jvmPrefix());
        assertThat(NetnsCapability.probe().available()).isTrue();
        assertThat(IpNetns.listStartingWith(NamespaceNames.jvmPrefix())).isEqualTo(before);
    }

    @Test
    void withoutIpOnThePathTheReasonIsThatIproute2IsMissing() throws Exception {
        ProcessBuilder builder = probeInChildJvm(List.of());
        builder.environment().put("PATH", "/nonexistent-closebench");
        assertThat(runProbe(builder)).isEqualTo("UNAVAILABLE ip (iproute2) not installed");
    }

    @Test
    void asAnUnprivilegedUserTheReasonIsNotRoot() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "dropping privileges needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "setpriv (util-linux) not installed");
        ProcessBuilder builder = probeInChildJvm(List.of("/usr/bin/setpriv", "--reuid=65534",
                "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"));
        assertThat(runProbe(builder)).startsWith("UNAVAILABLE not root");
    }

    private static ProcessBuilder probeInChildJvm(List<String> wrapper) {
        String classpath = RunningProgram.classpathRootOf(NetnsCapability.class)
                + File.pathSeparator + RunningProgram.classpathRootOf(CapabilityProbeMain.class);
        List<String> argv = new ArrayList<>(wrapper);
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classpath,
                CapabilityProbeMain.class.getName()));
        return new ProcessBuilder(argv).directory(new File("/"));
    }

    private static String runProbe(ProcessBuilder builder) throws Exception {
        try (RunningProgram probe = RunningProgram.start(builder)) {
            String line = probe.nextLine(WAIT);
            assertThat(probe.awaitExit(WAIT)).isTrue();
            return line;
        }
    }
}
