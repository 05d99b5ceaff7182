package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KernelTcpStateTest {

    private static final String LINE = "   3: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000200007F:D2F0 08 "
            + "00000000:00000001 00:00000000 00000000     0        0 123456 1 0000000000000000 20 4 30 10 -1";

    @Test
    void writesAnEndAsTheKernelsTablesDoBothAsIpv4AndAsAnIpv4MappedAddress() throws Exception {
        InetSocketAddress end = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x9C41);
        assertThat(KernelTcpState.inTable(end)).containsExactlyInAnyOrder("0100007F:9C41",
                "0000000000000000FFFF00000100007F:9C41");
    }

    @Test
    void findsTheStateByBothEndsAddressesIncluded() throws Exception {
        Set<String> local = KernelTcpState.inTable(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x9C41));
        Set<String> remote = KernelTcpState.inTable(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0xD2F0));
        assertThat(KernelTcpState.stateIn(LINE, local, remote)).isEqualTo("CLOSE_WAIT");
        // the same ports to another loopback address are another connection
        Set<String> elsewhere = KernelTcpState.inTable(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0xD2F0));
        assertThat(KernelTcpState.stateIn(LINE, local, elsewhere)).isNull();
        // the other end of the same connection is a different line
        assertThat(KernelTcpState.stateIn(LINE, remote, local)).isNull();
    }

    @Test
    void seesALiveConnectionEstablishedAndOneTheKernelNoLongerListsAsClose() throws Exception {
        Assumptions.assumeTrue(KernelTcpState.visible(), "no /proc/net/tcp here");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            InetSocketAddress local = (InetSocketAddress) client.getLocalSocketAddress();
            InetSocketAddress remote = (InetSocketAddress) client.getRemoteSocketAddress();
            assertThat(KernelTcpState.of(local, remote)).isEqualTo("ESTABLISHED");
            assertThat(KernelTcpState.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), remote)).isEqualTo("CLOSE");
        }
    }
}
