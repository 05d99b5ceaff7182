package io.closebench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.wire.Endpoint;
import io.closebench.wire.FourTuple;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RetransmitTimersTest {

    private static final long SK_A = 0xffff888104b930c0L;
    private static final long SK_B = 0xffff88814d228940L;
    /** As measured on this project's kernel (6.18): 4080 of 4226 attempts were followed by timer = skaddr + 0x450. */
    private static final long OFFSET = 0x450;

    private static RetransmitAttempt attempt(long nanos, long sk) {
        return new RetransmitAttempt(nanos, null, TcpState.ESTABLISHED, 0, 0xffff888108a19200L, sk);
    }

    private static TimerStart start(long nanos, long timer, long now) {
        return new TimerStart(nanos, timer, now + 416, ((now + 416 >> 3) + 1) << 3, now, (64 << 22) | 1);
    }

    @Test
    void theTimersOffsetInTheSocketIsWhatMostAttemptsAreFollowedBy() {
        List<RetransmitAttempt> attempts = new ArrayList<>();
        List<TimerStart> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = 1_000_000_000L * (i + 1);
            attempts.add(attempt(t, i % 2 == 0 ? SK_A : SK_B));
            starts.add(start(t + 20_000, (i % 2 == 0 ? SK_A : SK_B) + OFFSET, 1000 + i));
        }
        // another socket's timer right after one attempt: outvoted
        attempts.add(attempt(9_000_000_000L, SK_A));
        starts.add(start(9_000_010_000L, SK_A + 0x800, 2000));

        assertThat(RetransmitTimers.learnOffset(attempts, starts)).hasValue(OFFSET);
    }

    @Test
    void tooFewAttemptsOrNoMajorityTeachNoOffset() {
        List<RetransmitAttempt> two = List.of(attempt(1_000, SK_A), attempt(2_000_000, SK_B));
        List<TimerStart> after = List.of(start(2_000, SK_A + OFFSET, 1), start(2_001_000, SK_B + OFFSET, 2));
        assertThat(RetransmitTimers.learnOffset(two, after)).isEmpty();

        List<RetransmitAttempt> four = List.of(attempt(1_000, SK_A), attempt(2_000_000, SK_A), attempt(4_000_000, SK_A),
                attempt(6_000_000, SK_A));
        List<TimerStart> scattered = List.of(start(2_000, SK_A + 0x100, 1), start(2_001_000, SK_A + 0x200, 2),
                start(4_001_000, SK_A + 0x300, 3), start(6_001_000, SK_A + 0x400, 4));
        assertThat(RetransmitTimers.learnOffset(four, scattered)).isEmpty();
    }

    @Test
    void aConnectionsTimerEventsAreThoseOfItsSocketUpToItsClose() throws Exception {
        Endpoint server = new Endpoint(InetAddress.getByName("198.18.0.1"), 5000);
        Endpoint client = new Endpoint(InetAddress.getByName("198.18.0.2"), 45510);
        FourTuple connection = new FourTuple(server, client);
        SocketEnds ends = new SocketEnds(server, client);
        List<KernelEvent> socketEvents = new ArrayList<>();
        List<KernelEvent> timerEvents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = 1_000_000_000L * (i + 1);
            socketEvents.add(new RetransmitAttempt(t, ends, TcpState.ESTABLISHED, 0, 1, SK_A));
            timerEvents.add(start(t + 10_000, SK_A + OFFSET, 100 * i));
        }
        socketEvents.add(new StateChange(5_000_000_000L, ends, TcpState.ESTABLISHED, TcpState.CLOSE, SK_A));
        // the socket's memory reused by another one after the close
        timerEvents.add(start(6_000_000_000L, SK_A + OFFSET, 900));
        timerEvents.add(new TimerExpiry(4_000_000_000L, SK_A + OFFSET, 700, 699, 1));

        RetransmitTimers timers = RetransmitTimers.of(new KernelTraceRecord(socketEvents, 0, List.of()),
                new KernelTraceRecord(timerEvents, 0, List.of()), List.of(connection));

        assertThat(timers.startsOf(connection)).hasSize(3).allSatisfy(s -> assertThat(s.now()).isLessThan(900));
        assertThat(timers.expiriesOf(connection)).extracting(TimerExpiry::now).containsExactly(700L);
    }

    @Test
    void theFunctionsAddressComesFromKallsymsAndAHiddenOneIsRefused() {
        String kallsyms = """
                ffffffff820844a0 t tcp_keepalive_timer
                ffffffff82085950 t tcp_write_timer
                ffffffff82085a40 T tcp_write_timer_handler
                """;
        assertThat(KernelSymbols.address(kallsyms, "tcp_write_timer")).isEqualTo(0xffffffff82085950L);
        assertThatThrownBy(() -> KernelSymbols.address(kallsyms.replace("ffffffff82085950", "0000000000000000"),
                "tcp_write_timer")).isInstanceOf(KernelTraceException.class).hasMessageContaining("hides");
        assertThatThrownBy(() -> KernelSymbols.address(kallsyms, "tcp_delack_timer"))
                .isInstanceOf(KernelTraceException.class);
    }
}
