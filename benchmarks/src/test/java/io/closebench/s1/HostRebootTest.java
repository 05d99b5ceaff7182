package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.Mechanism;
import io.closebench.cable.TcpKeepalive;

import io.closebench.schema.DetectedBy;

import io.closebench.schema.Observer;
import static io.closebench.schema.Observer.BLOCKING;
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
 * Fault (c), the host rebooted: cable pulled, client killed, its TCP state wiped, cable back after
 * 1 s: the server's next segment meets RST. And (c'), the contrast: the client killed but its
 * kernel alive, which closes the dead process's connections with a FIN once the cable is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class HostRebootTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(500, 4);
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);

    private List<CableSample> samples;

    @BeforeAll
    void rebootTheClient() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(
                new TrialSpec(CableFault.HOST_REBOOTED, List.of(group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO),
                        group(HEARTBEAT, BLOCKING), group(HEARTBEAT, NIO))),
                new TrialSpec(CableFault.HOST_REBOOTED, List.of(group(KEEPALIVE, BLOCKING), group(KEEPALIVE, NIO))),
                new TrialSpec(CableFault.KILLED_REPLUGGED, List.of(group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO))));
    }

    private List<CableSample> rebooted(Mechanism m) {
        return of(samples, s -> s.fault() == CableFault.HOST_REBOOTED && s.mechanism().equals(m));
    }

    @Test
    void theFirstPingThatReachesTheRebootedHostMeetsRst() {
        assertThat(rebooted(HEARTBEAT)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.RESET);
            assertThat(s.exceptionMessage()).contains("Connection reset");
            assertThat(s.sincePlugNanos()).as("after the plug, within one ARP retry and a ping").isBetween(0L, seconds(1.5));
            assertThat(s.ratio()).isBetween(0.8, 2.0);
        });
    }

    @Test
    void aKeepaliveProbeThatReachesTheRebootedHostMeetsRst() {
        assertThat(rebooted(KEEPALIVE)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.RESET);
            assertThat(s.sincePlugNanos()).isGreaterThanOrEqualTo(0L);
            assertThat(s.sinceLastPeerSegmentNanos()).as("before keepalive would have given up (3 s)").isLessThan(seconds(3));
        });
    }

    @Test
    void anIdleServerWithDefaultsNeverFindsOutTheHostRebooted() {
        assertThat(rebooted(DEFAULTS)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.theory().isNever()).isTrue();
        });
    }

    @Test
    void aKilledProcessIsNotARebootedHostItsKernelSendsTheFin() {
        assertThat(of(samples, s -> s.fault() == CableFault.KILLED_REPLUGGED)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.EOF);
            assertThat(s.sincePlugNanos()).isBetween(0L, seconds(3));
        });
    }
}
