package io.closebench.s1;

import static io.closebench.s1.CableTestSupport.group;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.s1.CableTestSupport.seconds;
import static io.closebench.schema.Observer.BLOCKING;
import static io.closebench.schema.Observer.NETTY_EPOLL;
import static io.closebench.schema.Observer.NIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;
import io.closebench.matrix.ConformanceMatrix;
import io.closebench.remote.AgentInNamespace;
import io.closebench.remote.RemoteHome;
import io.closebench.rig.RunControl;
import io.closebench.schema.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * S1 across hosts: the server here, in this host's own namespace; the client host a peer agent in a
 * namespace of its own, where the cable is pulled for the trial's connections alone by an nftables
 * rule, the control connection untouched. Each mechanism is held to the same rule as with the
 * namespace topology's pulled veth; what differs is said and asserted: the server's link stays up
 * and keeps the client's address, so a dead host is ETIMEDOUT, never EHOSTUNREACH. No rule and no
 * process is left on the peer's host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class PulledCableAcrossHostsTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(200, 3);
    /** Outlasts the cable's 1 s downtime: the first ping after the plug meets the rebooted host. */
    private static final AppHeartbeat SLOW_HEARTBEAT = new AppHeartbeat(1000, 3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);

    private AgentInNamespace agent;
    private RemoteHome home;
    private List<CableSample> samples;

    @BeforeAll
    void pullTheCables() throws Exception {
        agent = AgentInNamespace.start();
        assumeTrue(agent.startLine().contains("cable=yes"), () -> "the agent cannot pull its cable here: " + agent.startLine());
        home = agent.connect();
        TrialSpec[] trials = {
            new TrialSpec(CableFault.PULLED_IDLE, List.of(group(DEFAULTS, NIO), group(KEEPALIVE, BLOCKING),
                    group(KEEPALIVE, NIO), group(KEEPALIVE, NETTY_EPOLL), group(HEARTBEAT, NIO))),
            new TrialSpec(CableFault.PULLED_SENDING, List.of(group(USER_TIMEOUT, NETTY_EPOLL), group(HEARTBEAT, BLOCKING))),
            new TrialSpec(CableFault.HOST_REBOOTED, List.of(group(KEEPALIVE, NIO), group(SLOW_HEARTBEAT, NETTY_EPOLL)))};
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        samples = ConformanceMatrix.pulledCable(home, List.of(trials), CableTestSupport.SETTINGS, trials.length,
                RunControl.unstoppable(), s -> { }, new PrintStream(progress, true, StandardCharsets.UTF_8));
        System.out.print(progress.toString(StandardCharsets.UTF_8));
        CableTable.print(samples, CableTestSupport.SETTINGS, System.out);
    }

    @AfterAll
    void stop() throws Exception {
        if (home != null) {
            home.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void everyConnectionHasAnOutcomeAndNoTrialFailed() {
        assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.failure()).as(s.toString()).isEmpty());
    }

    @Test
    void withDefaultsAnIdleServerDetectsNothingAcrossHostsEither() {
        assertThat(of(samples, DEFAULTS)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void keepaliveEndsAPulledIdleConnectionByItsRuleWithATimeoutNotANoRoute() {
        assertThat(of(samples, s -> s.mechanism().equals(KEEPALIVE) && s.fault() == CableFault.PULLED_IDLE))
                .hasSize(3 * CableTestSupport.N).allSatisfy(s -> {
                    assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
                    assertThat(s.sinceLastPeerSegmentNanos()).isBetween(seconds(0.8 * 3), seconds(2 * 3));
                    assertThat(s.ratio()).isBetween(0.8, 2.0);
                });
    }

    @Test
    void theHeartbeatNoticesWithinItsMissesAcrossHosts() {
        assertThat(of(samples, HEARTBEAT))
                .allSatisfy(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
                    assertThat(s.ratio()).isBetween(0.8, 1.5);
                });
    }

    @Test
    void tcpUserTimeoutBoundsUnacknowledgedDataByItsRule() {
        assertThat(of(samples, USER_TIMEOUT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
            assertThat(s.ratio()).isBetween(0.9, 1.5);
        });
    }

    @Test
    void aRebootedHostAnswersTheFirstSegmentAfterThePlugWithRst() {
        assertThat(of(samples, s -> s.fault() == CableFault.HOST_REBOOTED)).allSatisfy(s ->
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.RESET));
    }

    @Test
    void eachTrialsT0IsReadOnThePeersHostAndConvertedWithItsBound() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.rttNanos()).isPositive();
            assertThat(s.t0BoundNanos()).isGreaterThanOrEqualTo(s.rttNanos() / 2).isLessThan(s.rttNanos() / 2 + 1_000_000);
        });
    }

    @Test
    void theTrialsLeftNoRuleAndNoProcessOnThePeersHost() throws InterruptedException {
        assertThat(agent.tablesInside()).isEmpty();
        assertThat(agent.othersInside(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void theTrialsThatWouldChangeThisHostsOwnSettingsOrNeedACarrierLossAreRefusedByName() {
        assertThat(home.cannotPull(CableFault.PULLED_SENDING, Map.of("net.ipv4.tcp_retries2", "3")))
                .hasValueSatisfying(why -> assertThat(why).contains("net.ipv4.tcp_retries2").contains("does not change"));
        assertThat(home.cannotPull(CableFault.RECONNECT, Map.of())).hasValueSatisfying(why -> assertThat(why).contains("g'"));
        assertThat(home.cannotPull(CableFault.RECONNECT_KNOWN_ADDRESS, Map.of())).isEmpty();
    }
}
