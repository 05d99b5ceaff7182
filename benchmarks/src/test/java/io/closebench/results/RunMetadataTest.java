package io.closebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetadataTest {

    @Test
    void recordsTheKernelsTcpSettingsWhole() throws Exception {
        RunMetadata m = RunMetadata.capture(Map.of());
        for (String sysctl : new String[] {"tcp_keepalive_time", "tcp_retries2", "tcp_rmem"}) {
            // readAllLines reads through a buffer in one call, which /proc/sys answers in full
            String expected = String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4", sysctl))).trim()
                    .replaceAll("\\s+", " ");
            assertThat(m.get("net.ipv4." + sysctl)).as(sysctl).isEqualTo(expected);
        }
    }

    @Test
    void appendsTheRunsOwnParametersAfterTheMachine() {
        RunMetadata m = RunMetadata.capture(Map.of("matrix.repetitions", "7"));
        assertThat(m.values()).containsKeys("date", "kernel", "jdk", "cpu.model", "cpu.cores", "git.commit");
        assertThat(m.get("matrix.repetitions")).isEqualTo("7");
        assertThat(m.get("cpu.cores")).isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
    }
}
