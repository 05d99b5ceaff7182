package io.closebench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.wire.Endpoint;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TraceFilterTest {

    @Test
    void anAddressIsComparedAsTheIntegerItsFourBytesMakeInThisMachinesOrder() {
        byte[] loopback = {127, 0, 0, 1};
        long expected = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x0100007fL : 0x7f000001L;
        assertThat(TraceFilter.addressAsNativeInt(loopback)).isEqualTo(expected);
    }

    @Test
    void aLocalEndSelectsTheSocketsWithThatSourceAndARemoteEndThoseWithThatDestination() throws Exception {
        Endpoint server = new Endpoint(InetAddress.getByName("198.18.0.1"), 5000);
        Endpoint client = new Endpoint(InetAddress.getByName("198.18.0.2"), 6000);
        TraceFilter filter = new TraceFilter(Set.of(server), Set.of(client));
        String s = TraceFilter.hex(server);
        String c = TraceFilter.hex(client);

        assertThat(filter.expression(TracedEvent.RETRANSMIT_ATTEMPT))
                .isEqualTo("(saddr == " + s + " && sport == 5000) || (daddr == " + c + " && dport == 6000)");
        assertThat(filter.expression(TracedEvent.STATE_CHANGE))
                .isEqualTo("protocol == 6 && ((saddr == " + s + " && sport == 5000) || (daddr == " + c
                        + " && dport == 6000))");
        assertThat(filter.expression(TracedEvent.ICMP_SENT)).isEqualTo("saddr == " + s + " || daddr == " + c);
    }

    @Test
    void twoEndsOnOneAddressMakeOneIcmpClause() throws Exception {
        InetAddress server = InetAddress.getByName("198.18.0.1");
        TraceFilter filter = TraceFilter.localEnds(new Endpoint(server, 1), new Endpoint(server, 2));
        assertThat(filter.expression(TracedEvent.ICMP_SENT)).isEqualTo("saddr == " + TraceFilter.hex(new Endpoint(server, 1)));
    }

    @Test
    void anIpv6EndNoEndOrMoreEndsThanAPageHoldsAreRefused() throws Exception {
        assertThatThrownBy(() -> TraceFilter.localEnds(new Endpoint(InetAddress.getByName("::1"), 80)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> new TraceFilter(Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
        Set<Endpoint> many = new HashSet<>();
        InetAddress address = InetAddress.getByName("198.18.0.1");
        for (int port = 1; port <= 200; port++) {
            many.add(new Endpoint(address, port));
        }
        assertThatThrownBy(() -> new TraceFilter(many, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many ends");
    }
}
