package io.closebench.netns;

import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What happens to the pairs of a JVM that ends without closing them: SIGTERM (what Ctrl-C and
 * service managers send) and normal exit run the shutdown hook, which removes them; SIGKILL
 * leaves them, and the next sweep removes them because their owner pid is dead.
 */
@ExtendWith(NoNamespaceLeftBehind.class)
class ShutdownCleanupTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void requireNamespaces() {
        assumeNamespaces();
    }

    @Test
    void sigtermRunsTheHookThatRemovesOpenPairs() throws Exception {
        List<String> names = List.of();
        RunningProgram holder = startHolder("120");
        try {
            names = readyNamespaces(holder);
            assertThat(IpNetns.list()).containsAll(names);

            ProcessHandle.of(holder.pid()).orElseThrow().destroy();
            assertThat(holder.awaitExit(WAIT)).as("holder exited after SIGTERM").isTrue();

            assertThat(IpNetns.list()).doesNotContainAnyElementsOf(names);
        } finally {
            cleanUp(holder, names);
        }
    }

    @Test
    void normalExitRunsTheHookToo() throws Exception {
        List<String> names = List.of();
        RunningProgram holder = startHolder("0");
        try {
            names = readyNamespaces(holder);
            assertThat(holder.awaitExit(WAIT)).as("holder returned from main").isTrue();
            assertThat(holder.exitValue()).as("stderr: %s", holder.stderr()).isZero();

            assertThat(IpNetns.list()).doesNotContainAnyElementsOf(names);
        } finally {
            cleanUp(holder, names);
        }
    }

    @Test
    void sigkillLeavesThePairForTheNextSweep() throws Exception {
        List<String> names = List.of();
        RunningProgram holder = startHolder("120");
        try {
            names = readyNamespaces(holder);

            ProcessHandle.of(holder.pid()).orElseThrow().destroyForcibly();
            assertThat(holder.awaitExit(WAIT)).isTrue();
            assertThat(IpNetns.list()).as("no Java code runs on SIGKILL").containsAll(names);

            assertThat(LeftoverSweep.sweep()).containsAll(names);
            assertThat(IpNetns.list()).doesNotContainAnyElementsOf(names);
        } finally {
            cleanUp(holder, names);
        }
    }

    private static RunningProgram startHolder(String lifetimeSeconds) {
        String classpath = RunningProgram.classpathRootOf(HostPair.class) + File.pathSeparator
                + RunningProgram.classpathRootOf(PairHolderMain.class);
        return RunningProgram.start(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classpath,
                PairHolderMain.class.getName(), lifetimeSeconds));
    }

    private static List<String> readyNamespaces(RunningProgram holder) throws Exception {
        String[] ready = holder.nextLine(WAIT).split(" ");
        assertThat(ready[0]).isEqualTo("READY");
        assertThat(NamespaceNames.ownerPid(ready[1])).hasValue(holder.pid());
        return List.of(ready[1], ready[2]);
    }

    /** Whatever the test did: the holder is dead and its namespaces are gone. */
    private static void cleanUp(RunningProgram holder, List<String> names) throws Exception {
        holder.close();
        for (String name : names) {
            NamespaceRemoval.removeIfPresent(name);
        }
    }
}
