package io.closebench.cable;

import io.closebench.schema.Observer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.schema.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What travels between the harness and the server child survives the trip unchanged. */
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
    void aGroupSpecDecodesToItselfAndRefusesAnObserverThatCannotApplyItsMechanism() {
        ServerGroupSpec spec = new ServerGroupSpec(4, Observer.NIO, Workload.STREAM, 20, new TcpKeepalive(2, 1, 3));
        assertThat(ServerGroupSpec.decode(spec.encode())).isEqualTo(spec);
        assertThatThrownBy(() -> new ServerGroupSpec(0, Observer.BLOCKING, Workload.IDLE, 1, new UserTimeout(10)))
                .hasMessageContaining("cannot be applied by the BLOCKING observer");
    }

    @Test
    void anOutcomeLineKeepsTheMessageVerbatimBarTabsAndNewlines() {
        OutcomeLine line = new OutcomeLine(1, 7, 49248, Outcome.NO_ROUTE_TO_HOST, "READ", 123L, 45L,
                "NativeIoException", "recvAddress(..) failed with error(-113): No route to host", "BROKEN_PIPE (x)",
                4096, 3, 99L);
        assertThat(OutcomeLine.of(io.closebench.fault.ChildMessage.parse(line.toMessage().format()))).isEqualTo(line);
        OutcomeLine messy = new OutcomeLine(0, 0, 1, Outcome.OTHER_ERROR, "READ", 1, 1, "E", "a\tb\nc", "", 0, 0, -1);
        assertThat(OutcomeLine.of(io.closebench.fault.ChildMessage.parse(messy.toMessage().format())).message())
                .isEqualTo("a b c");
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
