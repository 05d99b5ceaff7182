package io.closebench.s1;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.RetransmissionTimeoutModel;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.Theory;
import io.closebench.cable.UserTimeout;
import io.closebench.cable.Workload;

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
 * Fault (b): the cable pulled while the server sends, so its data stays unacknowledged: the
 * retransmission path, for real, with a short {@code tcp_retries2} set in the server's namespace,
 * and {@code TCP_USER_TIMEOUT} through Netty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
class PulledWhileSendingTest {

    private static final ShortRetries RETRIES = new ShortRetries(3);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);
    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);
    private static final AppHeartbeat HEARTBEAT = new AppHeartbeat(200, 3);

    private List<CableSample> samples;

    @BeforeAll
    void pullTheCables() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        CableFault b = CableFault.PULLED_SENDING;
        samples = CableTestSupport.run(
                new TrialSpec(b, List.of(group(RETRIES, BLOCKING), group(RETRIES, NIO))),
                new TrialSpec(b, List.of(group(USER_TIMEOUT, NETTY_EPOLL))),
                new TrialSpec(b, List.of(group(DEFAULTS, BLOCKING), group(DEFAULTS, NIO), group(KEEPALIVE, BLOCKING),
                        group(KEEPALIVE, NIO))),
                new TrialSpec(b, List.of(group(HEARTBEAT, BLOCKING), group(HEARTBEAT, NIO))));
    }

    @Test
    void aShortTcpRetries2EndsItAfterTheKernelsModelledTimeout() {
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(3)).isEqualTo(seconds(3.0));
        assertThat(of(samples, RETRIES)).hasSize(2 * CableTestSupport.N).allSatisfy(s -> {
            assertThat(s.retries2()).isEqualTo(3);
            assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
            assertThat(s.theory().reference()).isEqualTo(Theory.Reference.FIRST_UNACKED_SEND);
            assertThat(s.ratio()).isBetween(0.8, 2.0);
        });
    }

    @Test
    void tcpUserTimeoutEndsUnacknowledgedDataAfterItsTimeout() {
        assertThat(of(samples, USER_TIMEOUT)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
            assertThat(s.exceptionClass()).isEqualTo("NativeIoException");
            assertThat(s.sinceReferenceNanos()).isBetween(seconds(0.8 * 2), seconds(2 * 2));
        });
    }

    @Test
    void withDefaultsAndWithKeepaliveNothingIsDetectedWhileDataIsUnacknowledged() {
        assertThat(of(samples, s -> s.mechanism().equals(DEFAULTS) || s.mechanism().equals(KEEPALIVE))).allSatisfy(s -> {
            assertThat(s.retries2()).as("the namespace keeps the kernel default").isEqualTo(15);
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
            assertThat(s.theory().boundNanos()).isEqualTo(RetransmissionTimeoutModel.giveUpAfterNanos(15));
            assertThat(s.bytesWritten()).as("the stream kept being accepted").isGreaterThan(Workload.CHUNK_BYTES);
        });
    }

    @Test
    void theHeartbeatStillNoticesFirst() {
        assertThat(of(samples, HEARTBEAT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
            assertThat(s.ratio()).isBetween(0.99, 1.5);
        });
    }
}
