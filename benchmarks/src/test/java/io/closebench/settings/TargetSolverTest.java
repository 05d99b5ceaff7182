package io.closebench.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.cable.CableFault;
import io.closebench.cable.Combination;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The settings chosen for a target meet it by their own rules, with a heartbeat and a connect timeout only. */
@Timeout(10)
class TargetSolverTest {

    @Test
    void fiveSecondsGiveAHeartbeatAndAConnectTimeoutWhoseRulesAllFitInFiveSeconds() {
        Combination c = TargetSolver.solve(Duration.ofSeconds(5), "within-5s");
        assertThat(c.parts()).hasSize(2);
        assertThat(c.heartbeat()).isPresent();
        assertThat(c.connectTimeout()).isPresent();
        assertThat(TargetSolver.ruleTimes(c)).hasSize(SettingsPlan.FAULTS.size())
                .allSatisfy((fault, nanos) -> assertThat(nanos).as(fault.letter()).isLessThanOrEqualTo(5_000_000_000L));
    }

    @Test
    void everyTargetFromOneRtoToTenMinutesIsMetByItsRules() {
        for (long millis : new long[] {200, 999, 1000, 2500, 10_000, 61_000, 600_000}) {
            Combination c = TargetSolver.solve(Duration.ofMillis(millis), "t");
            TargetSolver.ruleTimes(c).forEach((fault, nanos) ->
                    assertThat(nanos).as(millis + " ms, fault " + fault.letter()).isLessThanOrEqualTo(millis * 1_000_000L));
            assertThat(c.heartbeat().orElseThrow().misses()).isEqualTo(TargetSolver.MISSES);
        }
    }

    @Test
    void aTargetShorterThanOneRetransmissionTimeoutIsRefusedWithTheReason() {
        assertThat(TargetSolver.refusal(Duration.ofMillis(150))).hasValueSatisfying(r -> assertThat(r)
                .contains("shorter than one retransmission timeout"));
        assertThatThrownBy(() -> TargetSolver.solve(Duration.ofMillis(150), "t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TargetSolver.refusal(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void theReasonsSayWhatTheHeartbeatIsNeededForAndTheCostsWhatItRisks() {
        Combination c = TargetSolver.solve(Duration.ofSeconds(5), "t");
        assertThat(String.join("\n", TargetSolver.reasons(c, Duration.ofSeconds(5)))).contains("frozen peer (e)")
                .contains("stopped reading (f)");
        assertThat(String.join("\n", TargetSolver.costs(c))).contains("per idle connection per hour").contains("GC");
        assertThat(String.join("\n", JavaApi.lines(c))).contains("IdleStateHandler").contains("Socket.connect(address");
    }

    @Test
    void theHeartbeatAloneEndsEveryEstablishedConnectionFault() {
        Combination c = TargetSolver.solve(Duration.ofSeconds(5), "t");
        for (CableFault f : SettingsPlan.FAULTS) {
            if (!f.reconnects()) {
                assertThat(c.decidingPart(f, 15)).as(f.letter()).isEqualTo(c.heartbeat().orElseThrow());
            }
        }
    }
}
