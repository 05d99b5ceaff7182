package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import io.closebench.cable.ConnectionTimeline.HeadAttempt;
import io.closebench.cable.RetransmissionTimeoutModel.Step;
import io.closebench.cable.RetransmissionTimeoutModel.WheelAbort;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(10)
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

    // The cases of the S1b run in docs/findings-s1-kernel-rules.md (item 3), instants in ms after t0 as the
    // trace showed them; that trial's ticks began 0.1 ms after each multiple of 4 ms after t0, and its level-1
    // expiries fell on jiffies = 0 modulo 8 with these counts (jiffy 444 after t0 = 456).
    private static final JiffyClock TRIAL = new JiffyClock(4_000_000, 100_000, 12);

    private static long at(double millis) {
        return Math.round(millis * 1_000_000);
    }

    private static List<HeadAttempt> attempts(Object... sentAndMillis) {
        List<HeadAttempt> list = new ArrayList<>();
        for (int i = 0; i < sentAndMillis.length; i += 2) {
            list.add(new HeadAttempt(at((Double) sentAndMillis[i + 1]), (Boolean) sentAndMillis[i]));
        }
        return list;
    }

    private static WheelAbort replay(double firstSend, long rtoJiffies, List<HeadAttempt> attempts, double... reports) {
        List<Long> reverts = new ArrayList<>();
        for (double r : reports) {
            reverts.add(at(r));
        }
        return RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(firstSend), rtoJiffies, attempts, reverts).orElseThrow();
    }

    /** Within the jiffy the kernel ran in (its softirq runs up to a jiffy after the bucket's tick). */
    private static void assertAbortNear(WheelAbort abort, double kernelEndMillis) {
        assertThat(abort.at()).isBetween(at(kernelEndMillis) - 4_500_000, at(kernelEndMillis));
        assertThat(abort.contradictions()).isZero();
    }

    @Test
    void aFirstRetransmissionThatLeftAndAFourthRunSixteenMillisecondsShortOfThreeSecondsAbortAtTheFifthOnTheSixtyFourJiffyGrid() {
        // BLOCKING c0: T1 460 sent (stamp), T2 884 held, T3 1712 sent, T4 3376 sent (2916 ms), T5 on the wheel
        WheelAbort abort = replay(36.3, 51, attempts(true, 460.2, false, 884.4, true, 1712.2, true, 3376.2));
        assertThat(abort.stamp()).isEqualTo(at(460.2));
        assertThat(abort.stampIsRetransmission()).isTrue();
        assertThat(abort.granularity()).isEqualTo(64);
        assertAbortNear(abort, 6864.4);
    }

    @Test
    void aRetransmissionBetweenExpiriesReArmsTheTimerAndAFourthRunTwelveMillisecondsPastThreeSecondsAborts() {
        // VIRTUAL c7 (RTO 208 ms): 937 sent between T2 and T3 re-arms 208 jiffies; T4 at 3472, 3012 ms past 460
        WheelAbort abort = replay(37.1, 52, attempts(true, 460.4, false, 884.3, true, 937.0, false, 1776.3));
        assertThat(abort.steps()).extracting(RetransmissionTimeoutModel.TimerStep::step)
                .containsExactly(Step.TIMER, Step.TIMER, Step.REARM, Step.TIMER, Step.ABORT);
        assertAbortNear(abort, 3472.4);
    }

    @Test
    void theSameHistoryWithAFourJiffiesShorterRtoReachesItsFourthRunSixteenMillisecondsShortAndAbortsAtTheFifth() {
        // VIRTUAL c0 (RTO 204 ms): T4 at 3444 (its softirq a jiffy late), 2984 ms past 460: retransmitted
        WheelAbort abort = replay(37.1, 51, attempts(true, 460.3, false, 884.4, true, 936.6, false, 1776.3, true, 3444.3));
        assertAbortNear(abort, 6864.4);
    }

    @Test
    void aFourthRunFourMillisecondsShortOfThreeSecondsRetransmitsAndTheFifthAbortsAtSixPointSix() {
        // NETTY_NIO c14 (RTO 204 ms): T4 at 3252, 2996 ms past 256
        WheelAbort abort = replay(37.8, 51, attempts(true, 256.3, false, 688.3, true, 738.3, false, 1584.3, true, 3252.2));
        assertAbortNear(abort, 6608.2);
    }

    @Test
    void aReportOfTheOldestSegmentRunsTheTimerAtOnceAndItsRetransmissionReArmsTheFullBackoff() {
        // NETTY_NIO c0: the failed ARP round's report at 3088 reverts and runs the timer (2824 ms: no abort);
        // its retransmission re-arms 416 jiffies: the abort at 4788
        WheelAbort abort = replay(37.7, 52, attempts(true, 264.3, false, 688.3, true, 1552.3, true, 3088.8), 3088.4, 6164.5);
        assertThat(abort.steps()).extracting(RetransmissionTimeoutModel.TimerStep::step)
                .containsExactly(Step.TIMER, Step.TIMER, Step.TIMER, Step.REVERT_RUN, Step.ABORT);
        assertAbortNear(abort, 4788.3);
    }

    @Test
    void aRevertAfterARetransmissionBetweenExpiriesAbortsAtTheReArmedRun() {
        // NIO c14
        WheelAbort abort = replay(37.6, 52, attempts(true, 460.5, false, 884.3, true, 937.4, false, 1776.2, true, 3088.6),
                3088.3, 6164.3);
        assertAbortNear(abort, 4788.5);
    }

    @Test
    void aReportThatLeftNoRetransmissionChangedNothingAndTheFourthRunAborts() {
        // NETTY_EPOLL c14: the report at 3088 would have run the timer (2824 ms, a retransmission), none
        // followed: the socket was busy (tcp_ld_RTO_revert() returns); T4 at 3284, 3020 ms past 264
        WheelAbort abort = replay(37.4, 52, attempts(true, 264.3, false, 688.3, true, 738.8, false, 1584.3), 3088.5);
        assertThat(abort.steps()).extracting(RetransmissionTimeoutModel.TimerStep::step)
                .contains(Step.REVERT_NOT_APPLIED);
        assertAbortNear(abort, 3284.4);
    }

    @Test
    void aLossProbeOfTheHeadOneUndoubledRtoBeforeTheFirstExpiryIsNotTheFirstRetransmission() {
        // NETTY_IOURING c0 read as if its probe at 248 had been on the head: the next attempt 53 jiffies
        // later is the first expiry, the stamp is 460; the retransmission at 1837 re-arms 416 jiffies: 3504
        WheelAbort abort = replay(36.6, 52, attempts(true, 248.4, true, 460.3, false, 884.3, true, 936.6, false, 1776.3,
                true, 1837.4));
        assertThat(abort.steps().get(0).step()).isEqualTo(Step.PROBE);
        assertThat(abort.stamp()).isEqualTo(at(460.3));
        assertAbortNear(abort, 3504.3);
    }

    @Test
    void aFirstRetransmissionHeldForArpLeavesTheStampAtTheOriginalSend() {
        // every attempt held for ARP and no report passing (the 18-connection trial): the stamp is the send, and
        // T4, about 15 RTO after it, is past 3 s
        WheelAbort abort = replay(0.0, 52, attempts(false, 212.3, false, 656.3, false, 1520.3));
        assertThat(abort.stamp()).isEqualTo(0);
        assertThat(abort.stampIsRetransmission()).isFalse();
        assertThat(abort.at()).isEqualTo(TRIAL.startOf(816));
    }

    // The open cases of item 3 (docs/findings-s1-kernel-rules.md): what the timer wheel's own trace
    // (timer:timer_start, timer:timer_expire_entry) adds to the replay. On TRIAL's clock: a first
    // retransmission sent at 474.5 ms (jiffy 130, the stamp), held at 912.5 (bucket 240), sent at 1776.5
    // (bucket 456), re-armed 416 jiffies ahead for bucket 880 (3472.1 ms, 2998 whole ms past the stamp).
    private static final List<HeadAttempt> SHORT_OF_THREE_SECONDS = attempts(true, 474.5, false, 912.5, true, 1776.5);

    @Test
    void aRevertRunReArmedOnLevelTwoByTheKernelAbortsAtThatLevelsBucketNotTheLevelOneBucketItsDistanceSelects() {
        // 44 connections of the earlier S1b run: the report's run re-armed 416 jiffies ahead, which selects
        // level 1 from jiffies, yet they ended a 64-jiffy granule late; the kernel's enqueueing shows the level
        List<HeadAttempt> history = new ArrayList<>(SHORT_OF_THREE_SECONDS);
        history.add(new HeadAttempt(at(3100.3), true));
        List<Long> report = List.of(at(3100.0));
        WheelAbort computed = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, history, report)
                .orElseThrow();
        // jiffy 786 + 416 = 1202: level 1 runs it at 1208, level 2 at 1216
        ConnectionTimeline.TimerArm levelTwo = new ConnectionTimeline.TimerArm(at(3100.35), 786, 1202, 2, 1216);
        WheelAbort traced = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, history, report,
                List.of(levelTwo), List.of()).orElseThrow();

        assertThat(computed.at()).isEqualTo(TRIAL.startOf(1208));
        assertThat(traced.at()).isEqualTo(TRIAL.startOf(1216));
        assertThat(traced.granularity()).isEqualTo(64);
        assertThat(traced.lastArm()).contains(levelTwo);
        assertThat(levelTwo.clockBehind()).isTrue();
    }

    @Test
    void aTracedArmOnTheLevelItsDistanceSelectsConfirmsTheComputedBucket() {
        List<HeadAttempt> history = new ArrayList<>(SHORT_OF_THREE_SECONDS);
        history.add(new HeadAttempt(at(3100.3), true));
        ConnectionTimeline.TimerArm levelOne = new ConnectionTimeline.TimerArm(at(3100.35), 786, 1202, 1, 1208);
        WheelAbort traced = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, history,
                List.of(at(3100.0)), List.of(levelOne), List.of()).orElseThrow();

        assertThat(traced.at()).isEqualTo(TRIAL.startOf(1208));
        assertThat(traced.granularity()).isEqualTo(8);
        assertThat(levelOne.clockBehind()).isFalse();
    }

    @Test
    void aFourthRunOneJiffyLateIsCountedAtItsTracedInstantAndItsWholeMillisecondsReachThreeSeconds() {
        // run 3's BLOCKING c0: the rule put T4 at its bucket's jiffy, 2998 whole ms past the stamp, and went on
        // to T5 (ratio 0.49); the wheel ran it one jiffy late (timer_expire_entry now - baseclk = 1), 3002 ms
        WheelAbort computed = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, SHORT_OF_THREE_SECONDS,
                List.of()).orElseThrow();
        ConnectionTimeline.TimerRun late = new ConnectionTimeline.TimerRun(at(3476.4), 881);
        WheelAbort traced = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, SHORT_OF_THREE_SECONDS,
                List.of(), List.of(), List.of(late)).orElseThrow();

        assertThat(computed.steps()).extracting(RetransmissionTimeoutModel.TimerStep::step).contains(Step.UNTRACED_TIMER);
        assertThat(computed.at()).isGreaterThan(at(6000));
        assertThat(traced.at()).isEqualTo(at(3476.4));
        assertThat(traced.steps()).extracting(RetransmissionTimeoutModel.TimerStep::step)
                .containsExactly(Step.TIMER, Step.TIMER, Step.TIMER, Step.ABORT);
    }

    @Test
    void traceOfAnotherClockIsNotUsed() {
        // jiffies 40 away from what the clock maps the instant to: not this trial's clock, so the computed bucket
        List<HeadAttempt> history = new ArrayList<>(SHORT_OF_THREE_SECONDS);
        history.add(new HeadAttempt(at(3100.3), true));
        ConnectionTimeline.TimerArm elsewhere = new ConnectionTimeline.TimerArm(at(3100.35), 826, 1242, 2, 1280);
        WheelAbort traced = RetransmissionTimeoutModel.abortOnTheWheel(3, TRIAL, at(266.5), 52, history,
                List.of(at(3100.0)), List.of(elsewhere), List.of()).orElseThrow();

        assertThat(traced.at()).isEqualTo(TRIAL.startOf(1208));
        assertThat(traced.lastArm()).isEmpty();
    }
}
