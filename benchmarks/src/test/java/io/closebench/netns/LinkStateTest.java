package io.closebench.netns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of the {@code ip -o link} lines seen at each end of a pulled and plugged cable. */
class LinkStateTest {

    @Test
    void upEndWithCarrier() {
        LinkState state = LinkState.parse("2: veth-srv@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu"
                + " 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    "
                + "link/ether c6:d5:80:1e:3e:d1 brd ff:ff:ff:ff:ff:ff link-netns cb-1-0-cli");
        assertThat(state.device()).isEqualTo("veth-srv");
        assertThat(state.adminUp()).isTrue();
        assertThat(state.carrier()).isTrue();
        assertThat(state.fullyUp()).isTrue();
    }

    @Test
    void serverEndOfAPulledCableKeepsUpButLosesCarrier() {
        LinkState state = LinkState.parse("2: veth-srv@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP>"
                + " mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000");
        assertThat(state.adminUp()).isTrue();
        assertThat(state.carrier()).isFalse();
        assertThat(state.operState()).isEqualTo("DOWN");
        assertThat(state.fullyUp()).isFalse();
    }

    @Test
    void clientEndOfAPulledCableIsAdminDown() {
        LinkState state = LinkState.parse("2: veth-cli@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc"
                + " noqueue state DOWN mode DEFAULT group default qlen 1000");
        assertThat(state.device()).isEqualTo("veth-cli");
        assertThat(state.adminUp()).isFalse();
        assertThat(state.carrier()).isFalse();
    }

    @Test
    void loopbackWithoutPeerSuffix() {
        LinkState state = LinkState.parse("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue"
                + " state UNKNOWN mode DEFAULT group default qlen 1000");
        assertThat(state.device()).isEqualTo("lo");
        assertThat(state.adminUp()).isTrue();
        assertThat(state.operState()).isEqualTo("UNKNOWN");
    }
}
