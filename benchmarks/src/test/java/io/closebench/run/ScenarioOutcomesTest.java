package io.closebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.observe.EveryModel;
import io.closebench.placement.CpuPlan;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario for real, a few times with each observer, and checks the outcome class and
 * the byte accounting that Linux produces. The expectations were found by running the cases, not
 * copied from the note: where they differ from the note, that is the point (see the matrix).
 * Outcomes and invariants only; no timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ScenarioOutcomesTest {

    private static final int REPETITIONS = 3;

    /**
     * The byte accounting Linux (kernel 6.x) and JDK 17 produce, per scenario; the outcome class is
     * the catalogue's {@link Scenario#onLinux(Observer)}, which this test holds to account.
     */
    private static final Map<String, Expected> ON_LINUX = Map.ofEntries(
            Map.entry("S2-inproc", new Expected(Bytes.ALL_DELIVERED, -1)),
            Map.entry("S2-jvm", new Expected(Bytes.ALL_DELIVERED, -1)),
            Map.entry("S2-bash", new Expected(Bytes.ALL_DELIVERED, -1)),
            // a process that exits or is killed having read everything: the kernel sends FIN, not RST
            Map.entry("S3a-jvm", new Expected(Bytes.ALL_DELIVERED, -1)),
            Map.entry("S3a-bash", new Expected(Bytes.ALL_DELIVERED, -1)),
            Map.entry("S4a-jvm", new Expected(Bytes.ALL_DELIVERED, -1)),
            Map.entry("S4a-bash", new Expected(Bytes.ALL_DELIVERED, -1)),
            // with unread data: RST; whether bytes are lost is a race with the dying peer's send queue
            Map.entry("S3b-jvm", new Expected(Bytes.ANY, -1)),
            Map.entry("S3b-bash", new Expected(Bytes.ANY, -1)),
            Map.entry("S4b-jvm", new Expected(Bytes.ANY, -1)),
            Map.entry("S4b-bash", new Expected(Bytes.ANY, -1)),
            Map.entry("S5", new Expected(Bytes.ALL_DELIVERED, 1)),
            Map.entry("C1", new Expected(Bytes.ANY, 1)),
            Map.entry("C2a", new Expected(Bytes.ALL_DELIVERED, 1)),
            Map.entry("C2b", new Expected(Bytes.SOME_LOST, 1)),
            // Linux hands over what is already buffered before it reports the reset
            Map.entry("C3a", new Expected(Bytes.ALL_DELIVERED, 0)),
            Map.entry("C3b", new Expected(Bytes.SOME_LOST, 0)),
            Map.entry("X1-linger0", new Expected(Bytes.ALL_DELIVERED, 0)),
            Map.entry("X2-halfclose", new Expected(Bytes.ALL_DELIVERED, 0)),
            Map.entry("X3-rst-on-write", new Expected(Bytes.ANY, 0)));

    private final Map<Observer, CaseRunner> runners = new EnumMap<>(Observer.class);

    /** One runner per model, started the first time a test needs it; pinned where affinity works. */
    private CaseRunner runner(Observer observer) {
        EveryModel.assumeRunsHere(observer);
        return runners.computeIfAbsent(observer, o -> {
            Placement placement = CpuPlan.unavailableReason(Placement.SAME_CPU).isEmpty() ? Placement.SAME_CPU : Placement.OS;
            try {
                return new CaseRunner(o, CpuPlan.of(placement), RunnerSettings.defaults());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    void stopRunners() {
        runners.values().forEach(CaseRunner::close);
    }

    Stream<Arguments> scenariosAndObservers() {
        return ScenarioCatalogue.all().stream()
                .flatMap(s -> EveryModel.models().map(o -> Arguments.of(s.id(), o)));
    }

    @Test
    void everyScenarioHasAnExpectation() {
        assertThat(ON_LINUX.keySet()).containsExactlyInAnyOrderElementsOf(
                ScenarioCatalogue.all().stream().map(Scenario::id).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenariosAndObservers")
    void producesWhatLinuxDoes(String id, Observer observer) {
        Scenario s = ScenarioCatalogue.byId(id).orElseThrow();
        Expected expected = ON_LINUX.get(id);
        CaseRunner runner = runner(observer);
        for (int i = 0; i < REPETITIONS; i++) {
            Observation o = runner.run(s);
            String context = id + " " + observer + " repetition " + i + ": " + o;

            assertThat(o.failure()).as(context).isEmpty();
            if (isIoUringsMissedReset(o, s)) {
                continue;
            }
            assertThat(o.outcome()).as(context).isEqualTo(s.onLinux(observer));
            assertThat(o.latencyNanos()).as("t1 - t0 is known and not negative: " + context).isNotNegative();
            assertThat(o.handOffInMeasuredPath()).as("no hand-off of the harness between t0 and t1: " + context).isFalse();
            switch (expected.bytes) {
                case ALL_DELIVERED -> assertThat(o.bytesDelivered()).as(context).isGreaterThanOrEqualTo(o.peerBytesSent());
                case SOME_LOST -> assertThat(o.bytesDelivered()).as(context).isLessThan(o.peerBytesSent());
                case ANY -> assertThat(o.bytesDelivered()).as(context).isNotNegative();
            }
            if (expected.writesAccepted >= 0) {
                assertThat(o.writesAccepted()).as(context).isEqualTo(expected.writesAccepted);
            }
        }
    }

    @Test
    void afterABrokenPipeAReadSeesEofAndWritesKeepFailing() {
        Observation o = runner(Observer.BLOCKING).run(ScenarioCatalogue.byId("C1").orElseThrow());
        assertThat(o.nextRead()).isEqualTo("EOF");
        assertThat(o.nextWrite()).startsWith("BROKEN_PIPE");
    }

    @Test
    void theJdkKeepsReportingAResetOnEveryLaterRead() {
        for (Observer api : java.util.List.of(Observer.BLOCKING, Observer.NIO)) {
            Observation o = runner(api).run(ScenarioCatalogue.byId("C3a").orElseThrow());
            assertThat(o.nextRead()).as(api.name()).startsWith("RESET");
            assertThat(o.nextWrite()).as(api.name()).startsWith("BROKEN_PIPE");
        }
    }

    @Test
    void aHalfClosedConnectionStillCarriesTheObserversWrites() {
        for (Observer api : java.util.List.of(Observer.BLOCKING, Observer.NIO)) {
            Observation o = runner(api).run(ScenarioCatalogue.byId("X2-halfclose").orElseThrow());
            assertThat(o.nextWrite()).as(api.name()).isEqualTo("ok 1 B");
            assertThat(o.peerAfter()).as(api.name()).endsWith("ok 1 B");
        }
    }

    @Test
    void aResetWhileIdleIsReportedByTheFirstWrite() {
        Observation o = runner(Observer.NIO).run(ScenarioCatalogue.byId("X3-rst-on-write").orElseThrow());
        assertThat(o.detection().detectedBy()).isEqualTo("WRITE");
        assertThat(o.detection().exceptionMessage()).isEqualTo("Connection reset by peer");
    }

    /**
     * Netty's io_uring transport, on its defaults (multishot poll), now and then (about 1 in 1,000
     * repetitions here) reports nothing of an RST to a read with auto-read off: the read times out and
     * the next write reports the reset. Measured, counted as unexpected in the benchmarks, and said
     * in the findings; with {@code -Dio.netty.iouring.pollAddMultishotEnabled=false} it did not occur
     * in 11,000 repetitions. The test accepts exactly that signature, and nothing else.
     */
    static boolean isIoUringsMissedReset(Observation o, Scenario s) {
        return o.observer() == Observer.NETTY_IOURING && s.onLinux(o.observer()) == io.closebench.schema.Outcome.RESET
                && o.outcome() == io.closebench.schema.Outcome.TIMEOUT && o.nextWrite().startsWith("RESET");
    }

    private enum Bytes { ALL_DELIVERED, SOME_LOST, ANY }

    private record Expected(Bytes bytes, int writesAccepted) {
    }
}
