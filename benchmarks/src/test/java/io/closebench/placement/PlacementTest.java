package io.closebench.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.observe.EveryModel;
import io.closebench.observe.KernelThreads;
import io.closebench.observe.ObserverThread;
import io.closebench.rig.CaseRunner;
import io.closebench.rig.RunnerSettings;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Placement is applied, not only asked for: the kernel's own view ({@code Cpus_allowed_list} in
 * {@code /proc}) of the observer's thread (a virtual thread's carriers and pollers), of the harness
 * thread that injects the fault and of a child it starts says the CPUs the plan gives; where the
 * machine cannot give them, the placement is refused with the reason.
 */
@Timeout(60)
class PlacementTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.closebench.observe.EveryModel#models")
    void theObserversThreadsRunOnTheObserversCpu(Observer observer) throws Exception {
        EveryModel.assumeRunsHere(observer);
        assumePlacement(Placement.SAME_CPU);
        CpuPlan plan = CpuPlan.of(Placement.SAME_CPU);
        try (CaseRunner runner = new CaseRunner(observer, plan, RunnerSettings.defaults())) {
            assertThat(runner.run(ScenarioCatalogue.byId("S2-inproc").orElseThrow()).failure()).isEmpty();
            ObserverThread thread = runner.side().thread();
            if (thread.isVirtual()) {
                assertThat(thread.awaitAsleep(TimeUnit.SECONDS.toNanos(2))).isTrue(); // finds and pins carriers and pollers
                List<Integer> carriers = KernelThreads.named(n -> n.startsWith("ForkJoinPool-"));
                assertThat(carriers).as("the virtual thread's carriers").isNotEmpty();
                carriers.forEach(tid -> assertThat(Affinity.ofThread(tid)).as("carrier " + tid).isEqualTo(plan.observer()));
            } else {
                assertThat(Affinity.ofThread(thread.tid())).as(observer + " thread " + thread.tid()).isEqualTo(plan.observer());
            }
        }
    }

    @Test
    void theHarnessThreadAndTheChildrenItStartsRunOnThePeersCpu() throws Exception {
        assumePlacement(Placement.CROSS_CPU);
        CpuPlan plan = CpuPlan.of(Placement.CROSS_CPU);
        Thread harness = new Thread(() -> {
            try (CaseRunner runner = new CaseRunner(Observer.BLOCKING, plan, RunnerSettings.defaults())) {
                assertThat(runner.run(ScenarioCatalogue.byId("S2-inproc").orElseThrow()).failure()).isEmpty();
                assertThat(Affinity.ofThread(Affinity.currentTid())).as("harness thread").isEqualTo(plan.peer());
                Process child = new ProcessBuilder("sleep", "5").start();
                try {
                    assertThat(Affinity.ofProcess(child.pid())).as("a child started by it").isEqualTo(plan.peer());
                } finally {
                    child.destroyForcibly().waitFor();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Throwable[] failure = new Throwable[1];
        harness.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        harness.start();
        harness.join(30_000);
        assertThat(failure[0]).isNull();
        assertThat(plan.observer()).isNotEqualTo(plan.peer());
    }

    @Test
    void aRunnerGivesTheThreadItPlacedItsCpusBackWhenItCloses() throws Exception {
        assumePlacement(Placement.SAME_CPU);
        Optional<CpuSet> before = Affinity.ofThread(Affinity.currentTid());
        CpuPlan plan = CpuPlan.of(Placement.SAME_CPU);
        try (CaseRunner runner = new CaseRunner(Observer.NIO, plan, RunnerSettings.defaults())) {
            assertThat(runner.run(ScenarioCatalogue.byId("C1").orElseThrow()).failure()).isEmpty();
            assertThat(Affinity.ofThread(Affinity.currentTid())).as("placed while it runs").isEqualTo(plan.peer());
        }
        // what this thread starts next (the benchmarks' forks, a child) must not inherit the pin
        assertThat(Affinity.ofThread(Affinity.currentTid())).as("given back").isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = Placement.class, names = {"SAME_CPU", "CROSS_CPU"})
    void aPlacementThisMachineCannotGiveIsRefusedWithTheReason(Placement placement) {
        assertThat(CpuPlan.unavailableReason(placement, CpuSet.of(0), Optional.of("sched_setaffinity refused")))
                .hasValue(placement + " needs thread affinity: sched_setaffinity refused");
        assertThat(CpuPlan.unavailableReason(Placement.CROSS_CPU, CpuSet.of(0), Optional.empty()))
                .hasValue("CROSS_CPU needs 2 CPUs; this process may use only 0 (1)");
        assertThat(CpuPlan.unavailableReason(Placement.SAME_CPU, CpuSet.of(0), Optional.empty())).isEmpty();
        assertThat(CpuPlan.unavailableReason(Placement.OS, CpuSet.of(0), Optional.of("no affinity"))).isEmpty();
    }

    private static void assumePlacement(Placement p) {
        CpuPlan.unavailableReason(p).ifPresent(why -> Assumptions.abort(why));
    }
}
