package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelSocketViewTest {

    /** {@code ss -tainH} as iproute2 6.1 prints it inside a server namespace. */
    private static final String SS = String.join("\n",
            "LISTEN 0      512    198.18.0.1:41001       0.0.0.0:*",
            "ESTAB  0      0      198.18.0.1:41001  198.18.0.2:49248",
            "\t bbr wscale:10,10 rto:204 rtt:0.004/0.002 mss:1448 cwnd:10 lastsnd:884 lastrcv:900 lastack:312 delivered:1",
            "ESTAB  0      1      198.18.0.1:41001  198.18.0.2:49254",
            "\t cubic wscale:10,10 rto:204 mss:1448 lastsnd:20 lastrcv:20",
            "FIN-WAIT-1 0  1      198.18.0.1:41001  198.18.0.2:49260",
            "\t cubic rto:408 backoff:1 lastsnd:5 lastrcv:1200 lastack:1200",
            "");

    @Test
    void readsEachConnectionsStateAndWhenItLastHeardFromThePeer() {
        long sampledAt = 50_000_000_000L;
        KernelSocketView v = KernelSocketView.parse(SS, sampledAt);

        assertThat(v.stateOf(49248)).isEqualTo("ESTAB");
        assertThat(v.stateOf(49260)).isEqualTo("FIN-WAIT-1");
        assertThat(v.stateOf(1)).isEqualTo("gone");
        // the latest of lastrcv and lastack: 312 ms before the sample
        assertThat(v.lastPeerSegmentAt(49248)).contains(sampledAt - 312_000_000L);
        // ss leaves out a field that is 0: lastack absent means "just now"
        assertThat(v.lastPeerSegmentAt(49254)).contains(sampledAt);
    }
}
