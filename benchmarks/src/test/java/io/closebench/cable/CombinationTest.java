package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.cable.Theory.Reference;
import io.closebench.schema.Observer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A combination's rule is the first of its parts', with the interactions that change a part's own. */
@Timeout(10)
class CombinationTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 100 * S;
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(5, 1, 3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(4000);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(1000, 3);

    /** The fault at t0, the last segment and read at t0, a first unacknowledged send at {@code firstSend}. */
    private static ConnectionTimeline timeline(long firstSend, long plugAt) {
        return new ConnectionTimeline(T0, T0, true, firstSend, T0, plugAt, 15,
                new NeighbourResolution(-1, S, 3), -1, ConnectionTimeline.DEFAULT_CONNECT);
    }

    @Test
    void aHeartbeatBesideKeepaliveEndsAnIdlePulledCableFirst() {
        Combination c = Combination.nothing("test").withKeepalive(KEEPALIVE).withHeartbeat(HEARTBEAT);
        Theory th = c.theory(CableFault.PULLED_IDLE, timeline(-1, -1));
        assertThat(th.reference()).isEqualTo(Reference.LAST_READ);
        assertThat(th.boundNanos()).isEqualTo(3 * S);
        assertThat(th.why()).startsWith("the heartbeat first").contains("then the kernel");
    }

    @Test
    void keepaliveAndTheUserTimeoutTogetherFollowTheirJointRuleOnAnIdleConnection() {
        Combination c = Combination.nothing("test").withKeepalive(KEEPALIVE).withUserTimeout(new UserTimeout(3000));
        Theory th = c.theory(CableFault.PULLED_IDLE, timeline(-1, -1));
        KeepaliveWithUserTimeout both = new KeepaliveWithUserTimeout(KEEPALIVE, new UserTimeout(3000));
        assertThat(th.boundNanos()).isEqualTo(both.idleGiveUpNanos());
        assertThat(c.kernel()).isEqualTo(both);
    }

    @Test
    void withAHeartbeatTheUserTimeoutTimesTheFirstLostPingOfAnIdleConnection() {
        Combination c = Combination.nothing("test").withUserTimeout(new UserTimeout(2000)).withHeartbeat(new AppHeartbeat(1000, 5));
        Theory th = c.theory(CableFault.PULLED_IDLE, timeline(T0 + S, -1));
        assertThat(th.reference()).isEqualTo(Reference.FIRST_UNACKED_SEND);
        assertThat(th.boundNanos()).isEqualTo(2 * S);
        assertThat(th.why()).contains("pings are data in flight");
    }

    @Test
    void keepaliveStillDecidesWhenItsAbortComesBeforeTheFirstLostPing() {
        Combination c = Combination.nothing("test").withKeepalive(new TcpKeepalive(1, 1, 1)).withHeartbeat(new AppHeartbeat(10_000, 3));
        Theory th = c.theory(CableFault.PULLED_IDLE, timeline(T0 + 10 * S, -1));
        assertThat(th.reference()).isEqualTo(Reference.LAST_PEER_SEGMENT);
        assertThat(th.boundNanos()).isEqualTo(2 * S);
    }

    @Test
    void nothingSetOnAnIdleConnectionIsNever() {
        Theory th = Combination.nothing("test").theory(CableFault.PULLED_IDLE, timeline(-1, -1));
        assertThat(th.isNever()).isTrue();
        assertThat(Combination.nothing("test").nominalNanos(CableFault.PULLED_IDLE, 15)).isEqualTo(Theory.NEVER);
    }

    @Test
    void aFrozenPeerIsSeenByTheHeartbeatAloneWhateverTheKernelIsTold() {
        Combination c = Combination.nothing("test").withKeepalive(KEEPALIVE).withUserTimeout(USER_TIMEOUT).withHeartbeat(HEARTBEAT);
        Theory th = c.theory(CableFault.PEER_FROZEN, timeline(-1, -1));
        assertThat(th.boundNanos()).isEqualTo(3 * S);
        assertThat(th.why()).contains("the kernel").contains("never");
        assertThat(Combination.nothing("test").withKeepalive(KEEPALIVE).withUserTimeout(USER_TIMEOUT)
                .theory(CableFault.PEER_FROZEN, timeline(-1, -1)).isNever()).isTrue();
    }

    @Test
    void aReconnectEndsAtTheFirstOfTheConnectTimeoutTheUserTimeoutAndTheAddressResolution() {
        ConnectionTimeline t = timeline(T0 + 2 * S, -1);
        Combination c = Combination.nothing("test").withConnectTimeout(new ConnectTimeout(1500)).withUserTimeout(USER_TIMEOUT);
        Theory th = c.theory(CableFault.RECONNECT, t);
        assertThat(th.reference()).isEqualTo(Reference.CONNECT);
        assertThat(th.boundNanos()).isEqualTo(1_500_000_000L);
        Theory arp = Combination.nothing("test").theory(CableFault.RECONNECT, t);
        assertThat(arp.boundNanos()).isEqualTo(3 * S);
        assertThat(arp.why()).contains("EHOSTUNREACH");
    }

    @Test
    void theUserTimeoutNarrowsTheObserversToNettysNativeTransports() {
        Combination c = Combination.nothing("test").withKeepalive(KEEPALIVE).withUserTimeout(USER_TIMEOUT);
        assertThat(c.observers()).containsExactlyInAnyOrder(Observer.NETTY_EPOLL, Observer.NETTY_IOURING);
        assertThat(Combination.nothing("test").withKeepalive(KEEPALIVE).observers()).contains(Observer.BLOCKING, Observer.NIO);
    }

    @Test
    void itSetsKeepaliveAndTheUserTimeoutOnTheSocketAndTheRetriesInTheNamespace() {
        Combination c = Combination.nothing("test").withKeepalive(KEEPALIVE).withUserTimeout(USER_TIMEOUT)
                .withRetries2(new ShortRetries(5)).withSynRetries(new SynRetries(2));
        assertThat(c.socketSettings().keepaliveIdleSeconds()).contains(5);
        assertThat(c.socketSettings().keepaliveCount()).isEqualTo(3);
        assertThat(c.socketSettings().userTimeoutMillis()).contains(4000);
        assertThat(c.serverSysctls()).isEqualTo(Map.of("net.ipv4.tcp_retries2", "5", "net.ipv4.tcp_syn_retries", "2"));
    }

    @Test
    void itTravelsAsOneTokenAndComesBackEqual() {
        Combination c = Combination.nothing("client-go").withKeepalive(KEEPALIVE).withUserTimeout(USER_TIMEOUT)
                .withRetries2(new ShortRetries(5)).withSynRetries(new SynRetries(2)).withReadDeadline(new ReadDeadline(30_000))
                .withHeartbeat(HEARTBEAT).withConnectTimeout(new ConnectTimeout(1000));
        String token = c.encode();
        assertThat(token).doesNotContain(" ", ",");
        assertThat(Mechanism.decode(token)).isEqualTo(c);
    }

    @Test
    void theShortestPartDecidesWhichMechanismStandsInForIt() {
        Combination linux = Combination.nothing("linux").withKeepalive(new TcpKeepalive(7200, 75, 9));
        assertThat(linux.decidingPart(CableFault.PULLED_IDLE, 15)).isEqualTo(new TcpKeepalive(7200, 75, 9));
        Combination kafka = Combination.nothing("kafka").withReadDeadline(new ReadDeadline(30_000));
        assertThat(kafka.decidingPart(CableFault.PULLED_SENDING, 15)).isEqualTo(new ReadDeadline(30_000));
    }

    @Test
    void aNameThatIsNotASlugIsRefused() {
        assertThatThrownBy(() -> Combination.nothing("my settings")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slug");
    }
}
