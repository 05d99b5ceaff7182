package io.closebench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.observe.EveryModel;
import io.closebench.observe.ObserverModels;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No child process, file descriptor or thread outlives its case, on any model of the matrix (the C
 * observers' own process included), including a case that fails.
 */
@Timeout(300)
class NothingOutlivesItsCaseTest {

    @Test
    void everyScenarioLeavesNoProcessNoDescriptorAndNoThreadBehind() throws Exception {
        runEverythingOnce(); // loads every class and opens every jar once, so the baseline is stable
        long fds = openDescriptors();
        java.util.Set<String> threads = liveThreads();

        runEverythingOnce();

        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("child processes left running").isZero();
        assertThat(openDescriptors()).as("open file descriptors").isEqualTo(fds);
        // Netty's globalEventExecutor thread serves close futures and ends by itself after a second of quiet
        java.util.Set<String> more = liveThreads();
        for (long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
             !threads.containsAll(more) && System.nanoTime() - until < 0; more = liveThreads()) {
            Thread.sleep(100);
        }
        more.removeAll(threads);
        assertThat(more).as("threads alive now, 3 s after, that were not before").isEmpty();
    }

    @Test
    void aCaseThatCannotBeSetUpIsCountedAsHarnessFailureAndCleansUp() throws Exception {
        long fds = openDescriptors();
        // a child that cannot connect: its listener is closed before the child starts
        CaseRunner runner = new CaseRunner(Observer.BLOCKING, CpuPlan.of(Placement.OS), RunnerSettings.defaults());
        runner.close();
        Observation o = runner.run(ScenarioCatalogue.byId("S3a-bash").orElseThrow());

        assertThat(o.outcome()).isEqualTo(io.closebench.schema.Outcome.HARNESS_FAILURE);
        assertThat(o.failure()).isNotEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
        assertThat(openDescriptors()).isEqualTo(fds);
    }

    private static void runEverythingOnce() throws IOException {
        for (Observer o : EveryModel.inTheMatrix().toList()) {
            if (ObserverModels.unavailableReason(o).isPresent()) {
                continue;
            }
            try (CaseRunner runner = new CaseRunner(o, CpuPlan.of(Placement.OS), RunnerSettings.defaults())) {
                for (Scenario s : ScenarioCatalogue.all()) {
                    if (s.runtime() == io.closebench.fault.PeerRuntime.JVM_CHILD && o != Observer.BLOCKING) {
                        continue; // a JVM child takes 300 ms to exit: one model covers its clean-up
                    }
                    assertThat(runner.run(s).failure()).as(o + " " + s.id()).isEmpty();
                }
            }
        }
    }

    /**
     * The live threads by name, numbers taken out ("ForkJoinPool-3-worker-2" is "ForkJoinPool-#-worker-#"),
     * less the JDK's process reaper, a pooled helper that comes and goes on its own schedule.
     */
    private static java.util.Set<String> liveThreads() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().equals("process reaper")) {
                names.add(t.getName().replaceAll("\\d+", "#"));
            }
        }
        return names;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
