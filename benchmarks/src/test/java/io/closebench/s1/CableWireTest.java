package io.closebench.s1;

import static io.closebench.s1.CableTestSupport.group;
import static io.closebench.s1.CableTestSupport.of;
import static io.closebench.schema.Observer.NIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.SynRetries;
import io.closebench.cable.TcpKeepalive;
import io.closebench.schema.TimelineEvent;
import io.closebench.schema.row.S1TimelineRecord;
import io.closebench.wire.CaptureAvailability;
import io.closebench.wire.SegmentRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * S1 on the server's cable: each trial captured (its cable mirrored, its loopback), each
 * connection's timeline set beside the rules. With the client's address forgotten at the pull,
 * nothing of TCP leaves: the ARP requests do, and each connection's waiting segments come back as
 * reports once ARP fails; with it pinned (g'), every SYN retransmission is on the cable, one per
 * timer the rule has before it gives up; after a reboot (c) the first keepalive probe reaches the
 * host that answers it with RST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CableTestSupport.NothingLeftBehind.class)
@Timeout(180)
class CableWireTest {

    private static final TcpKeepalive KEEPALIVE = new TcpKeepalive(1, 1, 2);

    @TempDir
    static Path pcap;

    private List<CableSample> samples;

    @BeforeAll
    void captureThreeTrials() throws InterruptedException {
        CableTestSupport.assumeNamespaces();
        CaptureAvailability mirror = CaptureAvailability.probeMirror();
        assumeTrue(mirror.available(), () -> "mirrored capture unavailable: " + mirror.reason());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (io.closebench.rig.ThisHost here = new io.closebench.rig.ThisHost()) {
            samples = io.closebench.matrix.ConformanceMatrix.pulledCable(here, List.of(
                    new TrialSpec(CableFault.PULLED_SENDING, List.of(group(new ShortRetries(3), NIO))),
                    new TrialSpec(CableFault.RECONNECT_KNOWN_ADDRESS, List.of(group(new SynRetries(2), NIO))),
                    new TrialSpec(CableFault.HOST_REBOOTED, List.of(group(KEEPALIVE, NIO)))),
                    CableTestSupport.SETTINGS.capturingTo(pcap), 3, io.closebench.rig.RunControl.unstoppable(), s -> { },
                    new PrintStream(progress, true, StandardCharsets.UTF_8));
        }
        System.out.print(progress.toString(StandardCharsets.UTF_8));
        samples.forEach(s -> {
            System.out.println(s.fault().letter() + " " + s.mechanism().label() + " connection " + s.connection());
            CableTimeline.of(s).forEach(r -> System.out.println("  " + r));
        });
    }

