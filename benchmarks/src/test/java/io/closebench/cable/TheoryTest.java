package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.Theory.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    private static ConnectionTimeline connectAt(long connectAt, NeighbourResolution arp, int synRetries, long library) {
        return new ConnectionTimeline(100 * S, 100 * S, false, connectAt, 100 * S, -1, 15, arp, -1,
                new ConnectionTimeline.ConnectRules(synRetries, 4, library));
    }

    @Test
    void onTheSameLinkAConnectToADeadHostEndsWhenArpGivesUp() {
        // connects at 102 s, the first of them started the resolution
        NeighbourResolution arp = new NeighbourResolution(102 * S, S, 3);
        Theory t = new KernelDefaults().theory(CableFault.RECONNECT, connectAt(102 * S, arp, 6, Theory.NEVER));
        assertThat(t.reference()).isEqualTo(Reference.CONNECT);
        assertThat(t.boundNanos()).isEqualTo(3 * S);
        assertThat(t.why()).startsWith("ARP for the dead host fails");
        // a connect timeout or a user timeout shorter than that comes first
        assertThat(new ConnectTimeout(1000).theory(CableFault.RECONNECT, connectAt(102 * S, arp, 6, Theory.NEVER))
                .boundNanos()).isEqualTo(S);
        assertThat(new UserTimeout(2000).theory(CableFault.RECONNECT, connectAt(102 * S, arp, 6, Theory.NEVER))
                .boundNanos()).isEqualTo(2 * S);
    }

    @Test
    void withTheAddressKnownTheSynScheduleOrTheLibrarysTimeoutDecides() {
        Theory jdk = new KernelDefaults().theory(CableFault.RECONNECT_KNOWN_ADDRESS, connectAt(102 * S, NO_ARP, 6, Theory.NEVER));
        assertThat(jdk.boundNanos()).isEqualTo(131 * S);
        Theory netty = new KernelDefaults().theory(CableFault.RECONNECT_KNOWN_ADDRESS, connectAt(102 * S, NO_ARP, 6, 30 * S));
        assertThat(netty.boundNanos()).isEqualTo(30 * S);
        assertThat(netty.why()).startsWith("the library's default connect timeout");
        assertThat(new SynRetries(2).theory(CableFault.RECONNECT_KNOWN_ADDRESS, connectAt(102 * S, NO_ARP, 2, Theory.NEVER))
                .boundNanos()).isEqualTo(7 * S);
    }

    @Test
    void aClosedWindowIsNeverGivenUpExceptByTheUserTimeoutFromTheStartOfTheProbing() {
        ConnectionTimeline t = new ConnectionTimeline(100 * S, 100 * S, false, -1, 100 * S, -1, 15, NO_ARP, 101 * S,
                ConnectionTimeline.DEFAULT_CONNECT);
        assertThat(new KernelDefaults().theory(CableFault.PEER_NOT_READING, t).isNever()).isTrue();
        assertThat(new TcpKeepalive(2, 1, 3).theory(CableFault.PEER_NOT_READING, t).isNever()).isTrue();
        Theory ut = new UserTimeout(3000).theory(CableFault.PEER_NOT_READING, t);
        assertThat(ut.reference()).isEqualTo(Reference.WINDOW_PROBING);
        assertThat(ut.referenceInstant(t)).isEqualTo(101 * S);
        assertThat(ut.boundNanos()).isEqualTo(3 * S);
        assertThat(new UserTimeout(3000).theory(CableFault.PEER_NOT_READING, timeline(-1, -1, 15, NO_ARP)).isFinite())
                .as("without the persist timer seen, no prediction").isFalse();
    }

    @Test
    void withKeepaliveTheUserTimeoutDecidesAnIdleConnectionAtTheFirstKeepaliveTimerAtOrAfterIt() {
        TcpKeepalive ka = new TcpKeepalive(2, 1, 3);
        // timers at 2 s (first probe), 3, 4, 5 ... s after the last segment
        assertThat(new KeepaliveWithUserTimeout(ka, new UserTimeout(3000)).idleGiveUpNanos()).isEqualTo(3 * S);
        assertThat(new KeepaliveWithUserTimeout(ka, new UserTimeout(2500)).idleGiveUpNanos()).isEqualTo(3 * S);
        assertThat(new KeepaliveWithUserTimeout(ka, new UserTimeout(1000)).idleGiveUpNanos())
                .as("the timer at idle only sends the first probe").isEqualTo(3 * S);
        assertThat(new KeepaliveWithUserTimeout(ka, new UserTimeout(10_000)).idleGiveUpNanos())
                .as("beyond TCP_KEEPCNT").isEqualTo(10 * S);
        Theory t = new KeepaliveWithUserTimeout(ka, new UserTimeout(10_000)).theory(CableFault.PULLED_IDLE,
                timeline(-1, -1, 15, NO_ARP));
        assertThat(t.reference()).isEqualTo(Reference.LAST_PEER_SEGMENT);
        assertThat(t.boundNanos()).isEqualTo(10 * S);
        Theory sending = new KeepaliveWithUserTimeout(ka, new UserTimeout(10_000)).theory(CableFault.PULLED_SENDING,
                timeline(100 * S, -1, 15, NO_ARP));
        assertThat(sending.reference()).isEqualTo(Reference.FIRST_UNACKED_SEND);
        assertThat(sending.boundNanos()).isEqualTo(10 * S);
    }

    @Test
    void watchingMechanismsSayNothingAboutAConnectAndConnectMechanismsNothingElse() {
        assertThat(new TcpKeepalive(2, 1, 3).appliesTo(CableFault.RECONNECT)).isFalse();
        assertThat(new AppHeartbeat(500, 3).appliesTo(CableFault.RECONNECT_KNOWN_ADDRESS)).isFalse();
        assertThat(new ConnectTimeout(1000).appliesTo(CableFault.PULLED_IDLE)).isFalse();
        assertThat(new SynRetries(2).appliesTo(CableFault.PEER_NOT_READING)).isFalse();
        assertThat(new KernelDefaults().appliesTo(CableFault.RECONNECT)).isTrue();
        assertThat(new UserTimeout(2000).appliesTo(CableFault.RECONNECT)).isTrue();
    }

    @Test
    @Timeout(10)
    void aHeartbeatsLabelIsItsIdentityInTheCsvAndKeepsTheConfiguredMilliseconds() {
        // the report matches S1 groups across runs by this label: published cable.csv files say "heartbeat 1000 ms"
        AppHeartbeat heartbeat = new AppHeartbeat(1000, 3);
        assertThat(heartbeat.label()).isEqualTo("heartbeat 1000 ms");
        assertThat(new AppHeartbeat(250, 3).label()).isEqualTo("heartbeat 250 ms");
        // what a person reads is written the one way durations are
        assertThat(heartbeat.settings()).isEqualTo("ping 1.00 s, dead after 3 missed");
    }
}
