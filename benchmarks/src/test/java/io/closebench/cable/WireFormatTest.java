package io.closebench.cable;

import io.closebench.s1.CableGroup;
import io.closebench.s1.TrialSpec;

import io.closebench.schema.Observer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mechanism's token (a benchmark's {@code -p mechanism=...}) means the mechanism itself, and a
 * trial's groups are what can run together.
 */
class WireFormatTest {

    @Test
    void everyMechanismDecodesToItself() {
        for (Mechanism m : List.of(new KernelDefaults(), new ShortRetries(3), new TcpKeepalive(2, 1, 3),
                new ReadDeadline(2000), new AppHeartbeat(250, 3), new UserTimeout(3000), new ConnectTimeout(1000),
                new SynRetries(2), new KeepaliveWithUserTimeout(new TcpKeepalive(2, 1, 3), new UserTimeout(10_000)))) {
            assertThat(Mechanism.decode(m.encode())).isEqualTo(m);
            assertThat(m.encode()).doesNotContain(" ", ",", "\t");
        }
    }

    @Test
    void aGroupRefusesAnObserverThatCannotApplyItsMechanism() {
        assertThatThrownBy(() -> new ServerGroupSpec(0, Observer.BLOCKING, Workload.IDLE, 1, new UserTimeout(10)))
                .hasMessageContaining("cannot be applied by the BLOCKING observer");
        assertThatThrownBy(() -> new CableGroup(new UserTimeout(10), Observer.BLOCKING, 1))
                .hasMessageContaining("cannot be applied by the BLOCKING observer");
    }

    @Test
    void aTrialRefusesGroupsThatNeedDifferentNamespaceSettings() {
        assertThatThrownBy(() -> new TrialSpec(CableFault.PULLED_SENDING, List.of(
                new CableGroup(new ShortRetries(3), Observer.NIO, 1),
                new CableGroup(new KernelDefaults(), Observer.NIO, 1))))
                .hasMessageContaining("must share the server's sysctls");
        assertThatThrownBy(() -> new TrialSpec(CableFault.RECONNECT, List.of(
                new CableGroup(new TcpKeepalive(2, 1, 3), Observer.NIO, 1))))
                .hasMessageContaining("says nothing about fault g");
    }
}
