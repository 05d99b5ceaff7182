package io.closebench.cable;

import static io.closebench.cable.CableTestSupport.N;
import static io.closebench.cable.CableTestSupport.groups;
import static io.closebench.cable.CableTestSupport.of;
import static io.closebench.cable.CableTestSupport.onEveryModel;
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
 * Faults (g) and (g'): after the pull the server connects to the dead client again, on every
 * model that runs here. On the same link the address cannot be resolved and the connect fails
 * with EHOSTUNREACH; with the address pinned the SYNs go unanswered and the SYN retransmissions,
 * the connect timeout or {@code TCP_USER_TIMEOUT} decide. Assertions: the outcomes Linux gives, and
 * which limit came first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
@Timeout(180)
class ReconnectTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final ConnectTimeout CONNECT_TIMEOUT = new ConnectTimeout(1000);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);
    private static final SynRetries SYN_RETRIES = new SynRetries(1);

    private List<CableSample> samples;

    @BeforeAll
    void reconnect() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        samples = CableTestSupport.run(
                new TrialSpec(CableFault.RECONNECT, onEveryModel(DEFAULTS, N)),
                new TrialSpec(CableFault.RECONNECT, groups(onEveryModel(CONNECT_TIMEOUT, N), onEveryModel(USER_TIMEOUT, N))),
                new TrialSpec(CableFault.RECONNECT_KNOWN_ADDRESS, onEveryModel(SYN_RETRIES, N)),
                new TrialSpec(CableFault.RECONNECT_KNOWN_ADDRESS, groups(onEveryModel(CONNECT_TIMEOUT, N),
                        onEveryModel(USER_TIMEOUT, N))));
    }

    private List<CableSample> of(CableFault fault, Mechanism m) {
        return CableTestSupport.of(samples, s -> s.fault() == fault && s.mechanism().equals(m));
    }

    @Test
    void onTheSameLinkTheConnectFailsWhenArpGivesUpNotAfterTheSynRetries() {
        assertThat(of(CableFault.RECONNECT, DEFAULTS)).hasSize(N * CableTestSupport.models().size()).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.NO_ROUTE_TO_HOST);
            assertThat(s.detectedBy()).isEqualTo("CONNECT");
            assertThat(s.theory().reference()).isEqualTo(Reference.CONNECT);
            assertThat(s.theory().why()).startsWith("ARP for the dead host fails");
            assertThat(s.ratio()).isBetween(0.99, 1.3);
            assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
        });
    }

    @Test
    void aConnectTimeoutEndsTheAttemptOnItsOwnTimerBeforeTheKernelDecides() {
        for (CableFault fault : List.of(CableFault.RECONNECT, CableFault.RECONNECT_KNOWN_ADDRESS)) {
            assertThat(of(fault, CONNECT_TIMEOUT)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.TIMEOUT);
                assertThat(s.detectedBy()).isEqualTo("CONNECT_TIMEOUT");
                assertThat(s.ratio()).isBetween(0.99, 1.3);
            });
        }
    }

    @Test
    void tcpUserTimeoutBoundsAConnectStillInSynSent() {
        for (CableFault fault : List.of(CableFault.RECONNECT, CableFault.RECONNECT_KNOWN_ADDRESS)) {
            assertThat(of(fault, USER_TIMEOUT)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
                assertThat(s.detectedBy()).isEqualTo("CONNECT");
                assertThat(s.theory().boundNanos()).isEqualTo(USER_TIMEOUT.nanos());
                assertThat(s.ratio()).isBetween(0.99, 1.3);
                assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
            });
        }
    }

    @Test
    void withTheAddressKnownTheSynRetransmissionsGiveUpAsTheKernelModelsThem() {
        assertThat(of(CableFault.RECONNECT_KNOWN_ADDRESS, SYN_RETRIES)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
            // tcp_syn_retries=1: 2^2 - 1 = 3 s of SYNs, whatever the linear timeouts allow
            assertThat(s.theory().boundNanos()).isEqualTo(3_000_000_000L);
            assertThat(s.ratio()).isBetween(0.99, 1.3);
        });
    }

    @Test
    void everyReconnectStartsAfterTheFaultAndLeavesNothingConnected() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.failure()).isEmpty();
            assertThat(s.outcome()).isNotEqualTo(Outcome.NONE);
            assertThat(s.detectionNanos() - s.sinceReferenceNanos()).as("the connect call, after t0")
                    .isGreaterThanOrEqualTo(Workload.RECONNECT_AFTER.toNanos());
        });
    }
}
