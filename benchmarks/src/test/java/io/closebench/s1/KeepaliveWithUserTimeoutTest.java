package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.KeepaliveWithUserTimeout;
import io.closebench.cable.Mechanism;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.Theory;
import io.closebench.cable.UserTimeout;

import static io.closebench.s1.CableTestSupport.KERNEL_GAVE_UP;
import static io.closebench.s1.CableTestSupport.N;
import static io.closebench.s1.CableTestSupport.groups;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.s1.CableTestSupport.onEveryModel;
import static io.closebench.s1.CableTestSupport.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keepalive and {@code TCP_USER_TIMEOUT} together, with settings that disagree, on the idle pulled
 * cable (a) and while sending (b), on every model that can set both: which rule decides.
 * Keepalive alone gives up after 1 s + 1 s x 2 = 3 s; with a user timeout of 2 s it gives up
 * sooner, with one of 5 s later, beyond its own probe count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
@Timeout(180)
class KeepaliveWithUserTimeoutTest {

    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final KeepaliveWithUserTimeout SHORTER = new KeepaliveWithUserTimeout(KEEPALIVE, new UserTimeout(2000));
    private static final KeepaliveWithUserTimeout LONGER = new KeepaliveWithUserTimeout(KEEPALIVE, new UserTimeout(5000));

    private List<CableSample> samples;

    @BeforeAll
    void pullTheCables() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(
                new TrialSpec(CableFault.PULLED_IDLE, groups(onEveryModel(KEEPALIVE, N), onEveryModel(SHORTER, N),
                        onEveryModel(LONGER, N))),
                new TrialSpec(CableFault.PULLED_SENDING, groups(onEveryModel(SHORTER, N), onEveryModel(LONGER, N))));
    }

    private List<CableSample> of(CableFault fault, Mechanism m) {
        return CableTestSupport.of(samples, s -> s.fault() == fault && s.mechanism().equals(m));
    }

    @Test
    void onAnIdleConnectionTheUserTimeoutOverridesTheProbeCountBothWays() {
        long keepaliveAlone = KEEPALIVE.giveUpNanos();
        assertThat(of(CableFault.PULLED_IDLE, SHORTER)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
            assertThat(s.theory().boundNanos()).isEqualTo(seconds(2));
            assertThat(s.sinceLastPeerSegmentNanos()).as("sooner than keepalive's own rule")
                    .isBetween(seconds(2 * 0.99), keepaliveAlone - seconds(0.5));
            assertThat(s.ratio()).isBetween(0.99, 1.3);
        });
        assertThat(of(CableFault.PULLED_IDLE, LONGER)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
            assertThat(s.theory().boundNanos()).isEqualTo(seconds(5));
            assertThat(s.sinceLastPeerSegmentNanos()).as("later than keepalive's probe count allows")
                    .isGreaterThan(keepaliveAlone + seconds(1));
            assertThat(s.ratio()).isBetween(0.99, 1.3);
        });
        assertThat(of(CableFault.PULLED_IDLE, KEEPALIVE)).allSatisfy(s ->
                assertThat(s.sinceLastPeerSegmentNanos()).isBetween(seconds(3 * 0.99), seconds(3 * 1.3)));
    }

    @Test
    void withDataInFlightKeepaliveWaitsAndTheUserTimeoutBoundsTheRetransmissions() {
        for (KeepaliveWithUserTimeout m : List.of(SHORTER, LONGER)) {
            assertThat(of(CableFault.PULLED_SENDING, m)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
                assertThat(s.theory().reference()).isEqualTo(Theory.Reference.FIRST_UNACKED_SEND);
                assertThat(s.theory().boundNanos()).isEqualTo(m.userTimeout().nanos());
                assertThat(s.ratio()).isBetween(0.99, 1.3);
                assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
            });
        }
    }
}
