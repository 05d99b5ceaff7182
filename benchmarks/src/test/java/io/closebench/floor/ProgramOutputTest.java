package io.closebench.floor;

import io.closebench.schema.FloorApi;
import io.closebench.schema.Placement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.schema.Outcome;
import org.junit.jupiter.api.Test;

/** The summary format of floor.c, read strictly. */
class ProgramOutputTest {

    private static final FloorCase CASE = new FloorCase(FloorScenario.S2_INPROC, FloorApi.NIO, Placement.CROSS_CPU, 10);
    private static final String KERNEL = "kernel Linux 6.1.0 #1 SMP x86_64\n";
    private static final String RUN = "run scenario=S2-inproc api=NIO placement=CROSS_CPU idle_us=10 warmup=0 reps=5"
            + " observer_cpu=1 peer_cpu=0 affinity=0,1\n";

    @Test
    void readsCountsDetailsAndPercentiles() {
        NativeFloorFigure f = ProgramOutput.parse(CASE, 0, 5, KERNEL + RUN
                + "outcomes EOF=3 RESET=0 OTHER_ERROR=1 TIMEOUT=1 HARNESS_FAILURE=0\n"
                + "detail outcome=OTHER_ERROR count=1 text=read: Broken pipe\n"
                + "detail outcome=TIMEOUT count=1 text=no outcome by the repetition's deadline (262144 B read)\n"
                + "asleep 4\n"
                + "latency_ns count=4 min=100 p50=200 p90=300 p99=400 max=400\n");

        assertThat(f.measured()).isTrue();
        assertThat(f.count(Outcome.EOF)).isEqualTo(3);
        // in the order of the Outcome enum, as MatrixCsv writes counts
        assertThat(f.outcomeCountsText()).isEqualTo("EOF=3;TIMEOUT=1;OTHER_ERROR=1");
        assertThat(f.outcomeDetails()).containsExactly("OTHER_ERROR x1: read: Broken pipe",
                "TIMEOUT x1: no outcome by the repetition's deadline (262144 B read)");
        assertThat(f.asleepAtFault()).isEqualTo(4);
        assertThat(f.latency()).isEqualTo(new FloorLatency(4, 100, 200, 300, 400, 400));
        assertThat(f.observerCpu()).isEqualTo("1");
        assertThat(f.peerCpu()).isEqualTo("0");
        assertThat(f.kernel()).isEqualTo("Linux 6.1.0 #1 SMP x86_64");
    }

    @Test
    void aSkipLineBecomesASkippedFigure() {
        NativeFloorFigure f = ProgramOutput.parse(CASE, 0, 5, KERNEL
                + "skipped CROSS_CPU needs two CPUs in this process's affinity mask, it holds 1 (0)\n");

        assertThat(f.measured()).isFalse();
        assertThat(f.skippedReason()).startsWith("skipped: CROSS_CPU needs two CPUs");
        assertThat(f.kernel()).startsWith("Linux");
    }

    @Test
    void refusesOutcomesThatDoNotAddUpToTheRepetitions() {
        assertThatThrownBy(() -> ProgramOutput.parse(CASE, 0, 5, KERNEL + RUN
                + "outcomes EOF=4 RESET=0 OTHER_ERROR=0 TIMEOUT=0 HARNESS_FAILURE=0\nasleep 4\n"
                + "latency_ns count=4 min=1 p50=1 p90=1 p99=1 max=1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counted 4 repetitions, 5 were asked for");
    }

    @Test
    void refusesAnIncompleteSummary() {
        assertThatThrownBy(() -> ProgramOutput.parse(CASE, 0, 5, KERNEL + RUN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incomplete output");
    }
}
