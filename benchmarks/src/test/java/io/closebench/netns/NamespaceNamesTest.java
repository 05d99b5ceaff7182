package io.closebench.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Names are attributable to their owner pid, and anything else is left unjudged. */
class NamespaceNamesTest {

    private final long pid = ProcessHandle.current().pid();

    @Test
    void namesOfThisJvmCarryItsPidAndParseBack() {
        String name = NamespaceNames.ownedByThisJvm("3-srv");
        assertThat(name).isEqualTo("cb-" + pid + "-3-srv").startsWith(NamespaceNames.jvmPrefix());
        assertThat(NamespaceNames.isProjectNamespace(name)).isTrue();
        assertThat(NamespaceNames.ownerPid(name)).hasValue(pid);
    }

    @Test
    void namesNotFollowingTheSchemeHaveNoOwner() {
        assertThat(NamespaceNames.ownerPid("cb-exp-srv")).isEmpty();
        assertThat(NamespaceNames.ownerPid("cb-0-srv")).isEmpty();
        assertThat(NamespaceNames.ownerPid("cb-123-")).isEmpty();
        assertThat(NamespaceNames.ownerPid("cb-123")).isEmpty();
        assertThat(NamespaceNames.ownerPid("xx-123-srv")).isEmpty();
        assertThat(NamespaceNames.ownerPid("cb-123-a/b")).isEmpty();
        assertThat(NamespaceNames.isProjectNamespace("docker-123-srv")).isFalse();
    }

    @Test
    void tagsThatWouldBreakTheSchemeAreRejected() {
        assertThatThrownBy(() -> NamespaceNames.ownedByThisJvm("../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamespaceNames.ownedByThisJvm(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairNumbersNeverRepeat() {
        int first = NamespaceNames.nextPairNumber();
        assertThat(NamespaceNames.nextPairNumber()).isGreaterThan(first);
    }
}
