package io.closebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.transport.SocketApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No child process, file descriptor or thread outlives its case, including a case that fails. */
class NothingOutlivesItsCaseTest {

    @Test
    void everyScenarioLeavesNoProcessNoDescriptorAndNoThreadBehind() throws Exception {
        runEverythingOnce(); // loads every class and opens every jar once, so the baseline is stable
        long fds = openDescriptors();
        int threads = Thread.activeCount();

        runEverythingOnce();

        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("child processes left running").isZero();
        assertThat(openDescriptors()).as("open file descriptors").isEqualTo(fds);
        assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads);
    }

    @Test
    void aCaseThatCannotBeSetUpIsCountedAsHarnessFailureAndCleansUp() throws Exception {
        long fds = openDescriptors();
        // a child that cannot connect: its listener is closed before the child starts
        CaseRunner runner = new CaseRunner(SocketApi.BLOCKING, RunnerSettings.defaults());
        runner.close();
        Observation o = runner.run(ScenarioCatalogue.byId("S3a-bash").orElseThrow());

        assertThat(o.outcome()).isEqualTo(io.closebench.schema.Outcome.HARNESS_FAILURE);
        assertThat(o.failure()).isNotEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
        assertThat(openDescriptors()).isEqualTo(fds);
    }

    private static void runEverythingOnce() throws IOException {
        for (SocketApi api : SocketApi.values()) {
            try (CaseRunner runner = new CaseRunner(api, RunnerSettings.defaults())) {
                for (Scenario s : ScenarioCatalogue.all()) {
                    assertThat(runner.run(s).failure()).as(s.id()).isEmpty();
                }
            }
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
