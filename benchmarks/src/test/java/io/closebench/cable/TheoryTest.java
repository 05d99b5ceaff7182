package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.Theory.Reference;
import org.junit.jupiter.api.Test;

/** What each mechanism's settings predict, fault by fault. */
class TheoryTest {

    private static final long S = 1_000_000_000L;
    private static final NeighbourResolution NO_ARP = new NeighbourResolution(-1, S, 3);

    private static ConnectionTimeline timeline(long firstUnacked, long plugAt, int retries2, NeighbourResolution arp) {
        // t0 = 100 s, last segment from the peer 0.5 s before, last read at 99.5 s
        return new ConnectionTimeline(100 * S, 100 * S - S / 2, true, firstUnacked, 100 * S - S / 2, plugAt, retries2, arp);
    }

    @Test
    void keepaliveOnAnIdleConnectionEndsIdlePlusIntervalTimesCountAfterTheLastSegment() {
        Theory t = new TcpKeepalive(2, 1, 3).theory(CableFault.PULLED_IDLE, timeline(-1, -1, 15, NO_ARP));
        assertThat(t.reference()).isEqualTo(Reference.LAST_PEER_SEGMENT);
        assertThat(t.boundNanos()).isEqualTo(5 * S);
    }

    @Test
    void keepaliveWaitsWhileDataIsUnacknowledgedSoRetransmissionsDecide() {
        Theory t = new TcpKeepalive(2, 1, 3).theory(CableFault.PULLED_SENDING, timeline(100 * S, -1, 15, NO_ARP));
        assertThat(t.reference()).isEqualTo(Reference.FIRST_UNACKED_SEND);
        assertThat(t.boundNanos()).isEqualTo(924_600_000_000L);
    }

    @Test
    void idleConnectionsWithoutKeepaliveAreNeverChecked() {
        assertThat(new KernelDefaults().theory(CableFault.PULLED_IDLE, timeline(-1, -1, 15, NO_ARP)).isNever()).isTrue();
        assertThat(new UserTimeout(3000).theory(CableFault.PULLED_IDLE, timeline(-1, -1, 15, NO_ARP)).isNever()).isTrue();
        assertThat(new TcpKeepalive(2, 1, 3).theory(CableFault.PEER_FROZEN, timeline(-1, -1, 15, NO_ARP)).isNever()).isTrue();
    }

    @Test
    void afterAPlugTheQueuedSegmentsLeaveWithTheFirstArpAnswer() {
        // first send after the pull at 100.05 s started ARP; requests at 100.05, 101.05, 102.05; plug at 101 s
        NeighbourResolution arp = new NeighbourResolution(100 * S + S / 20, S, 3);
        Theory t = new KernelDefaults().theory(CableFault.REPLUGGED, timeline(100 * S + S / 20, 101 * S, 15, arp));
        assertThat(t.reference()).isEqualTo(Reference.PLUG);
        assertThat(t.boundNanos()).isEqualTo(S / 20);
        // a user timeout shorter than that aborts first
        Theory ut = new UserTimeout(500).theory(CableFault.REPLUGGED, timeline(100 * S + S / 20, 101 * S, 15, arp));
        assertThat(ut.reference()).isEqualTo(Reference.FIRST_UNACKED_SEND);
        assertThat(ut.boundNanos()).isEqualTo(S / 2);
    }

    @Test
    void aHeartbeatShorterThanTheOutageMissesAndALongerOneSeesTheRst() {
        NeighbourResolution arp = new NeighbourResolution(100 * S + S / 10, S, 3);
        ConnectionTimeline t = timeline(100 * S + S / 10, 101 * S, 15, arp);
        assertThat(new AppHeartbeat(200, 3).theory(CableFault.HOST_REBOOTED, t).reference()).isEqualTo(Reference.LAST_READ);
        Theory rst = new AppHeartbeat(1000, 3).theory(CableFault.HOST_REBOOTED, t);
        assertThat(rst.reference()).isEqualTo(Reference.PLUG);
        assertThat(rst.boundNanos()).isEqualTo(S / 10);
    }
}
