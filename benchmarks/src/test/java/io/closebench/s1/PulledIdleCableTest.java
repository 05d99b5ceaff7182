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
import static io.closebench.s1.CableTestSupport.KERNEL_GAVE_UP;
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
 * Fault (a), the note's S1: the cable pulled and the client killed while the connection is idle.
 * Three pulls at once, each on its own pair of hosts; every assertion is an invariant of the
 * mechanism's rule with a margin, not a timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class PulledIdleCableTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final ReadDeadline DEADLINE = new ReadDeadline(1000);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(200, 3);

    private List<CableSample> samples;

    @BeforeAll
    void pullTheCables() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        CableFault a = CableFault.PULLED_IDLE;
        samples = CableTestSupport.run(
                new TrialSpec(a, List.of(group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO), group(DEADLINE, BLOCKING),
                        group(DEADLINE, NIO), group(USER_TIMEOUT, NETTY_EPOLL))),
                new TrialSpec(a, List.of(group(KEEPALIVE, BLOCKING), group(KEEPALIVE, NIO), group(KEEPALIVE, NETTY_EPOLL))),
                new TrialSpec(a, List.of(group(HEARTBEAT, BLOCKING), group(HEARTBEAT, NIO))));
    }

    @Test
    void withDefaultsNothingIsDetectedAndTheConnectionStaysEstablished() {
        assertThat(of(samples, DEFAULTS)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.detectionNanos()).isGreaterThanOrEqualTo(s.boundNanos());
            assertThat(s.theory().isNever()).isTrue();
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void keepaliveEndsItBetween08And2TimesIdlePlusIntervalTimesCountAfterTheLastSegment() {
        assertThat(of(samples, KEEPALIVE)).hasSize(3 * CableTestSupport.N).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
            assertThat(s.exceptionMessage()).containsAnyOf("Connection timed out", "No route to host");
            assertThat(s.sinceLastPeerSegmentNanos()).isBetween(seconds(0.8 * 3), seconds(2 * 3));
            assertThat(s.ratio()).isBetween(0.8, 2.0);
            assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
        });
    }

    @Test
    void theReadDeadlineIsALocalTimerThatLeavesTheConnectionEstablished() {
        assertThat(of(samples, DEADLINE)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.READ_DEADLINE);
            assertThat(s.sinceLastReadNanos()).isBetween(seconds(0.99), seconds(1.5));
            assertThat(s.nextWrite()).as("a write after the deadline is accepted").isEqualTo("ok 1 B");
            assertThat(s.tcpStateAtEnd()).as("the kernel still has the connection").isEqualTo("ESTAB");
        });
    }

    @Test
    void theHeartbeatDeclaresThePeerDeadAfterItsMissedPongsWhileTcpStillHasIt() {
        assertThat(of(samples, HEARTBEAT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
            assertThat(s.sinceLastReadNanos()).isBetween(seconds(0.6), seconds(0.6 * 1.5));
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void tcpUserTimeoutHasNothingToTimeOnAnIdleConnection() {
        assertThat(of(samples, USER_TIMEOUT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void theLinkGoesDownWithinMillisecondsOfT0() {
        assertThat(samples).allSatisfy(s -> assertThat(s.linkDownAfterNanos()).isBetween(0L, seconds(0.2)));
    }
}
