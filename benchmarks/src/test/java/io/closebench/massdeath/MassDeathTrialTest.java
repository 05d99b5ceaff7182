package io.closebench.massdeath;

import io.closebench.fault.MassFault;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.s1.CableExperiment;
import io.closebench.cable.Mechanism;
import io.closebench.observe.EveryModel;
import io.closebench.placement.CpuPlan;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loopback fault with N = 1 and N = 200 on every observer model: every connection accounted
 * for, each with the outcome Linux gives (EOF for a killed client, RESET where unread data or
 * SO_LINGER 0 make its kernel abort), and nothing left running or open afterwards.
 */
@Timeout(120)
class MassDeathTrialTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    static Stream<Arguments> everyFaultOnEveryModel() {
        return Stream.of(MassFault.values()).filter(MassFault::onLoopback).flatMap(f -> models()
                .flatMap(o -> Stream.of(1, 200).map(n -> Arguments.of(f, o, n))));
    }

    private static Stream<Observer> models() {
        return Stream.concat(EveryModel.models(), Stream.of(Observer.NIO_PER_CORE));
    }

    @ParameterizedTest(name = "{0} {1} n{2}")
    @MethodSource("everyFaultOnEveryModel")
    void everyConnectionIsAccountedForWithTheOutcomeLinuxGives(MassFault fault, Observer observer, int n) {
        EveryModel.assumeRunsHere(observer);
        MassDeathResult r = MassDeathTrial.run(spec(fault, observer, n), 1);

        assertThat(r.failure()).as("trial failure").isEmpty();
        assertThat(r.latencyNanos()).hasSize(n);
        assertThat(r.detected()).as("detected by the bound, " + r.outcomeCounts()).isEqualTo(n);
        assertThat(Arrays.stream(r.outcomes()).distinct()).as(r.outcomeCounts()).containsExactly(fault.expected());
        assertThat(Arrays.stream(r.latencyNanos()).boxed()).allSatisfy(l -> assertThat(l).isBetween(0L, BOUND.toNanos()));
        assertThat(r.histogram().getTotalCount()).as("detections in the histogram").isEqualTo(n);
        assertThat(r.histogram().getMaxValue()).isEqualTo(r.histogram().highestEquivalentValue(r.lastNanos()));
        assertThat(r.loops()).as("watching threads or loops")
                .isEqualTo(observer == Observer.BLOCKING || observer == Observer.VIRTUAL ? n
                        : observer == Observer.NIO_PER_CORE ? (int) io.closebench.placement.Affinity.allowed().stream().count() : 1);
    }

    @Test
    void aTrialLeavesNoChildNoDescriptorAndNoThreadBehind() throws IOException {
        for (MassFault f : MassFault.values()) {
            if (f.onLoopback()) {
                MassDeathTrial.run(spec(f, Observer.NIO, 50), 0); // class loading, jars, selectors' first use
            }
        }
        long fds = openDescriptors();
        int threads = Thread.activeCount();

        for (Observer o : models().toList()) {
            if (io.closebench.observe.ObserverModels.unavailableReason(o).isEmpty()) {
                for (MassFault f : MassFault.values()) {
                    if (f.onLoopback()) {
                        assertThat(MassDeathTrial.run(spec(f, o, 200), 1).failure()).as(f + " " + o).isEmpty();
                    }
                }
            }
        }

        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("child processes left running").isZero();
        assertThat(openDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fds);
        assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads);
    }

    @Test
    void aHostThatRebootsIsDetectedByKeepaliveOnEveryConnectionOrSkippedWithTheReason() {
        MassDeathSpec spec = new MassDeathSpec(MassFault.HOST, Observer.NIO, 3, CpuPlan.of(Placement.OS), 0,
                Duration.ofSeconds(30), Optional.of(Mechanism.decode("KEEPALIVE:1:1:2")));
        MassDeathResult r = MassDeathTrial.run(spec, 1);
        if (!CableExperiment.capability().available()) {
            assertThat(r.failure()).startsWith("skipped: HOST needs network namespaces: ")
                    .endsWith(CableExperiment.capability().reason());
            assertThat(r.outcomes()).containsOnly(Outcome.HARNESS_FAILURE);
            Assumptions.abort("HOST skipped here: " + CableExperiment.capability().reason());
        }
        assertThat(r.failure()).isEmpty();
        assertThat(r.detected()).as(r.outcomeCounts()).isEqualTo(3);
        assertThat(r.outcomes()).as("the rebooted host answers the first probe with a reset").containsOnly(Outcome.RESET);
    }

    private static MassDeathSpec spec(MassFault fault, Observer observer, int n) {
        return new MassDeathSpec(fault, observer, n, CpuPlan.of(Placement.OS), 0, BOUND, Optional.empty());
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
