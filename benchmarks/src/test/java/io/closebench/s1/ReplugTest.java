package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
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
 * Fault (d): the cable out for 1 s with the client alive while the server sends. The connection
 * recovers: pongs flow again, within one ARP retry interval of the plug; only a heartbeat whose
 * deadline is shorter than the outage declares the peer dead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class ReplugTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final AppHeartbeat PATIENT = new AppHeartbeat(1000, 3);
    private static final AppHeartbeat HASTY = new AppHeartbeat(200, 3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);

    private List<CableSample> samples;

    @BeforeAll
    void pullAndPlug() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(
                new TrialSpec(CableFault.REPLUGGED, List.of(group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO))),
                new TrialSpec(CableFault.REPLUGGED, List.of(group(PATIENT, BLOCKING), group(PATIENT, NIO),
                        group(HASTY, BLOCKING), group(HASTY, NIO))),
                new TrialSpec(CableFault.REPLUGGED, List.of(group(USER_TIMEOUT, NETTY_EPOLL))));
    }

    @Test
    void theConnectionRecoversWithinOneArpRetryOfThePlug() {
        assertThat(of(samples, s -> !s.mechanism().equals(HASTY))).hasSize(5 * CableTestSupport.N).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.NONE);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.RECOVERY);
            assertThat(s.sincePlugNanos()).as("data flows again after the plug").isBetween(0L, seconds(1.3));
            assertThat(s.sincePlugNanos()).as("not before the predicted ARP answer").isGreaterThanOrEqualTo(s.theory().boundNanos() - seconds(0.01));
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void aHeartbeatShorterThanTheOutageDeclaresALivePeerDead() {
        assertThat(of(samples, HASTY)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
            assertThat(s.ratio()).isBetween(0.99, 1.5);
        });
    }
}
