package io.closebench.settings;

import static io.closebench.schema.Observer.BLOCKING;
import static io.closebench.schema.Observer.NETTY_EPOLL;
import static io.closebench.schema.Observer.NIO;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.CableFault;
import io.closebench.cable.Combination;
import io.closebench.cable.ConnectTimeout;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;
import io.closebench.matrix.ConformanceMatrix;
import io.closebench.netns.IpNetns;
import io.closebench.netns.NamespaceNames;
import io.closebench.rig.RunControl;
import io.closebench.rig.ThisHost;
import io.closebench.s1.CableExperiment;
import io.closebench.s1.CableSample;
import io.closebench.s1.CableSettings;
import io.closebench.s1.TrialSpec;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code closebench settings}' trials for real, on network namespaces: every fault of a server with
 * short settings (seconds) on BLOCKING, NIO and NETTY_EPOLL, each connection held against its
 * settings' rule with a margin; the settings chosen for a 5 s target measured within it; nothing
 * left behind. Needs root and network namespaces, skipped with the reason elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class SettingsTrialTest {

    private static final CableSettings CABLE = new CableSettings(Duration.ofSeconds(4), Duration.ofMillis(500),
            Duration.ofSeconds(1), io.closebench.placement.CpuPlan.of(io.closebench.schema.Placement.OS));
    private static final List<io.closebench.schema.Observer> THREE = List.of(BLOCKING, NIO, NETTY_EPOLL);
    private static final Set<Outcome> KERNEL_GAVE_UP = Set.of(Outcome.CONNECTION_TIMED_OUT, Outcome.NO_ROUTE_TO_HOST);

    /** The kernel's mechanisms: keepalive, a short tcp_retries2, a connect timeout. */
    private static final Combination KERNEL = Combination.nothing("kernel").withKeepalive(new TcpKeepalive(1, 1, 2))
            .withRetries2(new ShortRetries(5)).withConnectTimeout(new ConnectTimeout(1000));
    /** The application's: a heartbeat. */
    private static final Combination HEARTBEAT = Combination.nothing("heartbeat").withHeartbeat(new AppHeartbeat(500, 3));
    /** Keepalive with TCP_USER_TIMEOUT, which only Netty's native transports set. */
    private static final Combination USER_TIMEOUT = Combination.nothing("user-timeout")
            .withKeepalive(new TcpKeepalive(1, 1, 2)).withUserTimeout(new UserTimeout(2000));
    private static final Combination WITHIN_5S = TargetSolver.solve(Duration.ofSeconds(5), "within-5s");

    private final List<CableSample> samples = new ArrayList<>();

    @BeforeAll
    void runTheFaults() throws InterruptedException {
        var c = CableExperiment.capability();
        Assumptions.assumeTrue(c.available(), () -> "network namespaces unavailable: " + c.reason());
        List<TrialSpec> trials = new ArrayList<>();
        trials.addAll(SettingsPlan.of(KERNEL, THREE, 2, Duration.ofMinutes(1), CABLE).trials());
        trials.addAll(SettingsPlan.of(HEARTBEAT, THREE, 2, Duration.ofMinutes(1), CABLE).trials());
        trials.addAll(SettingsPlan.of(USER_TIMEOUT, List.of(NETTY_EPOLL), 2, Duration.ofMinutes(1), CABLE).trials());
        trials.addAll(SettingsPlan.of(WITHIN_5S, THREE, 2, Duration.ofSeconds(5), CABLE).trials());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (ThisHost here = new ThisHost()) {
            samples.addAll(ConformanceMatrix.pulledCable(here, trials, CABLE, 6, RunControl.unstoppable(), s -> { },
                    new PrintStream(progress, true, StandardCharsets.UTF_8)));
        }
        System.out.print(progress.toString(StandardCharsets.UTF_8));
        for (Combination settings : List.of(KERNEL, HEARTBEAT, USER_TIMEOUT, WITHIN_5S)) {
            SettingsTable.print(SettingsPlan.of(settings, List.copyOf(settings.observers().stream()
                    .filter(THREE::contains).toList()), 2, Duration.ofMinutes(1), CABLE), of(settings), System.out);
        }
    }

    @AfterAll
    void nothingIsLeftBehind() throws InterruptedException {
        if (!CableExperiment.capability().available()) {
            return;
        }
        assertThat(IpNetns.listStartingWith(NamespaceNames.jvmPrefix())).as("namespaces left behind").isEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("child processes left behind").isEmpty();
    }

    private List<CableSample> of(Combination settings) {
        return samples.stream().filter(s -> s.mechanism().equals(settings)).toList();
    }

    private List<CableSample> of(Combination settings, CableFault fault) {
        List<CableSample> own = of(settings).stream().filter(s -> s.fault() == fault).toList();
        assertThat(own).as(settings.label() + " " + fault.letter()).isNotEmpty();
        assertThat(own).allSatisfy(s -> assertThat(s.failure()).isEmpty());
        return own;
    }

    @Test
    void everyFaultRanOnEveryObserverThatCanApplyTheSettings() {
        for (CableFault f : SettingsPlan.FAULTS) {
            assertThat(of(KERNEL, f)).extracting(CableSample::observer).containsOnly(BLOCKING, NIO, NETTY_EPOLL)
                    .contains(BLOCKING, NIO, NETTY_EPOLL);
            assertThat(of(USER_TIMEOUT, f)).extracting(CableSample::observer).containsOnly(NETTY_EPOLL);
        }
    }

    @Test
    void keepaliveEndsTheIdlePulledCableAndMeetsTheRebootedHostsResetWithinItsRule() {
        assertThat(of(KERNEL, CableFault.PULLED_IDLE)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isIn(KERNEL_GAVE_UP);
            assertThat(s.ratio()).isBetween(0.8, 2.0);
        });
        assertThat(of(KERNEL, CableFault.HOST_REBOOTED)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.RESET);
            assertThat(s.ratio()).isBetween(0.5, 2.0);
        });
    }

    @Test
    void withDataInFlightTheShortRetriesDecideNotKeepalive() {
        assertThat(of(KERNEL, CableFault.PULLED_SENDING)).allSatisfy(s -> {
            assertThat(s.outcome()).isIn(KERNEL_GAVE_UP);
            assertThat(s.theory().why()).contains("tcp_retries2=5");
            assertThat(s.ratio()).isBetween(0.8, 2.0);
        });
    }

    @Test
    void theKernelsMechanismsNeverSeeAFrozenPeerOrOneThatStoppedReading() {
        for (CableFault f : List.of(CableFault.PEER_FROZEN, CableFault.PEER_NOT_READING)) {
            assertThat(of(KERNEL, f)).allSatisfy(s -> {
                assertThat(s.detectedBy()).isEqualTo(DetectedBy.BOUND);
                assertThat(s.theory().isNever()).isTrue();
            });
        }
    }

    @Test
    void theConnectTimeoutEndsTheReconnectBeforeTheAddressResolutionFails() {
        assertThat(of(KERNEL, CableFault.RECONNECT)).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.CONNECT_TIMEOUT);
            assertThat(s.ratio()).isBetween(0.8, 1.5);
        });
    }

    @Test
    void theHeartbeatSeesEveryEstablishedConnectionFaultWithinItsRule() {
        for (CableFault f : List.of(CableFault.PULLED_IDLE, CableFault.PULLED_SENDING, CableFault.PEER_FROZEN,
                CableFault.PEER_NOT_READING)) {
            assertThat(of(HEARTBEAT, f)).as(f.letter()).allSatisfy(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.HEARTBEAT_MISSED);
                assertThat(s.ratio()).isBetween(0.8, 1.5);
            });
        }
        assertThat(of(HEARTBEAT, CableFault.HOST_REBOOTED)).allSatisfy(s -> assertThat(s.outcome())
                .isIn(Outcome.RESET, Outcome.HEARTBEAT_MISSED));
    }

    @Test
    void theUserTimeoutBoundsDataInFlightAndAClosedWindowOnNettysEpoll() {
        for (CableFault f : List.of(CableFault.PULLED_SENDING, CableFault.PEER_NOT_READING)) {
            assertThat(of(USER_TIMEOUT, f)).as(f.letter()).allSatisfy(s -> {
                assertThat(s.outcome()).isIn(KERNEL_GAVE_UP);
                assertThat(s.ratio()).isBetween(0.8, 2.0);
            });
        }
    }

    @Test
    void theSettingsChosenForFiveSecondsDetectEveryFaultWithinFiveSeconds() {
        for (CableFault f : SettingsPlan.FAULTS) {
            assertThat(of(WITHIN_5S, f)).as(f.letter()).allSatisfy(s -> {
                assertThat(s.reachedBound()).as("reached the bound").isFalse();
                assertThat(s.outcome()).isNotIn(Outcome.NONE, Outcome.HARNESS_FAILURE);
                long took = f.reconnects() ? s.sinceReferenceNanos() : s.detectionNanos();
                assertThat(took).as(s.outcome() + " " + s.exceptionMessage()).isBetween(0L, 5_000_000_000L);
            });
        }
    }
}
