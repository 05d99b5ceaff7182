package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;

import io.closebench.schema.DetectedBy;

import io.closebench.schema.Observer;
import static io.closebench.schema.Observer.BLOCKING;
import static io.closebench.schema.Observer.NETTY_EPOLL;
import static io.closebench.schema.Observer.NIO;
import static io.closebench.s1.CableTestSupport.group;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.s1.CableTestSupport.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.Outcome;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault (e): the client process frozen with SIGSTOP. Its kernel keeps acknowledging, so every TCP
 * mechanism is satisfied; only the application heartbeat notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class FrozenPeerTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final ReadDeadline DEADLINE = new ReadDeadline(1000);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(200, 3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);

    private List<CableSample> samples;

    @BeforeAll
    void freezeTheClient() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(new TrialSpec(CableFault.PEER_FROZEN, List.of(
                group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO), group(KEEPALIVE, BLOCKING), group(KEEPALIVE, NIO),
                group(DEADLINE, BLOCKING), group(DEADLINE, NIO), group(HEARTBEAT, BLOCKING), group(HEARTBEAT, NIO),
                group(USER_TIMEOUT, NETTY_EPOLL))));
    }

    @Test
    void onlyTheHeartbeatCatchesAFrozenPeer() {
        assertThat(of(samples, HEARTBEAT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
            assertThat(s.sinceLastReadNanos()).isBetween(seconds(0.6), seconds(0.9));
            assertThat(s.tcpStateAtEnd()).as("TCP sees nothing wrong").isEqualTo("ESTAB");
        });
        assertThat(of(samples, s -> !s.mechanism().equals(HEARTBEAT))).allSatisfy(s ->
                assertThat(s.outcome()).as(s.mechanism().label() + " must not detect anything")
                        .isNotIn(Outcome.HEARTBEAT_MISSED, Outcome.CONNECTION_TIMED_OUT, Outcome.NO_ROUTE_TO_HOST,
                                Outcome.RESET, Outcome.EOF, Outcome.HARNESS_FAILURE));
    }

    @Test
    void keepaliveProbesAreAnsweredByTheFrozenPeersKernel() {
        assertThat(of(samples, s -> s.mechanism().equals(KEEPALIVE) || s.mechanism().equals(DEFAULTS)
                || s.mechanism().equals(USER_TIMEOUT))).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.detectionNanos()).as("waited well past keepalive's 3 s").isGreaterThanOrEqualTo(seconds(4));
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void theReadDeadlineFiresButTheConnectionIsFine() {
        assertThat(of(samples, DEADLINE)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.READ_DEADLINE);
            assertThat(s.nextWrite()).isEqualTo("ok 1 B");
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }
}
