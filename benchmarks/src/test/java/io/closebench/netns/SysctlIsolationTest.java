package io.closebench.netns;

import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A sysctl set for the server host changes the server host, and nothing else. */
@ExtendWith(NoNamespaceLeftBehind.class)
class SysctlIsolationTest {

    private static final String RETRIES2 = "net.ipv4.tcp_retries2";
    private static final Path RETRIES2_HERE = Path.of("/proc/sys/net/ipv4/tcp_retries2");

    @BeforeEach
    void requireNamespaces() {
        assumeNamespaces();
    }

    @Test
    void changesTheValueInsideTheServerNamespaceOnly() throws Exception {
        String outsideBefore = Files.readString(RETRIES2_HERE).strip();
        try (HostPair pair = HostPair.create()) {
            String serverBefore = pair.readSysctl(pair.serverNamespace(), RETRIES2);
            String clientBefore = pair.readSysctl(pair.clientNamespace(), RETRIES2);
            String wanted = serverBefore.equals("5") ? "6" : "5";

            pair.setSysctl(pair.serverNamespace(), RETRIES2, wanted);

            assertThat(pair.readSysctl(pair.serverNamespace(), RETRIES2)).isEqualTo(wanted);
            assertThat(pair.readSysctl(pair.clientNamespace(), RETRIES2)).isEqualTo(clientBefore);
            assertThat(Files.readString(RETRIES2_HERE).strip())
                    .as("this JVM's namespace").isEqualTo(outsideBefore);
        }
        assertThat(Files.readString(RETRIES2_HERE).strip()).isEqualTo(outsideBefore);
    }

    @Test
    void multiValueKeysRoundTripWithNormalisedWhitespace() {
        try (HostPair pair = HostPair.create()) {
            pair.setSysctl(pair.clientNamespace(), "net.ipv4.tcp_rmem", "4096 65536 1048576");
            assertThat(pair.readSysctl(pair.clientNamespace(), "net.ipv4.tcp_rmem"))
                    .isEqualTo("4096 65536 1048576");
        }
    }

    @Test
    void refusesKeysOutsideNetBeforeRunningAnything() {
        try (HostPair pair = HostPair.create()) {
            assertThatThrownBy(() -> pair.setSysctl(pair.serverNamespace(), "kernel.pid_max",
                    "4194304")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("net.*");
            assertThatThrownBy(() -> pair.setSysctl(pair.serverNamespace(),
                    "net.ipv4/../../kernel/pid_max", "4194304"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void kernelRefusalSurfacesWithItsErrorAndChangesNothing() throws Exception {
        try (HostPair pair = HostPair.create()) {
            String before = pair.readSysctl(pair.serverNamespace(), RETRIES2);
            assertThatThrownBy(() -> pair.setSysctl(pair.serverNamespace(), RETRIES2,
                    "not-a-number")).isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("exit status");
            assertThat(pair.readSysctl(pair.serverNamespace(), RETRIES2)).isEqualTo(before);
        }
    }

    /**
     * net.core.rmem_max is global. Depending on the kernel it is absent inside a child namespace
     * or mirrored read-only there; either way a write from inside must be refused. The value
     * written is the one already in force, so even a kernel that let it through would change
     * nothing.
     */
    @Test
    void globalKeyCannotBeWrittenFromInside() throws Exception {
        String key = "net.core.rmem_max";
        String outside = IsolatedSysctl.readOutside(key).orElse(null);
        assumeTrue(outside != null, "this JVM's namespace has no " + key);
        try (HostPair pair = HostPair.create()) {
            assertThatThrownBy(() -> pair.setSysctl(pair.serverNamespace(), key, outside))
                    .isInstanceOf(CommandFailedException.class);
        }
        assertThat(IsolatedSysctl.readOutside(key)).contains(outside);
    }
}
