package io.closebench.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every address handed out lies in 198.18.0.0/15 and is a host address of its own /30. */
class Rfc2544SubnetTest {

    @Test
    void firstPairGetsTheFirstSlash30() {
        Rfc2544Subnet subnet = Rfc2544Subnet.forPair(0);
        assertThat(subnet.serverAddress().getHostAddress()).isEqualTo("198.18.0.1");
        assertThat(subnet.clientAddress().getHostAddress()).isEqualTo("198.18.0.2");
        assertThat(subnet.networkCidr()).isEqualTo("198.18.0.0/30");
        assertThat(subnet.serverCidr()).isEqualTo("198.18.0.1/30");
        assertThat(subnet.clientCidr()).isEqualTo("198.18.0.2/30");
    }

    @Test
    void addressesStayInsideTheBenchmarkingBlockAndDoNotRepeatBeforeWrapping() {
        Set<String> networks = new HashSet<>();
        for (int n : new int[] {0, 1, 63, 64, 255, 256, 16383, 16384, 32767}) {
            Rfc2544Subnet subnet = Rfc2544Subnet.forPair(n);
            assertThat(inBenchmarkingBlock(subnet.serverAddress())).as("pair %d", n).isTrue();
            assertThat(inBenchmarkingBlock(subnet.clientAddress())).as("pair %d", n).isTrue();
            assertThat(hostPart(subnet.serverAddress())).isEqualTo(1);
            assertThat(hostPart(subnet.clientAddress())).isEqualTo(2);
            assertThat(networks.add(subnet.networkCidr())).as("pair %d", n).isTrue();
        }
        assertThat(Rfc2544Subnet.forPair(32767).clientAddress().getHostAddress())
                .isEqualTo("198.19.255.254");
        assertThat(Rfc2544Subnet.forPair(32768)).isEqualTo(Rfc2544Subnet.forPair(0));
    }

    private static boolean inBenchmarkingBlock(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) == 198 && ((b[1] & 0xff) == 18 || (b[1] & 0xff) == 19);
    }

    private static int hostPart(Inet4Address address) {
        return address.getAddress()[3] & 0b11;
    }
}
