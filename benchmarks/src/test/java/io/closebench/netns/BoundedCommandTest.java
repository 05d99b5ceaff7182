package io.closebench.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands end within their limit, and failures carry stderr. */
class BoundedCommandTest {

    @Test
    void capturesExitStatusStdoutAndStderr() {
        CommandResult result = BoundedCommand.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void checkedFailurePutsStderrIntoTheMessage() {
        assertThatThrownBy(() -> BoundedCommand.runChecked("sh", "-c",
                "echo 'RTNETLINK answers: File exists' >&2; exit 2"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("exit status 2")
                .hasMessageContaining("RTNETLINK answers: File exists")
                .satisfies(e -> assertThat(((CommandFailedException) e).neverStarted()).isFalse());
    }

    @Test
    void overrunningCommandIsKilledWithItsChildren() throws Exception {
        assertThatThrownBy(() -> BoundedCommand.run(Duration.ofMillis(300), List.of("sh", "-c",
                "echo $$ >&2; sleep 60 & echo $! >&2; wait")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("timed out")
                .satisfies(e -> {
                    for (String pid : ((CommandFailedException) e).stderr().strip().split("\n")) {
                        assertThat(goneWithin(Long.parseLong(pid.strip()), Duration.ofSeconds(10)))
                                .as("pid %s ended", pid).isTrue();
                    }
                });
    }

    /** SIGKILL is asynchronous and an orphan is reaped by init: allow a bounded moment. */
    private static boolean goneWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void missingProgramIsReportedAsNeverStarted() {
        assertThatThrownBy(() -> BoundedCommand.run("closebench-no-such-program"))
                .isInstanceOf(CommandFailedException.class)
                .satisfies(e -> assertThat(((CommandFailedException) e).neverStarted()).isTrue());
    }
}
