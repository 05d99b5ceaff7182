package io.closebench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.fault.PeerRuntime;
import io.closebench.observe.EveryModel;
import io.closebench.scenario.Scenario;
import io.closebench.scenario.ScenarioCatalogue;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C observers report what the note reports, on every loopback case: the outcome, errno by name
 * and number, and whether SIGPIPE was raised, as Linux gives them. A FIN is recv() returning 0 (no
 * errno); an RST met by a read is ECONNRESET (104); C1's and S5's failing send is EPIPE (32) with
 * SIGPIPE, and without it under MSG_NOSIGNAL. Skipped, with the reason, where there is no C compiler.
 * Outcomes and invariants only; no timing is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class NativeObserverTest {

    private final RunnersByModel runners = new RunnersByModel();

    private CaseRunner runner(Observer observer) {
        return runners.of(observer);
    }

    /** Closing the runners ends their programs: none is left behind, nor a child of any case. */
    @AfterAll
    void stopRunnersAndLeaveNoProcessBehind() {
        runners.close();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList())
                .as("child processes left running").isEmpty();
    }

    Stream<Arguments> everyLoopbackScenarioOnEveryCObserver() {
        return ScenarioCatalogue.all().stream().flatMap(s -> EveryModel.natives().map(o -> Arguments.of(s.id(), o)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLoopbackScenarioOnEveryCObserver")
    void reportsTheOutcomeErrnoAndSigpipeLinuxGives(String id, Observer observer) {
        Scenario s = ScenarioCatalogue.byId(id).orElseThrow();
        Observation o = runner(observer).run(s);
        String context = id + " " + observer + ": " + o;

        assertThat(o.failure()).as(context).isEmpty();
        assertThat(o.outcome()).as(context).isEqualTo(s.onLinux(observer));
        assertThat(o.latencyNanos()).as("t1 - t0 is known and not negative: " + context).isNotNegative();
        assertThat(o.clocking().handOffInMeasuredPath()).as("no hand-off between t0 and t1: " + context).isFalse();
        if (s.timing() == io.closebench.scenario.Timing.OBSERVER_WAITS && s.runtime() == PeerRuntime.IN_PROCESS) {
            assertThat(o.clocking().fault().asleep()).as("the program's threads were asleep in the kernel at the fault: " + context)
                    .isEqualTo(io.closebench.schema.Asleep.YES);
        }
        Errno expected = Errno.of(o.outcome(), observer);
        assertThat(o.detection().exceptionClass()).as(context).isEqualTo(expected.name());
        assertThat(o.detection().exceptionMessage()).as(context).isEqualTo(expected.message());
        assertThat(o.detection().sigpipe()).as(context).isEqualTo(sigpipeOf(o, observer));
        String laterSend = "BROKEN_PIPE \\(EPIPE: 32: Broken pipe\\)" + (observer == Observer.NATIVE_NOSIGNAL ? "" : " with SIGPIPE");
        assertThat(o.delivery().nextWrite()).as(context).matches("ok 1 B|" + laterSend + "|CLOSED_LOCALLY \\(EBADF: 9: Bad file descriptor\\)");
    }

    /** The note's C1 and S5, literally: "32: Broken pipe, with SIGPIPE", on the send after the first. */
    @Test
    void c1AndS5FailingSendIsEpipe32WithSigpipeAndWithoutItUnderMsgNosignal() {
        for (Observer observer : EveryModel.natives().toList()) {
            for (String id : List.of("C1", "S5")) {
                Observation o = runner(observer).run(ScenarioCatalogue.byId(id).orElseThrow());
                String context = id + " " + observer + ": " + o;
                assertThat(o.outcome()).as(context).isEqualTo(Outcome.BROKEN_PIPE);
                assertThat(o.detection().detectedBy()).as(context).isEqualTo(io.closebench.schema.DetectedBy.WRITE);
                assertThat(o.delivery().writesAccepted()).as("the first send is accepted: " + context).isGreaterThanOrEqualTo(1);
                assertThat(o.detection().exceptionClass()).as(context).isEqualTo("EPIPE");
                assertThat(o.detection().exceptionMessage()).as(context).isEqualTo("32: Broken pipe");
                assertThat(o.detection().sigpipe()).as(context)
                        .isEqualTo(observer == Observer.NATIVE_NOSIGNAL ? SigPipe.NONE : SigPipe.RAISED);
            }
        }
    }

    /** "104: Connection reset by peer" on a read after an RST; Linux says it once, the next recv() returns 0. */
    @Test
    void aReadAfterAnRstIsEconnreset104OnceThenZero() {
        for (Observer observer : EveryModel.natives().toList()) {
            for (String id : List.of("X1-linger0", "S3b-bash", "S4b-bash", "C3a")) {
                Observation o = runner(observer).run(ScenarioCatalogue.byId(id).orElseThrow());
                String context = id + " " + observer + ": " + o;
                assertThat(o.outcome()).as(context).isEqualTo(Outcome.RESET);
                assertThat(o.detection().detectedBy()).as(context).isEqualTo(io.closebench.schema.DetectedBy.READ);
                assertThat(o.detection().exceptionClass()).as(context).isEqualTo("ECONNRESET");
                assertThat(o.detection().exceptionMessage()).as(context).isEqualTo("104: Connection reset by peer");
                assertThat(o.delivery().nextRead()).as(context).isEqualTo("EOF");
            }
        }
    }

    /** A FIN is recv() returning 0: EOF with no errno at all. */
    @Test
    void aFinIsRecvReturningZero() {
        for (Observer observer : EveryModel.natives().toList()) {
            for (String id : List.of("S2-inproc", "S2-bash", "X2-halfclose")) {
                Observation o = runner(observer).run(ScenarioCatalogue.byId(id).orElseThrow());
                String context = id + " " + observer + ": " + o;
                assertThat(o.outcome()).as(context).isEqualTo(Outcome.EOF);
                assertThat(o.detection().exceptionClass()).as(context).isEmpty();
                assertThat(o.detection().exceptionMessage()).as(context).isEmpty();
            }
        }
    }

    /** What the decisive call says of SIGPIPE: a read cannot raise it; a send raises it with EPIPE unless MSG_NOSIGNAL. */
    private static SigPipe sigpipeOf(Observation o, Observer observer) {
        if (o.detection().detectedBy() != io.closebench.schema.DetectedBy.WRITE || o.outcome() == Outcome.TIMEOUT && o.detection().exceptionClass().isEmpty()) {
            return SigPipe.UNKNOWN;
        }
        return o.outcome() == Outcome.BROKEN_PIPE && observer != Observer.NATIVE_NOSIGNAL ? SigPipe.RAISED : SigPipe.NONE;
    }

    /** errno as Linux (x86-64, arm64: the generic numbers) reports each outcome to the C observer. */
    private record Errno(String name, String message) {
        static Errno of(Outcome outcome, Observer observer) {
            return switch (outcome) {
                case EOF, NONE -> new Errno("", "");
                case RESET -> new Errno("ECONNRESET", "104: Connection reset by peer");
                case BROKEN_PIPE -> new Errno("EPIPE", "32: Broken pipe");
                // a blocking recv() bounded by SO_RCVTIMEO says EAGAIN; an epoll_wait() that runs out returns 0
                case TIMEOUT -> observer == Observer.NATIVE_EPOLL ? new Errno("", "")
                        : new Errno("EAGAIN", "11: Resource temporarily unavailable");
                case CLOSED_LOCALLY -> new Errno("EBADF", "9: Bad file descriptor");
                default -> throw new IllegalArgumentException("no errno expected for " + outcome);
            };
        }
    }
}
