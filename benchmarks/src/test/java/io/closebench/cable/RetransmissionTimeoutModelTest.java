package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetransmissionTimeoutModelTest {

    @Test
    void givesTheKernelsOwnTimeoutsForTcpRetries2() {
        // tcp_model_timeout(): 200 ms x (2^(n+1) - 1) up to the RTO cap, then 120 s per retry
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(15)).isEqualTo(924_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(3)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(5)).isEqualTo(12_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(9)).isEqualTo(204_600_000_000L);
        assertThat(RetransmissionTimeoutModel.giveUpAfterNanos(10)).isEqualTo(324_600_000_000L);
    }

    @Test
    void retransmitsWithDoublingBackoff() {
        assertThat(RetransmissionTimeoutModel.retransmissionAtNanos(1)).isEqualTo(200_000_000L);
        assertThat(RetransmissionTimeoutModel.retransmissionAtNanos(4)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.nextRetransmissionNanos(2_000_000_000L)).isEqualTo(3_000_000_000L);
        assertThat(RetransmissionTimeoutModel.nextRetransmissionNanos(600_000_000L)).isEqualTo(600_000_000L);
    }

    @Test
    void theAbortComesAtAnExpiryAndAFirstRetransmissionThatReallyLeftCanPostponeItByAWholeDoubling() {
        long ms = 1_000_000L;
        // tcp_retries2=3 (3000 ms) with the RTOs measured on this VM (204-216 ms): stamped at the
        // original send the 4th expiry aborts (15 RTO); stamped at the first expiry only 14 RTO are left
        // by the 4th, under 3 s for an RTO below 214.3 ms: the 5th (31 RTO) aborts
        assertThat(RetransmissionTimeoutModel.abortTickNanos(3, 204 * ms, 0)).isEqualTo(15 * 204 * ms);
        assertThat(RetransmissionTimeoutModel.abortTickNanos(3, 204 * ms, 204 * ms)).isEqualTo(31 * 204 * ms);
        assertThat(RetransmissionTimeoutModel.abortTickNanos(3, 216 * ms, 216 * ms)).isEqualTo(15 * 216 * ms);
        // the kernel's model itself: 200 ms from the original send gives exactly its 3 s
        assertThat(RetransmissionTimeoutModel.abortTickNanos(3, 200 * ms, 0)).isEqualTo(RetransmissionTimeoutModel.giveUpAfterNanos(3));
        // tcp_retries2=5 (12.6 s = 63 x 200 ms): 62 RTO reach it from an RTO of 203.2 ms on, so the stamp rarely matters
        assertThat(RetransmissionTimeoutModel.abortTickNanos(5, 204 * ms, 0)).isEqualTo(63 * 204 * ms);
        assertThat(RetransmissionTimeoutModel.abortTickNanos(5, 204 * ms, 204 * ms)).isEqualTo(63 * 204 * ms);
        assertThat(RetransmissionTimeoutModel.abortTickNanos(5, 202 * ms, 202 * ms)).isEqualTo(127 * 202 * ms);
    }

    @Test
    void aReportOfTheOldestSegmentRevertsOneBackoffAndRunsTheTimerThere() {
        long ms = 1_000_000L;
        long rto = 208 * ms;
        // the measured cases of docs/findings-s1-kernel-rules.md, item 3 (times from the schedule's start)
        // retrans_stamp at T1, report at the first failed ARP round (3.05 s): 2.84 s past the stamp, no abort;
        // retransmitted, the next expiry 8 RTO later, 3 s past the stamp: abort there
        assertThat(RetransmissionTimeoutModel.abortNanos(3, rto, rto, List.of(3_050 * ms)))
                .isEqualTo(3_050 * ms + 8 * rto);
        // retrans_stamp at T1, that report dropped: T4 (15 RTO) is 2.91 s past the stamp, no abort; the second
        // round's report at 6.12 s reverts and aborts at once
        assertThat(RetransmissionTimeoutModel.abortNanos(3, rto, rto, List.of(6_120 * ms))).isEqualTo(6_120 * ms);
        // retrans_stamp at the original send: T4 is 3.12 s past it, before any report: abort at T4
        assertThat(RetransmissionTimeoutModel.abortNanos(3, rto, 0, List.of(3_200 * ms))).isEqualTo(15 * rto);
        // a report before the first expiry has no backoff to undo
        assertThat(RetransmissionTimeoutModel.abortNanos(3, rto, 0, List.of(100 * ms)))
                .isEqualTo(RetransmissionTimeoutModel.abortTickNanos(3, rto, 0));
    }

    @Test
    void keepaliveDefaultsTakeMoreThanTwoHours() {
        assertThat(KernelDefaults.KEEPALIVE_DEFAULTS_NANOS).isEqualTo(7875_000_000_000L);
        assertThat(new TcpKeepalive(2, 1, 3).giveUpNanos()).isEqualTo(5_000_000_000L);
    }

    @Test
    void synTimersStayAtOneSecondForTheLinearTimeoutsThenDouble() {
        // as ss showed on this kernel: rto 1000 ms for five timeouts, then backoff 1, 2, 3
        long[] expected = {1, 2, 3, 4, 5, 7, 11, 19, 35, 67, 131};
        for (int k = 1; k <= expected.length; k++) {
            assertThat(RetransmissionTimeoutModel.synTimerAtNanos(k, 4)).as("timer %d", k).isEqualTo(expected[k - 1] * S);
        }
        assertThat(RetransmissionTimeoutModel.synTimerAtNanos(3, 0)).as("no linear timeouts: 1, 3, 7").isEqualTo(7 * S);
    }

    @Test
    void anUnansweredConnectIsGivenUpByCountOrByModelledTimeWhicheverTimerComesFirst() {
        // measured: tcp_syn_retries 1, 2, 3 -> 3, 7, 19 s; the default 6 -> 131 s (10 retransmissions)
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(1, 4, 0)).isEqualTo(3 * S);
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(2, 4, 0)).isEqualTo(7 * S);
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(3, 4, 0)).isEqualTo(19 * S);
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(6, 4, 0)).isEqualTo(131 * S);
        // a kernel without linear timeouts: the classic 127 s
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(6, 0, 0)).isEqualTo(127 * S);
    }

    @Test
    void aUserTimeoutEndsSynSentAtItsTimeButNotBeforeTheFirstRetransmission() {
        // measured: 0.5, 2 and 3 s give 1, 2 and 3 s
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(6, 4, S / 2)).isEqualTo(S);
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(6, 4, 2 * S)).isEqualTo(2 * S);
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(6, 4, 6 * S + S / 2)).isEqualTo(6 * S + S / 2);
        // the retransmission count still applies: tcp_syn_retries 1 with 4 linear allows 5 retransmissions
        assertThat(RetransmissionTimeoutModel.synGiveUpNanos(1, 4, 100 * S)).isEqualTo(7 * S);
    }

    private static final long S = 1_000_000_000L;
}
