package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.ConnectTimeout;
import io.closebench.cable.IcmpRateLimitCount;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.Mechanism;
import io.closebench.cable.SynRetries;
import io.closebench.cable.UserTimeout;
import io.closebench.cable.Workload;

import io.closebench.schema.DetectedBy;

import static io.closebench.s1.CableTestSupport.N;
import static io.closebench.s1.CableTestSupport.groups;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.s1.CableTestSupport.onEveryModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.cable.Theory.Reference;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults (g) and (g'): after the pull the server connects to the dead client again, on every
 * model that runs here. On the same link the address cannot be resolved and the connect fails
 * with EHOSTUNREACH; with the address pinned the SYNs go unanswered and the SYN retransmissions,
 * the connect timeout or {@code TCP_USER_TIMEOUT} decide. Assertions: the outcomes Linux gives, and
 * which limit came first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
@Timeout(180)
class ReconnectTest {

    private static final KernelDefaults DEFAULTS = new KernelDefaults();
    private static final ConnectTimeout CONNECT_TIMEOUT = new ConnectTimeout(1000);
    private static final UserTimeout USER_TIMEOUT = new UserTimeout(2000);
    private static final SynRetries SYN_RETRIES = new SynRetries(1);
    /**
     * Connects waiting on one failed ARP entry in one trial: well over {@code icmp_msgs_burst} (50),
     * so that the kernel cannot report them all (at 60 or 90 it sometimes nearly can: the burst
     * refills at {@code icmp_msgs_per_sec} while the queue is reported); in three groups (at most
     * 50 each). Some need a third round, after the trial's bound.
     */
    private static final int CROWD = 120;

    /** Where the two trials of the ARP-round rule leave their captures. */
    @TempDir
    static Path pcap;

    /** The two trials with nothing set (36 connects, the crowd), captured: the kernel's own account of each connect. */
    private List<CableSample> arpRounds;
    private List<CableSample> samples;

    @BeforeAll
    void reconnect() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        arpRounds = CableTestSupport.runCapturedTo(pcap,
                new TrialSpec(CableFault.RECONNECT, onEveryModel(DEFAULTS, N)),
                new TrialSpec(CableFault.RECONNECT, List.of(new CableGroup(DEFAULTS, Observer.NIO, CROWD / 3),
                        new CableGroup(DEFAULTS, Observer.BLOCKING, CROWD / 3),
                        new CableGroup(DEFAULTS, Observer.NETTY_NIO, CROWD / 3))));
        List<CableSample> limited = CableTestSupport.run(
                new TrialSpec(CableFault.RECONNECT, groups(onEveryModel(CONNECT_TIMEOUT, N), onEveryModel(USER_TIMEOUT, N))),
                new TrialSpec(CableFault.RECONNECT_KNOWN_ADDRESS, onEveryModel(SYN_RETRIES, N)),
                new TrialSpec(CableFault.RECONNECT_KNOWN_ADDRESS, groups(onEveryModel(CONNECT_TIMEOUT, N),
                        onEveryModel(USER_TIMEOUT, N))));
        samples = java.util.stream.Stream.concat(arpRounds.stream(), limited.stream()).toList();
    }

    private List<CableSample> of(CableFault fault, Mechanism m) {
        return CableTestSupport.of(samples, s -> s.fault() == fault && s.mechanism().equals(m));
    }

    /** The trial of {@code connections} connections with nothing set. */
    private List<CableSample> trialOf(int connections) {
        var trials = arpRounds.stream().collect(java.util.stream.Collectors.groupingBy(CableSample::trial));
        return trials.values().stream().filter(t -> t.size() == connections).findFirst().orElseThrow();
    }

    @Test
    void onTheSameLinkTheConnectFailsWhenArpGivesUpNotAfterTheSynRetries() {
        List<CableSample> trial = trialOf(N * CableTestSupport.models().size());
        assertThat(trial).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.NO_ROUTE_TO_HOST);
            assertThat(s.detectedBy()).isEqualTo(DetectedBy.CONNECT);
            assertThat(s.theory().reference()).isEqualTo(Reference.CONNECT);
            assertThat(s.theory().why()).startsWith("ARP for the dead host fails");
            assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
        });
        // each fails when an ARP round does: the first, or a later one behind a cut of the first one's reports
        // or of the ICMP credit (docs/findings-s1-kernel-rules.md, item 2; with fewer SYNs than the burst, drops are rare)
        List<CableSample> late = assertWholeRoundsLate(trial);
        assertThat(trial).filteredOn(s -> !late.contains(s)).as("the connects the first round reported").isNotEmpty()
                .allSatisfy(s -> assertThat(s.ratio()).isBetween(0.99, 1.3));
        assertLateOnesAreTheQueuesTail(trial);
    }

    @Test
    void connectsBeyondTheIcmpBurstLearnAtALaterArpRound() {
        List<CableSample> trial = trialOf(CROWD);
        long dropped = trial.get(0).icmpRateLimited();
        org.junit.jupiter.api.Assumptions.assumeTrue(dropped != IcmpRateLimitCount.NOT_COUNTED,
                "this kernel does not count ICMP dropped to its rate limit (Linux 6.0+)");
        assertThat(trial).allSatisfy(s -> {
            assertThat(s.reachedBound() || s.outcome() == Outcome.NO_ROUTE_TO_HOST).as(s.outcome() + " "
                    + s.exceptionMessage()).isTrue();
            assertThat(s.icmpRateLimited()).isEqualTo(dropped);
        });
        assertThat(dropped).as("reports dropped for " + CROWD + " waiting connects").isPositive();
        List<CableSample> decided = trial.stream().filter(s -> !s.reachedBound()).toList();
        assertThat(assertWholeRoundsLate(decided).size() + (trial.size() - decided.size()))
                .as("connects learning a round later or after the bound").isPositive();
        assertLateOnesAreTheQueuesTail(trial);
    }

    /**
     * Two connects whose calls entered SYN_SENT this close, on the two CPUs, may queue their SYNs in either
     * order: the SYN follows the state change within the same call, microseconds later. (Measured in ten
     * traced crowds of 120: the order of SYN_SENT and the order of the reports agreed at every boundary.)
     */
    private static final long SAME_QUEUE_INSTANT_NANOS = 100_000L;

    /**
     * The rule of docs/findings-s1-kernel-rules.md, item 2, in the kernel's own order (each connect's
     * SYN_SENT, from its trace: a Java instant taken before the call is not that order, since a thread can
     * lose its CPU between the two; measured, 25 ms in the crowd): a failed round reports the queue from
     * its head, in that order, until the ICMP credit is gone (the rest are dropped, counted) or a SYN for
     * the host leaves while the reports are sent (the entry is no longer FAILED: the loop stops and the
     * kernel purges the rest of the queue without a report). So the connects not ended by the first round
     * are the tail of the queue; there are no more of them than reports dropped, unless the round was cut:
     * a connect it reported sent its SYN again (a timer on the other CPU, its copy freed by its report)
     * before its report reached it. Each connect left behind sends its SYN again (its copy is gone, not
     * held: err 0) before it learns.
     */
    private static void assertLateOnesAreTheQueuesTail(List<CableSample> trial) {
        assumeTrue(trial.stream().allMatch(s -> s.wire().kernelUnavailable().isEmpty()),
                () -> "no kernel account of the trial's connects: " + trial.get(0).wire().kernelUnavailable());
        assertThat(trial).allSatisfy(s -> assertThat(s.wire().kernelConnect()).as("its SYN_SENT traced").isPresent());
        List<CableSample> late = trial.stream().filter(s -> s.reachedBound() || s.learntAtALaterRound()).toList();
        List<CableSample> first = trial.stream().filter(s -> !late.contains(s)).toList();
        if (late.isEmpty()) {
            return;
        }
        long lastReported = first.stream().mapToLong(ReconnectTest::queuedAt).max().orElse(Long.MIN_VALUE);
        assertThat(late).as("the late connects are the tail of the queue, after the last one the round reported")
                .allSatisfy(s -> assertThat(queuedAt(s)).isGreaterThan(lastReported - SAME_QUEUE_INSTANT_NANOS));
        assertThat(late).as("each late connect's SYN left again: its copy was freed without a report reaching it")
                .allSatisfy(s -> assertThat(s.wire().attempts()).anyMatch(CableWireFacts.Attempt::sent));
        long dropped = trial.get(0).icmpRateLimited();
        // where the kernel does not count its drops (before 6.0), drops and a cut cannot be told apart
        if (dropped != IcmpRateLimitCount.NOT_COUNTED && late.size() > dropped) {
            List<CableSample> cutBy = first.stream().filter(ReconnectTest::sentItsSynAgainBeforeItsReportArrived).toList();
            assertThat(cutBy).as(late.size() + " late, " + dropped + " reports dropped: the round's reports were cut by a"
                    + " SYN that left while they were sent").isNotEmpty();
            System.out.println("first round cut by the SYN of connection(s) " + cutBy.stream().map(s -> s.observer() + " c"
                    + s.connection()).toList() + "; " + late.size() + " late, " + dropped + " reports dropped");
        }
    }

    /** When its SYN joined the neighbour's queue, after t0: the kernel's SYN_SENT. */
    private static long queuedAt(CableSample s) {
        return s.wire().kernelConnect().orElseThrow();
    }

    /** A SYN of its sent (not held) before its kernel ended it: after its copy was freed, before its report arrived. */
    private static boolean sentItsSynAgainBeforeItsReportArrived(CableSample s) {
        long end = s.wire().kernelEnd().orElse(Long.MAX_VALUE);
        return s.wire().attempts().stream().anyMatch(a -> a.sent() && a.sinceT0Nanos() < end);
    }

    /** The connects late by more than their rule: each by at least one more ARP round. */
    private static List<CableSample> assertWholeRoundsLate(List<CableSample> trial) {
        assertThat(trial).allSatisfy(s -> assertThat(s.ratio()).isGreaterThanOrEqualTo(0.99));
        List<CableSample> late = trial.stream().filter(s -> s.ratio() > 1.3).toList();
        assertThat(late).allSatisfy(s -> assertThat(s.learntAtALaterRound()).as("one or more whole rounds later, ratio "
                + s.ratio()).isTrue());
        return late;
    }

    @Test
    void aConnectTimeoutEndsTheAttemptOnItsOwnTimerBeforeTheKernelDecides() {
        for (CableFault fault : List.of(CableFault.RECONNECT, CableFault.RECONNECT_KNOWN_ADDRESS)) {
            assertThat(of(fault, CONNECT_TIMEOUT)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.TIMEOUT);
                assertThat(s.detectedBy()).isEqualTo(DetectedBy.CONNECT_TIMEOUT);
                assertThat(s.ratio()).isBetween(0.99, 1.3);
            });
        }
    }

    @Test
    void tcpUserTimeoutBoundsAConnectStillInSynSent() {
        for (CableFault fault : List.of(CableFault.RECONNECT, CableFault.RECONNECT_KNOWN_ADDRESS)) {
            assertThat(of(fault, USER_TIMEOUT)).allSatisfy(s -> {
                assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
                assertThat(s.detectedBy()).isEqualTo(DetectedBy.CONNECT);
                assertThat(s.theory().boundNanos()).isEqualTo(USER_TIMEOUT.nanos());
                assertThat(s.ratio()).isBetween(0.99, 1.3);
                assertThat(s.tcpStateAtEnd()).isEqualTo("gone");
            });
        }
    }

    @Test
    void withTheAddressKnownTheSynRetransmissionsGiveUpAsTheKernelModelsThem() {
        assertThat(of(CableFault.RECONNECT_KNOWN_ADDRESS, SYN_RETRIES)).allSatisfy(s -> {
            assertThat(s.outcome()).as(s.exceptionMessage()).isEqualTo(Outcome.CONNECTION_TIMED_OUT);
            // tcp_syn_retries=1: 2^2 - 1 = 3 s of SYNs, whatever the linear timeouts allow
            assertThat(s.theory().boundNanos()).isEqualTo(3_000_000_000L);
            assertThat(s.ratio()).isBetween(0.99, 1.3);
        });
    }

    @Test
    void everyReconnectStartsAfterTheFaultAndLeavesNothingConnected() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.failure()).isEmpty();
            assertThat(s.outcome()).isNotEqualTo(Outcome.NONE);
            assertThat(s.detectionNanos() - s.sinceReferenceNanos()).as("the connect call, after t0")
                    .isGreaterThanOrEqualTo(Workload.RECONNECT_AFTER.toNanos());
        });
    }
}
