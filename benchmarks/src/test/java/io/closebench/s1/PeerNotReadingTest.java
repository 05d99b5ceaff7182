package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KeepaliveWithUserTimeout;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.Mechanism;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;

import io.closebench.schema.DetectedBy;

import static io.closebench.s1.CableTestSupport.N;
import static io.closebench.s1.CableTestSupport.groups;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.s1.CableTestSupport.onEveryModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.Theory.Reference;
import io.closebench.schema.Outcome;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault (f): the client stops reading and lives on, the server keeps streaming, the window
 * closes. One trial, every mechanism on every model that runs here; the assertions are the
 * outcomes Linux gives and the order of events, with margins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
@Timeout(180)
class PeerNotReadingTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final ReadDeadline DEADLINE = new ReadDeadline(1000);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(200, 3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);
    private static final KeepaliveWithUserTimeout BOTH = new KeepaliveWithUserTimeout(KEEPALIVE, USER_TIMEOUT);

    private List<CableSample> samples;

    @BeforeAll
    void stopReading() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(new TrialSpec(CableFault.PEER_NOT_READING, groups(onEveryModel(DEFAULTS, N),
                onEveryModel(KEEPALIVE, N), onEveryModel(DEADLINE, N), onEveryModel(HEARTBEAT, N),
                onEveryModel(USER_TIMEOUT, N), onEveryModel(BOTH, N))));
    }

    @Test
    void withDefaultsTheAnsweredWindowProbesKeepTheConnectionOpenForGood() {
        assertThat(of(samples, DEFAULTS)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.theory().isNever()).isTrue();
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void keepaliveNeverProbesWhileDataIsQueuedBehindTheClosedWindow() {
        assertThat(of(samples, KEEPALIVE)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void tcpUserTimeoutAbortsAClosedWindowThoughEveryProbeIsAnswered() {
        for (Mechanism m : List.of(USER_TIMEOUT, BOTH)) {
            assertThat(of(samples, m)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
                assertThat(s.exceptionMessage()).contains("Connection timed out");
                assertThat(s.theory().reference()).isEqualTo(Reference.WINDOW_PROBING);
                assertThat(s.theory().boundNanos()).isEqualTo(USER_TIMEOUT.nanos());
                // counted from the first zero-window probe: not before the user timeout, and well before twice it
                assertThat(s.ratio()).isBetween(0.99, 1.5);
                assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
            });
        }
    }

    @Test
    void theReadDeadlineAndTheHeartbeatFireOnTheirOwnTimersWhileTcpStillHasIt() {
        assertThat(of(samples, DEADLINE)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.READ_DEADLINE);
            assertThat(s.ratio()).isBetween(0.99, 1.5);
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
        assertThat(of(samples, HEARTBEAT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
            assertThat(s.ratio()).isBetween(0.99, 1.5);
            assertThat(s.tcpStateAtEnd()).isEqualTo("ESTAB");
        });
    }

    @Test
    void theCableStaysIn() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.linkDownAfterNanos()).isEqualTo(-1);
            assertThat(s.failure()).isEmpty();
        });
    }
}
