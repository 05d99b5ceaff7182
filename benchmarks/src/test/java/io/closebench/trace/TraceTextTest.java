package io.closebench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.wire.Endpoint;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lines as this project's kernel (6.18) prints them, with its ids. */
@Timeout(10)
class TraceTextTest {

    private static final Map<Integer, TracedEvent> IDS = Map.of(2281, TracedEvent.RETRANSMIT_ATTEMPT,
            2287, TracedEvent.STATE_CHANGE, 2314, TracedEvent.ICMP_SENT);
    private static final String HEADER = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: 3/3   #P:2
            #
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            """;

    @BeforeAll
    static void littleEndian() {
        // the addresses below are printed as a little-endian machine prints them
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    }

    private static final String RAW = HEADER + """
            9867 0 6635213651682 type: 2281
            0 1 6635213652499 type: 2287
            0 1 6638000000500 type: 2314
            """;
    private static final String FIELDS = HEADER + """
                     python3-9867    [000] ..s2.  6635.213652: tcp_retransmit_skb: skbaddr=0xffff888103415c00 (-131387289936896) skaddr=0xffff888103415c80 (-131387289936768) state=0x1 (1) sport=0x1388 (5000) dport=0xb1c6 (45510) family=0xa (10) saddr=0x10012c6 (16782022) daddr=0x20012c6 (33559238) saddr_v6=<INVALID-SIZE> daddr_v6=<INVALID-SIZE> err=0xfffffff0 (-16)
                      <idle>-0       [001] ..s2.  6635.213652: inet_sock_set_state: skaddr=0xffff888103415c80 (-131387289936768) oldstate=0x1 (1) newstate=0x7 (7) sport=0x1388 (5000) dport=0xb1c6 (45510) family=0xa (10) protocol=0x6 (6) saddr=0x10012c6 (16782022) daddr=0x20012c6 (33559238) saddr_v6=<INVALID-SIZE> daddr_v6=<INVALID-SIZE>
                      <idle>-0       [001] ..s2.  6638.000001: icmp_send: skbaddr=0xffff888103415d00 (-131387289936640) type=0x3 (3) code=0x1 (1) saddr=0x10012c6 (16782022) daddr=0x20012c6 (33559238) sport=0x0 (0) dport=0x0 (0) ulen=0x0 (0)
            """;

    @Test
    void eachEventGetsTheRawPrintingsNanosecondsAndTheFieldPrintingsValues() throws Exception {
        TraceText.Parsed parsed = TraceText.parse(RAW, FIELDS, IDS);

        Endpoint server = new Endpoint(InetAddress.getByName("198.18.0.1"), 5000);
        Endpoint client = new Endpoint(InetAddress.getByName("198.18.0.2"), 45510);
        assertThat(parsed.events()).containsExactly(
                new RetransmitAttempt(6635213651682L, new SocketEnds(server, client), TcpState.ESTABLISHED, -16,
                        0xffff888103415c00L, 0xffff888103415c80L),
                new StateChange(6635213652499L, new SocketEnds(server, client), TcpState.ESTABLISHED, TcpState.CLOSE,
                        0xffff888103415c80L),
                new IcmpSent(6638000000500L, 3, 1, new Endpoint(server.address(), 0), new Endpoint(client.address(), 0)));
        assertThat(((RetransmitAttempt) parsed.events().get(0)).stillInHostQueue()).isTrue();
        assertThat(parsed.lost()).isZero();
        assertThat(parsed.unreadable()).isEmpty();
    }

    private static final Map<Integer, TracedEvent> TIMER_IDS = Map.of(466, TracedEvent.TIMER_START,
            465, TracedEvent.TIMER_EXPIRY);
    private static final String TIMER_RAW = HEADER + """
            9365 1 10490356033575 type: 465
            0 1 10497148574002 type: 466
            """;
    private static final String TIMER_FIELDS = HEADER + """
             C1 CompilerThre-9365    [001] .Ns.. 10490.356034: timer_expire_entry: timer=0xffff88810b15e5d0 (-131387158567472) now=0x10026df46 (4297514822) function=tcp_write_timer+0x0/0xf0 (-2113382064) baseclk=0x10026df46 (4297514822)
                      <idle>-0       [001] dNs3. 10497.148574: timer_start: timer=0xffff888274e53510 (-131381088406256) function=tcp_write_timer+0x0/0xf0 (-2113382064) expires=0x10026e918 (4297517336) bucket_expiry=0x10026e940 (4297517376) now=0x10026e5e8 (4297516520) flags=0x29400001 (692060161)
            """;

    @Test
    void theRetransmitTimersRunsAndEnqueueingsKeepTheirJiffiesBucketLevelAndCpu() {
        TraceText.Parsed parsed = TraceText.parse(TIMER_RAW, TIMER_FIELDS, TIMER_IDS);

        assertThat(parsed.unreadable()).isEmpty();
        assertThat(parsed.events()).containsExactly(
                new TimerExpiry(10490356033575L, 0xffff88810b15e5d0L, 4297514822L, 4297514822L, 1),
                new TimerStart(10497148574002L, 0xffff888274e53510L, 4297517336L, 4297517376L, 4297516520L, 0x29400001));
        TimerStart start = (TimerStart) parsed.events().get(1);
        // idx 165 (flags >> 22): level 2, the 64-jiffy level, for a timeout of 816 jiffies; on CPU 1's base
        assertThat(start.level()).isEqualTo(2);
        assertThat(start.cpu()).isEqualTo(1);
        assertThat(start.timeout()).isEqualTo(816);
        assertThat(start.bucketExpiry() % 64).isZero();
    }

    @Test
    void printingsThatDisagreeAreRefusedNotPaired() {
        String shifted = RAW.replace("9867 0 6635213651682", "9867 0 6635213660000");
        assertThatThrownBy(() -> TraceText.parse(shifted, FIELDS, IDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disagree at event 0");
        String shorter = RAW.replace("0 1 6638000000500 type: 2314\n", "");
        assertThatThrownBy(() -> TraceText.parse(shorter, FIELDS, IDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 raw lines but 3 field lines");
    }

    @Test
    void lostMarksAreCountedAndALineWithoutItsFieldsIsKeptAsUnreadable() {
        String raw = RAW + "CPU:1 [LOST 7 EVENTS]\nCPU:0 [LOST EVENTS]\n";
        String fields = FIELDS.replace("err=0xfffffff0 (-16)", "") + "CPU:1 [LOST 7 EVENTS]\nCPU:0 [LOST EVENTS]\n";

        TraceText.Parsed parsed = TraceText.parse(raw, fields, IDS);

        assertThat(parsed.lost()).isEqualTo(8);
        assertThat(parsed.events()).hasSize(2);
        assertThat(parsed.unreadable()).singleElement().asString().contains("tcp_retransmit_skb");
    }
}
