package io.closebench.s1;

import io.closebench.cable.Mechanism;

import io.closebench.schema.Observer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.netns.IpNetns;
import io.closebench.netns.NamespaceNames;
import io.closebench.schema.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the cable tests share: short settings, the skip when namespaces are missing (with the
 * probe's reason), several trials at once through the matrix's own runner, and the check that a
 * test class left no namespace and no child process behind.
 */
final class CableTestSupport {

    /** 4 s to show silence, 0.5 s to settle, the cable out for 1 s. */
    static final CableSettings SETTINGS = new CableSettings(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(1),
            io.closebench.placement.CpuPlan.of(io.closebench.schema.Placement.OS));
    /** Connections per group: enough to see that all of them, not one, behave so. */
    static final int N = 6;
    static final Set<Outcome> KERNEL_GAVE_UP = Set.of(Outcome.CONNECTION_TIMED_OUT, Outcome.NO_ROUTE_TO_HOST);

    private CableTestSupport() {
    }

    static void assumeNamespaces() {
        var c = CableExperiment.capability();
        assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
    }

    /** Runs the trials side by side; returns every sample. */
    static List<CableSample> run(TrialSpec... trials) throws InterruptedException {
        return run(SETTINGS, trials);
    }

    /**
     * Runs the trials side by side, each captured and traced into {@code dir} where this machine can (where
     * it cannot, each sample's wire facts say why); returns every sample.
     */
    static List<CableSample> runCapturedTo(java.nio.file.Path dir, TrialSpec... trials) throws InterruptedException {
        return run(SETTINGS.capturingTo(dir), trials);
    }

    private static List<CableSample> run(CableSettings settings, TrialSpec... trials) throws InterruptedException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<CableSample> samples;
        try (io.closebench.rig.ThisHost here = new io.closebench.rig.ThisHost()) {
            samples = io.closebench.matrix.ConformanceMatrix.pulledCable(here, List.of(trials), settings, trials.length,
                    io.closebench.rig.RunControl.unstoppable(), s -> { }, new PrintStream(progress, true, StandardCharsets.UTF_8));
        }
        System.out.print(progress.toString(StandardCharsets.UTF_8));
        CableTable.print(samples, settings, System.out);
        return samples;
    }

    static CableGroup group(Mechanism m, Observer o) {
        return new CableGroup(m, o, N);
    }

    /** Every single-connection model that runs here (VIRTUAL needs JDK 21+, io_uring a kernel that allows it). */
    static List<Observer> models() {
        return io.closebench.observe.ObserverModels.singleConnection().stream()
                .filter(o -> io.closebench.observe.ObserverModels.unavailableReason(o).isEmpty()).toList();
    }

    /** One group per model that runs here and can apply {@code m}, {@code perGroup} connections each. */
    static List<CableGroup> onEveryModel(Mechanism m, int perGroup) {
        return models().stream().filter(m.observers()::contains).map(o -> new CableGroup(m, o, perGroup)).toList();
    }

    /** All of {@code lists} in one. */
    @SafeVarargs
    static List<CableGroup> groups(List<CableGroup>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    static List<CableSample> of(List<CableSample> samples, Predicate<CableSample> which) {
        List<CableSample> selected = samples.stream().filter(which).toList();
        assertThat(selected).as("samples selected").isNotEmpty();
        return selected;
    }

    static List<CableSample> of(List<CableSample> samples, Mechanism m) {
        return of(samples, s -> s.mechanism().equals(m));
    }

    static long seconds(double s) {
        return (long) (s * 1e9);
    }

    /** After a test class: no namespace of this JVM and no child process of it remain. */
    static final class NothingLeftBehind implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws InterruptedException {
            if (!CableExperiment.capability().available()) {
                return;
            }
            assertThat(IpNetns.listStartingWith(NamespaceNames.jvmPrefix()))
                    .as("namespaces left behind by %s", context.getDisplayName()).isEmpty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                    .as("child processes left behind by %s", context.getDisplayName()).isEmpty();
        }
    }
}
