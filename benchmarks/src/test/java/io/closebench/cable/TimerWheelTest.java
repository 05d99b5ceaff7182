package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TimerWheelTest {

    @Test
    void aTimerWithinLevelZeroRunsOneJiffyAfterItsExpiry() {
        // calc_index(): (expires >> 0) + 1
        assertThat(TimerWheel.armedAt(1000, 52)).isEqualTo(1053);
        assertThat(TimerWheel.rearmedFromItsCallback(1000, 52)).isEqualTo(1053);
    }

    @Test
    void aTimerOnLevelOneRunsOnTheNextMultipleOfEightJiffiesAfterItsExpiry() {
        assertThat(TimerWheel.armedAt(1000, 100)).isEqualTo(1104); // expires 1100 -> 1104
        assertThat(TimerWheel.armedAt(1004, 100)).isEqualTo(1112); // expires 1104, a multiple: still the next one
        assertThat(TimerWheel.granularity(100)).isEqualTo(8);
    }

    @Test
    void aTimerOnLevelTwoRunsOnTheNextMultipleOfSixtyFourJiffies() {
        assertThat(TimerWheel.rearmedFromItsCallback(873, 816)).isEqualTo(1728);
        assertThat(TimerWheel.granularity(816)).isEqualTo(64);
    }

    @Test
    void theWheelsClockOneAheadInsideACallbackMovesOnlyTheLevelBoundary() {
        // a distance of 63 is level 1 from outside, level 0 (62) from the callback
        assertThat(TimerWheel.armedAt(1000, 63)).isEqualTo(1064);
        assertThat(TimerWheel.rearmedFromItsCallback(1000, 63)).isEqualTo(1064);
        assertThat(TimerWheel.rearmedFromItsCallback(1001, 63)).isEqualTo(1065);
        assertThat(TimerWheel.armedAt(1001, 63)).isEqualTo(1072);
    }

    @Test
    void theJiffiesComeFromTimerListsNowItsCountAndTheTicksGrid() {
        String timerList = """
                Timer List Version: v0.10
                now at 7881557827748 nsecs

                cpu: 0
                active timers:
                 #0: <00000000adf1206a>, tick_nohz_handler, S:01
                 # expires at 7882388000000-7882388000000 nsecs [in 2863387 to 2863387 nsecs]
                jiffies: 4296851078
                """;
        Optional<JiffyClock> clock = JiffyClock.of(timerList, 250);
        assertThat(clock).isPresent();
        assertThat(clock.get().tickNanos()).isEqualTo(4_000_000);
        assertThat(clock.get().phaseNanos()).isZero();
        assertThat(clock.get().jiffyAt(7881557827748L)).isEqualTo(4296851078L);
        assertThat(clock.get().startOf(4296851078L)).isEqualTo(7881556000000L);
        // a printing that began 0.1 ms before a tick may show the next count: not used
        assertThat(JiffyClock.of(timerList.replace("now at 7881557827748", "now at 7881559900000"), 250)).isEmpty();
    }
}
