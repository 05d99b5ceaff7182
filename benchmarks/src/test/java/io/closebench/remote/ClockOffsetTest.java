package io.closebench.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The offset between this host's clock and a peer agent's: the exchange with the smallest round trip
 * decides, and the true offset lies within half of it, whatever the path's asymmetry. On one machine
 * (the agent in a network namespace: one CLOCK_MONOTONIC) the true offset is zero, which the live
 * estimate must hold within its bound.
 */
@Timeout(60)
class ClockOffsetTest {

    /** An exchange over a path taking {@code out} ns one way and {@code back} the other, the agent {@code offset} ahead. */
    private static ClockOffset.Exchange over(long sentAt, long out, long back, long agentBusy, long offset) {
        long arrived = sentAt + out + offset;
        return new ClockOffset.Exchange(sentAt, arrived, arrived + agentBusy, sentAt + out + agentBusy + back);
    }

    @Test
    void theExchangeWithTheSmallestRoundTripDecidesAndTheAgentsOwnTimeIsTakenOut() {
        ClockOffset.Estimate e = ClockOffset.best(List.of(over(1_000, 500, 500, 10_000, 7_000),
                over(50_000, 100, 100, 30_000, 7_000), over(90_000, 2_000, 300, 0, 7_000)));
        assertThat(e.roundTrip()).isEqualTo(200);
        assertThat(e.agentMinusLocal()).isEqualTo(7_000);
        assertThat(e.exchanges()).isEqualTo(3);
    }

    @Test
    void anAsymmetricPathStaysWithinHalfTheRoundTrip() {
        for (long out = 0; out <= 1_000; out += 100) {
            long back = 1_000 - out;
            ClockOffset.Estimate e = ClockOffset.best(List.of(over(0, out, back, 50, -123_456)));
            long error = Math.abs(e.agentMinusLocal() - -123_456);
            assertThat(error).as("out %d back %d", out, back).isLessThanOrEqualTo(e.boundAt(e.measuredAt()));
            assertThat(e.boundAt(e.measuredAt())).isEqualTo(500);
        }
    }

    @Test
    void theBoundGrowsWithTheTimeBetweenTheExchangeAndTheInstantConverted() {
        ClockOffset.Estimate e = ClockOffset.best(List.of(over(0, 100, 100, 0, 0)));
        // 1 ms away: the clocks may have parted by 1000 ppm of it, 1 us
        assertThat(e.boundAt(e.measuredAt() + 1_000_000) - e.boundAt(e.measuredAt())).isEqualTo(1_000);
        assertThat(e.boundAt(e.measuredAt() - 1_000_000)).isEqualTo(e.boundAt(e.measuredAt() + 1_000_000));
    }

    @Test
    void anAgentOnTheSameMachineIsEstimatedAtZeroOffsetWithinItsBound() throws Exception {
        try (AgentInNamespace agent = AgentInNamespace.start(); RemoteHome home = agent.connect()) {
            for (int i = 0; i < 5; i++) {
                ClockOffset.Estimate e = home.control().estimate(32);
                assertThat(e.roundTrip()).isPositive();
                assertThat(Math.abs(e.agentMinusLocal())).as("estimate %s: one clock, true offset 0", e)
                        .isLessThanOrEqualTo(e.boundAt(e.measuredAt()));
                long t = System.nanoTime();
                assertThat(Math.abs(e.toLocal(t) - t)).isLessThanOrEqualTo(e.boundAt(t));
            }
        }
    }
}
