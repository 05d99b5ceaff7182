package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelTcpStateTest {

    private static final String LINE = "   3: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000100007F:D2F0 08 "
            + "00000000:00000001 00:00000000 00000000     0        0 123456 1 0000000000000000 20 4 30 10 -1";

    @Test
    void findsTheStateByLocalAndRemotePort() {
        assertThat(KernelTcpState.stateIn(LINE, ":9C41 ", ":D2F0 ")).isEqualTo("CLOSE_WAIT");
        // the other end of the same connection is a different line: the ports the other way round do not match
        assertThat(KernelTcpState.stateIn(LINE, ":D2F0 ", ":9C41 ")).isNull();
        assertThat(KernelTcpState.stateIn(LINE, ":9C42 ", ":D2F0 ")).isNull();
    }

    @Test
    void aConnectionTheKernelNoLongerListsIsClose() {
        // no socket of this machine connects port 1 to port 2
        String state = KernelTcpState.of(1, 2);
        assertThat(state).isIn("CLOSE", "?");
    }
}
