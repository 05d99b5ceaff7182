package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelSocketViewTest {

    /** {@code ss -tainoH} as iproute2 prints it inside a server namespace. */
    private static final String SS = String.join("\n",
            "LISTEN 0      512    198.18.0.1:41001       0.0.0.0:*",
            "ESTAB  0      0      198.18.0.1:41001  198.18.0.2:49248",
            "\t bbr wscale:10,10 rto:204 rtt:0.004/0.002 mss:1448 cwnd:10 lastsnd:884 lastrcv:900 lastack:312 delivered:1",
            "ESTAB  0      1      198.18.0.1:41001  198.18.0.2:49254 timer:(on,196ms,0)",
            "\t cubic wscale:10,10 rto:204 mss:1448 lastsnd:20 lastrcv:20",
            "FIN-WAIT-1 0  1      198.18.0.1:41001  198.18.0.2:49260 timer:(on,1.808ms,3)",
            "\t cubic rto:408 backoff:1 lastsnd:5 lastrcv:1200 lastack:1200",
            // the same client port towards another listener: Linux reuses it
            "ESTAB  0      2464   198.18.0.1:41002  198.18.0.2:49248 timer:(persist,228ms,0)",
            "\t bbr rto:204 lastsnd:10 lastrcv:4 lastack:4 notsent:2464",
            "ESTAB  0      5024   198.18.0.1:41003  198.18.0.2:49300 timer:(persist,924ms,0)",
            "\t bbr rto:204 backoff:2 lastsnd:10 lastrcv:4 lastack:4 notsent:5024",
            "SYN-SENT 0    1      198.18.0.1:20003  198.18.0.2:7070 timer:(on,1min5sec,6)",
            "\t bbr rto:64000 backoff:6",
            "");

    @Test
    void readsEachConnectionsStateAndWhenItLastHeardFromThePeer() {
        long sampledAt = 50_000_000_000L;
        KernelSocketView v = KernelSocketView.parse(SS, sampledAt);

        assertThat(v.stateOf(41001, 49248)).isEqualTo("ESTAB");
        assertThat(v.stateOf(41001, 49260)).isEqualTo("FIN-WAIT-1");
        assertThat(v.stateOf(41001, 1)).isEqualTo("gone");
        // the latest of lastrcv and lastack: 312 ms before the sample
        assertThat(v.lastPeerSegmentAt(41001, 49248)).contains(sampledAt - 312_000_000L);
        // ss leaves out a field that is 0: lastack absent means "just now"
        assertThat(v.lastPeerSegmentAt(41001, 49254)).contains(sampledAt);
        // one client port, two connections: each found by both ports
        assertThat(v.lastPeerSegmentAt(41002, 49248)).contains(sampledAt - 4_000_000L);
        assertThat(v.stateOfLocal(20003)).isEqualTo("SYN-SENT");
    }

    @Test
    void readsThePersistTimerAndItsBackoff() {
        long sampledAt = 50_000_000_000L;
        KernelSocketView v = KernelSocketView.parse(SS, sampledAt);
        assertThat(v.unbackedWindowProbeAt(41002, 49248)).contains(sampledAt + 228_000_000L);
        assertThat(v.windowProbesBackedOff(41002, 49248, 1)).isFalse();
        assertThat(v.unbackedWindowProbeAt(41003, 49300)).isEmpty();
        assertThat(v.windowProbesBackedOff(41003, 49300, 2)).isTrue();
        assertThat(v.unbackedWindowProbeAt(41001, 49254)).as("a retransmission timer is no window probe").isEmpty();
    }

    @Test
    void readsSsDurationsAsPrintMsTimerWritesThem() {
        assertThat(KernelSocketView.millis("212ms")).isEqualTo(212);
        assertThat(KernelSocketView.millis("1.808ms")).isEqualTo(1808);
        assertThat(KernelSocketView.millis("12sec")).isEqualTo(12_000);
        assertThat(KernelSocketView.millis("1min5sec")).isEqualTo(65_000);
        assertThat(KernelSocketView.millis("1min5.200ms")).isEqualTo(65_200);
        assertThat(KernelSocketView.millis("")).isZero();
        assertThat(KernelSocketView.millis("soon")).isEqualTo(-1);
    }
}
