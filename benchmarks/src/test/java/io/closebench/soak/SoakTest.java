package io.closebench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.placement.CpuPlan;
import io.closebench.rig.RunControl;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.ResultFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak: 20,000 real repetitions of the fast loopback cases, blocking and NIO in turn, and
 * nothing the run holds (descriptors, threads, heap, children, TIME_WAIT, namespaces) may grow
 * beyond its bound after warm-up.
 */
class SoakTest {

    @TempDir
    Path folder;

    @Test
    @Timeout(240)
    void twentyThousandRepetitionsLeaveNothingGrowing() throws IOException {
        SoakPlan plan = new SoakPlan(
                List.of("S2-inproc", "X1-linger0", "C1", "S5", "C3a").stream()
                        .map(id -> ScenarioCatalogue.byId(id).orElseThrow()).toList(),
                List.of(Observer.BLOCKING, Observer.NIO), Map.of(), Duration.ofMinutes(3), 20_000,
                Duration.ofMinutes(3), 2_000, Duration.ofSeconds(1), GrowthBounds.standard(), CpuPlan.of(Placement.OS),
                RunnerSettings.defaults());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SoakResult result;
        try (SoakLog log = new SoakLog(folder, "test")) {
            result = Soak.run(plan, log, new RunControl(), new PrintStream(progress, true));
        }

        assertThat(result.matrix().repetitions()).as(progress.toString()).isEqualTo(20_000);
        assertThat(result.baseline()).as("a baseline after 2,000 repetitions").isPresent();
        assertThat(result.growth()).as(progress.toString()).isEmpty();
        assertThat(result.unexpected()).as("outcomes other than Linux gives").isZero();
        assertThat(result.samples()).as("a sample every second, and one at the end").hasSizeGreaterThanOrEqualTo(3);
        try (Stream<Path> files = Files.list(folder)) {
            Path csv = files.filter(f -> ResultFile.SOAK.matches(f.getFileName().toString())).findFirst().orElseThrow();
            assertThat(Files.readAllLines(csv)).hasSize(result.samples().size() + 1);
        }
    }

    @Test
    void aDescriptorMoreThanTheSlackIsGrowthAndSaysWhatGrew() {
        ResourceSample baseline = new ResourceSample(0, 0, 80, 30, 100 << 20, 20 << 20, 0, 100, 0, 0);
        ResourceSample later = new ResourceSample(1, 1000, 97, 30, 100 << 20, 20 << 20, 1, 1700, 0, 0);
        List<String> v = GrowthBounds.standard().violations(baseline, later, 1000);

        assertThat(v).containsExactly("fds 97 > 96 (baseline 80 + 16)", "live children 1 > 0 (baseline 0 + 0)",
                "TIME_WAIT sockets 1700 > 1600 (baseline 100 + 1500)");
        assertThat(GrowthBounds.standard().violations(baseline, baseline, 0)).isEmpty();
    }

    @Test
    void aNamespaceOfThisRunIsGrowthAndAnotherProgramsIsNot() {
        ResourceSample baseline = new ResourceSample(0, 0, 80, 30, 100 << 20, 20 << 20, 0, 100, 3, 0);
        ResourceSample othersMadeOne = new ResourceSample(1, 1000, 80, 30, 100 << 20, 20 << 20, 0, 100, 4, 0);
        ResourceSample thisRunMadeOne = new ResourceSample(1, 1000, 80, 30, 100 << 20, 20 << 20, 0, 100, 4, 1);

        assertThat(GrowthBounds.standard().violations(baseline, othersMadeOne, 0)).isEmpty();
        assertThat(GrowthBounds.standard().violations(baseline, thisRunMadeOne, 0))
                .containsExactly("network namespaces of this run 1 > 0 (baseline 0 + 0)");
    }

    @Test
    void theTimeWaitWindowForgetsConnectionsOlderThanItsLength() {
        RecentConnections recent = new RecentConnections();
        long s = 1_000_000_000L;
        for (int i = 0; i < 10; i++) {
            recent.closed(100 * s + i);
        }
        recent.closed(130 * s);
        assertThat(recent.inWindow(130 * s)).isEqualTo(11);
        assertThat(recent.inWindow((100 + GrowthBounds.TIME_WAIT_SECONDS + 1) * s)).isEqualTo(1);
        assertThat(recent.inWindow(1000 * s)).isZero();
    }
}