    @Test
    void everyConnectionIsCapturedAndEachTrialLeavesItsTwoPcapFiles() throws Exception {
        assertThat(samples).allSatisfy(s -> assertThat(s.wire().unavailable()).as("%s", s).isEmpty());
        for (int trial = 1; trial <= 3; trial++) {
            String prefix = List.of("S1b", "S1gp", "S1c").get(trial - 1) + "-trial" + trial;
            assertThat(pcap.resolve(prefix + ".pcap")).exists();
            assertThat(pcap.resolve(prefix + "-reports.pcap")).exists();
        }
        try (var files = Files.list(pcap)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void theTimelineFileHoldsTheFirstTwoConnectionsOfEachGroupRowForRowAndTheCableFileTheirCounts() throws Exception {
        Path file = pcap.resolve("s1-timeline-test.csv");
        try (TimelineCsv csv = TimelineCsv.create(file)) {
            csv.append(samples);
        }
        List<S1TimelineRecord> back = S1TimelineRecord.FORMAT.records(S1TimelineRecord.FORMAT.table(file));
        List<S1TimelineRecord> expected = samples.stream().filter(s -> s.connection() < TimelineCsv.CONNECTIONS_PER_GROUP)
                .flatMap(s -> TimelineCsv.records(s).stream()).toList();
        assertThat(back).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(back).extracting(S1TimelineRecord::connection).allMatch(c -> c < TimelineCsv.CONNECTIONS_PER_GROUP);
        assertThat(CableCsv.records(samples, io.closebench.schema.Placement.OS)).allSatisfy(r -> {
            assertThat(r.wire().unavailable()).isEmpty();
            assertThat(r.wire().arpRequests()).isNotNegative();
            assertThat(r.wire().reports()).isNotNegative();
        });
    }

    @Test
    void withTheAddressForgottenNothingOfTcpLeavesButArpAndEachConnectionGetsItsReports() {
        assertThat(of(samples, s -> s.fault() == CableFault.PULLED_SENDING)).allSatisfy(s -> {
            assertThat(s.wire().serverSent()).as("held in the neighbour queue, never on the cable").isEmpty();
            assertThat(s.wire().arpRequests()).as("one resolution: 3 requests, 1 s apart").hasSizeGreaterThanOrEqualTo(3);
            assertThat(s.wire().reports()).as("its segments reported when ARP failed").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.syn()).isFalse());
            if (s.wire().kernelUnavailable().isEmpty()) {
                assertThat(s.wire().attempts()).as("the kernel's retransmissions, each held back for ARP").isNotEmpty()
                        .allSatisfy(a -> assertThat(a.err()).isEqualTo(-16));
                assertThat(s.wire().kernelEnd()).as("its kernel ended it").isPresent();
            }
        });
    }

    @Test
    void withTheAddressPinnedEverySynRetransmissionTheRuleHasIsOnTheCable() {
        assertThat(of(samples, s -> s.fault() == CableFault.RECONNECT_KNOWN_ADDRESS)).allSatisfy(s -> {
            List<CableTimeline.Row> rows = CableTimeline.of(s);
            List<CableTimeline.Row> onTheCable = rows.stream().filter(r -> r.event() == TimelineEvent.SEGMENT
                    && r.role().equals(SegmentRole.RETRANSMISSION.name())).toList();
            assertThat(onTheCable).as("the SYN retransmissions on the cable").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.measured()).isPresent());
            assertThat(rows).filteredOn(r -> r.event() == TimelineEvent.SEGMENT && r.role().equals(SegmentRole.SYN.name()))
                    .as("the first SYN, measured and expected").singleElement()
                    .satisfies(r -> assertThat(r.measured()).isPresent()).satisfies(r -> assertThat(r.rule()).isPresent());
            if (s.wire().kernelUnavailable().isEmpty()) {
                assertThat(rows).filteredOn(r -> r.event() == TimelineEvent.ATTEMPT)
                        .as("one sent attempt per retransmission on the cable, each the rule's")
                        .hasSize(onTheCable.size()).allSatisfy(r -> {
                            assertThat(r.detail()).isEqualTo("sent");
                            assertThat(r.rule()).isPresent();
                        });
                assertThat(s.wire().kernelConnect()).as("the connect's SYN_SENT").isPresent();
                assertThat(s.wire().kernelConnect().getAsLong()).as("after the fault").isPositive();
                assertThat(s.wire().kernelEnd()).as("its kernel ended the connect").isPresent();
                assertThat(s.wire().kernelEnd().getAsLong()).as("after it began")
                        .isGreaterThan(s.wire().kernelConnect().getAsLong());
            }
            assertThat(s.wire().reports()).as("a known address: nothing to report").isEmpty();
        });
    }

    @Test
    void afterARebootTheFirstKeepaliveProbeReachesTheHostWhichAnswersWithRst() {
        assertThat(of(samples, s -> s.fault() == CableFault.HOST_REBOOTED)).allSatisfy(s -> {
            assertThat(s.wire().serverSent()).extracting(e -> e.role()).first().isEqualTo(SegmentRole.KEEPALIVE_PROBE);
            assertThat(s.wire().facts().orElseThrow().firstRstFrom(io.closebench.wire.Party.PEER)).isPresent();
        });
    }
}
