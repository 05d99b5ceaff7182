package io.closebench.netns;

import static io.closebench.netns.NetnsAvailability.assumeNamespaces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sweep removes what dead JVMs left, and only that. */
@ExtendWith(NoNamespaceLeftBehind.class)
class LeftoverSweepTest {

    @BeforeEach
    void requireNamespaces() {
        assumeNamespaces();
    }

    @Test
    void removesLeftoverOfDeadPidAndKeepsLiveAndUnparsableOnes() throws Exception {
        long deadPid = pidOfAnExitedProcess();
        String leftover = NamespaceNames.prefixOf(deadPid) + "0-srv";
        String live = NamespaceNames.ownedByThisJvm("sweep-live");
        String unparsable = NamespaceNames.PROJECT_PREFIX + "sweep-unparsable-" + deadPid;
        List<String> created = List.of(leftover, live, unparsable);
        try {
            for (String name : created) {
                IpNetns.add(name);
            }
            assertThat(LeftoverSweep.isAlive(deadPid)).as("pid %d is dead", deadPid).isFalse();

            List<String> removed = LeftoverSweep.sweep();

            assertThat(removed).contains(leftover).doesNotContain(live, unparsable);
            assertThat(IpNetns.list()).doesNotContain(leftover).contains(live, unparsable);
        } finally {
            for (String name : created) {
                NamespaceRemoval.removeIfPresent(name);
            }
        }
        assertThat(IpNetns.list()).doesNotContainAnyElementsOf(created);
    }

    @Test
    void neverSweepsAnOpenPairOfThisJvm() {
        try (HostPair pair = HostPair.create()) {
            assertThat(LeftoverSweep.sweep()).doesNotContain(pair.serverNamespace(),
                    pair.clientNamespace());
            assertThat(IpNetns.list()).contains(pair.serverNamespace(), pair.clientNamespace());
        }
    }

    @Test
    void namespacesWithoutTheProjectPrefixCannotBeCreatedOrDeleted() {
        assertThatThrownBy(() -> IpNetns.add("closebench-foreign"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamespaceRemoval.removeIfPresent("default"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamespaceRemoval.removeIfPresent("cb-x/../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A pid that certainly belonged to a process and certainly is not alive now. */
    private static long pidOfAnExitedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }
}
