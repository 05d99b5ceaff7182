package io.closebench.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.HostPair;
import io.closebench.netns.NetnsCapability;
import io.closebench.trace.KernelTrace;
import io.closebench.trace.KernelTraceAvailability;
import io.closebench.trace.KernelTraceRecord;
import io.closebench.trace.RetransmitAttempt;
import io.closebench.trace.StateChange;
import io.closebench.trace.TcpState;
import io.closebench.trace.TraceFilter;
import io.closebench.wire.Endpoint;
import io.closebench.wire.CaptureAvailability;
import io.closebench.wire.PcapFile;
import io.closebench.wire.PcapPacket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault (g) without the harness: plain JDK connects from the server's namespace to a host whose
 * cable is pulled, the kernel's own host-unreachable reports captured on the namespace's loopback
 * (where a locally generated ICMP error is delivered). What decides when each connect fails
 * (docs/findings-s1-kernel-rules.md, item 2):
 * <ul>
 *   <li>every SYN waits in the one neighbour entry's queue; retransmission timers meanwhile find
 *       it still queued and send nothing ({@code TCPSpuriousRtxHostQueues});</li>
 *   <li>when the resolution fails, the queue is reported in order, one ICMP per waiting SYN,
 *       until the namespace's ICMP credit ({@code icmp_msgs_burst}) is used up: the connects
 *       reported by the first failed round are the first ones by SYN order, the rest are dropped
 *       ({@code OutRateLimitGlobal});</li>
 *   <li>a connect whose report was dropped retransmits its SYN at its next SYN timer, which joins
 *       the next resolution round, and fails when a round's report for it passes;</li>
 *   <li>a connect reported once its SYN backoff has started (after {@code tcp_syn_linear_timeouts}
 *       timeouts) first has its backoff reverted (RFC 6069), which retransmits its SYN at once; that
 *       SYN outlives the connect and its report, in the next round, takes a credit from the
 *       connects still waiting.</li>
 * </ul>
 * Asserts the order and the counts, never a time.
 */
@Timeout(90)
class DeadHostConnectReportsTest {

    private static final int CONNECTS = 120;
    private static final int FIRST_PORT = 21000;
    private static final int SERVICE_PORT = 9;
    /** More than 3 rounds of 3 s plus the SYN timers between them (1, 2, 3, 4, 5, 7, 11, 19 s). */
    private static final int CHILD_SECONDS = 40;
    /** Reports of one failed round leave within microseconds; rounds are seconds apart. */
    private static final long ROUND_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @TempDir
    Path folder;

    @Test
    void connectsFailInTheOrderTheirSynsWaitedAndLateOnesLostTheirReportToTheIcmpBurst() throws Exception {
        NetnsCapability netns = NetnsCapability.probe();
        assumeTrue(netns.available(), () -> "network namespaces unavailable: " + netns.reason());
        CaptureAvailability capture = CaptureAvailability.probe();
        assumeTrue(capture.available(), () -> "packet capture unavailable: " + capture.reason());

        Map<Integer, String> failed = new HashMap<>();
        List<Integer> failureOrder = new ArrayList<>();
        List<Report> reports;
        String whyNoTrace;
        Set<Integer> resentBeforeTheirEnd = null;
        long dropped;
        long sent;
        long hostQueued;
        try (HostPair pair = HostPair.create()) {
            String srv = pair.serverNamespace();
            pair.pullCable();
            awaitNeighbourForgotten(pair, srv);
            Path pcap = folder.resolve("lo.pcap");
            Process tcpdump = pair.processIn(srv, "tcpdump", "-i", "lo", "-n", "-U",
                    "--time-stamp-precision=nano", "-c", "10000", "-w", pcap.toString(), "icmp")
                    .redirectErrorStream(true).redirectOutput(folder.resolve("tcpdump.log").toFile()).start();
            KernelTraceAvailability tracing = KernelTraceAvailability.probe();
            whyNoTrace = tracing.available() ? "" : tracing.reason();
            try (KernelTrace trace = tracing.available() ? KernelTrace.start(TraceFilter.remoteEnds(
                    new Endpoint(pair.clientAddress(), SERVICE_PORT))) : null) {
                awaitListening(folder.resolve("tcpdump.log"));
                Counters before = Counters.read(pair, srv);
                Process child = pair.processIn(srv, javaMain(DeadHostConnectsMain.class,
                        pair.clientAddress().getHostAddress(), String.valueOf(SERVICE_PORT), String.valueOf(CONNECTS),
                        String.valueOf(FIRST_PORT), String.valueOf(CHILD_SECONDS)).toArray(String[]::new))
                        .redirectError(folder.resolve("child.err").toFile()).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null && !line.equals("DONE"); line = out.readLine()) {
                        String[] f = line.split(" ", 3);
                        int port = Integer.parseInt(f[1]);
                        failed.put(port, f[0].equals("FAILED") ? f[2] : f[0]);
                        failureOrder.add(port);
                    }
                } finally {
                    child.destroyForcibly();
                    child.waitFor(10, TimeUnit.SECONDS);
                }
                TimeUnit.MILLISECONDS.sleep(300);
                Counters after = Counters.read(pair, srv);
                dropped = after.rateLimited - before.rateLimited;
                sent = after.destUnreachSent - before.destUnreachSent;
                hostQueued = after.spuriousHostQueues - before.spuriousHostQueues;
                if (trace != null) {
                    KernelTraceRecord record = trace.stop();
                    resentBeforeTheirEnd = record.complete() ? synSentAgainBeforeTheConnectEnded(record) : null;
                    whyNoTrace = record.complete() ? "" : "the kernel trace is incomplete: " + record;
                }
            } finally {
                tcpdump.destroy();
                tcpdump.waitFor(10, TimeUnit.SECONDS);
                tcpdump.destroyForcibly();
            }
            reports = Report.read(pcap);
        }

        List<List<Report>> rounds = rounds(reports);
        Map<Integer, Integer> firstRound = new HashMap<>();
        for (int r = 0; r < rounds.size(); r++) {
            for (Report report : rounds.get(r)) {
                firstRound.putIfAbsent(report.localPort(), r);
            }
        }
        System.out.println("reports per round: " + rounds.stream().map(List::size).toList() + "; dropped " + dropped
                + ", sent " + sent + ", retransmissions that found the SYN still queued " + hostQueued);
        for (int r = 0; r < rounds.size(); r++) {
            System.out.println("round " + (r + 1) + ": " + rounds.get(r).stream().map(Report::localPort).toList());
        }

        assertThat(failed).as("every connect ended").hasSize(CONNECTS);
        assertThat(failed.values()).as("every connect fails with EHOSTUNREACH").allMatch(m -> m.equals("No route to host"));
        assertThat(reports).as("every report the kernel sent is on lo").hasSize((int) sent);
        assertThat(hostQueued).as("SYN timers that found the SYN still in the neighbour's queue").isPositive();
        assertThat(firstRound.keySet()).as("each connect was reported").hasSize(CONNECTS);

        List<Integer> round1 = rounds.get(0).stream().map(Report::localPort).toList();
        List<Integer> bySynOrder = new ArrayList<>();
        for (int i = 0; i < round1.size(); i++) {
            bySynOrder.add(FIRST_PORT + i);
        }
        assertThat(round1).as("the first failed round reports the queue in order until its ICMP credit is gone")
                .isEqualTo(bySynOrder);
        assertThat(round1.size()).as("more SYNs waited than the burst lets through").isLessThan(CONNECTS);
        // the rest of the queue lost its report to the rate limit, or the round was cut: a connect it had reported
        // sent its SYN again (its copy freed, its report not yet delivered), the kernel stopped reporting and purged
        // the rest unreported (docs/findings-s1-kernel-rules.md, item 2, "the cut"); only the trace shows that SYN
        Set<Integer> reportedThenResent = new LinkedHashSet<>(round1);
        if (resentBeforeTheirEnd != null) {
            reportedThenResent.retainAll(resentBeforeTheirEnd);
            System.out.println("round 1 connects that sent their SYN again before their report reached them: "
                    + reportedThenResent);
        } else {
            reportedThenResent.clear();
        }
        if (dropped < CONNECTS - round1.size()) {
            assumeTrue(resentBeforeTheirEnd != null, (CONNECTS - round1.size()) + " left for a later round, "
                    + dropped + " reports dropped: only a cut explains the rest, and the kernel trace that shows it is"
                    + " unavailable: " + whyNoTrace);
            assertThat(reportedThenResent).as((CONNECTS - round1.size()) + " left for a later round, " + dropped
                    + " reports dropped: the round was cut by a SYN that left while it reported").isNotEmpty();
        }

        // a connect fails with its first report: the order of failures follows the order of first reports' rounds
        int lastRound = 0;
        for (int port : failureOrder) {
            int round = firstRound.get(port);
            assertThat(round).as("port " + port + " failed after a connect first reported in a later round")
                    .isGreaterThanOrEqualTo(lastRound);
            lastRound = round;
        }
        // reports of ports already reported: the SYN the RFC 6069 revert retransmitted; never from a connect
        // reported in the first round, whose SYN backoff had not started (tcp_syn_linear_timeouts), unless its
        // SYN timer sent the SYN again between its report and the report's delivery (the cut's SYN, traced)
        Set<Integer> zombies = new LinkedHashSet<>();
        for (int r = 1; r < rounds.size(); r++) {
            for (Report report : rounds.get(r)) {
                if (firstRound.get(report.localPort()) < r) {
                    zombies.add(report.localPort());
                }
            }
        }
        System.out.println("reported again after their connect had failed: " + zombies);
        assertThat(zombies).as("no connect reported in round 1 sent another SYN, but between its report and its end")
                .allMatch(port -> firstRound.get(port) >= 1 || reportedThenResent.contains(port));
    }

    /**
     * The local ports of the connects whose SYN the kernel sent again (not held: its copy no longer waited)
     * before the connect ended, by the trace: a connect ends when its report is delivered, so for one
     * reported in the first round, a SYN sent between its report and that delivery.
     */
    private static Set<Integer> synSentAgainBeforeTheConnectEnded(KernelTraceRecord record) {
        Map<Integer, Long> ends = new HashMap<>();
        for (StateChange c : record.stateChanges()) {
            if (c.oldState() == TcpState.SYN_SENT && c.endsConnection()) {
                ends.putIfAbsent(c.ends().local().port(), c.monotonicNanos());
            }
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (RetransmitAttempt a : record.retransmitAttempts()) {
            int port = a.ends().local().port();
            if (a.state() == TcpState.SYN_SENT && a.err() == 0 && a.monotonicNanos() < ends.getOrDefault(port, Long.MAX_VALUE)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static List<List<Report>> rounds(List<Report> reports) {
        List<List<Report>> rounds = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (Report r : reports) {
            if (rounds.isEmpty() || r.epochNanos() - last > ROUND_GAP_NANOS) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(rounds.size() - 1).add(r);
            last = r.epochNanos();
        }
        return rounds;
    }

    /**
     * The server's kernel forgets the client's link-layer address when its end loses carrier
     * ({@code arp_evict_nocarrier}), a moment after the pull, and drops what waited for it then
     * without a report: connects started before that would have their first SYN thrown away and
     * wait in the queue by their timers' order instead. So: carrier gone, and no entry left.
     */
    private static void awaitNeighbourForgotten(HostPair pair, String namespace) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - until < 0) {
            String link = BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, pair.commandIn(namespace, "ip", "-o",
                    "link", "show", "dev", pair.serverDevice())).stdout();
            String neigh = BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, pair.commandIn(namespace, "ip", "neigh",
                    "show", pair.clientAddress().getHostAddress())).stdout();
            if (link.contains("NO-CARRIER") && neigh.isBlank()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("the server's end kept its carrier or the client's address after the pull");
    }

    private static void awaitListening(Path log) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - until < 0) {
            if (Files.exists(log) && Files.readString(log).contains("listening on")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("tcpdump did not start: " + Files.readString(log));
    }

    private static List<String> javaMain(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** One host-unreachable report on lo: when, and the local port of the TCP segment it quotes. */
    private record Report(long epochNanos, int localPort) {

        static List<Report> read(Path pcap) throws IOException {
            List<Report> reports = new ArrayList<>();
            for (PcapPacket p : PcapFile.read(pcap).packets()) {
                byte[] d = p.data();
                int ip = 14; // Ethernet framing on lo
                if (d.length < ip + 20 || (d[ip] >> 4) != 4 || d[ip + 9] != 1) {
                    continue;
                }
                int icmp = ip + (d[ip] & 0x0f) * 4;
                if (d.length < icmp + 8 + 20 + 4 || d[icmp] != 3 || d[icmp + 1] != 1) {
                    continue; // not destination unreachable, host unreachable
                }
                int inner = icmp + 8;
                int tcp = inner + (d[inner] & 0x0f) * 4;
                if (d[inner + 9] != 6 || d.length < tcp + 2) {
                    continue;
                }
                reports.add(new Report(p.epochNanos(), ((d[tcp] & 0xff) << 8) | (d[tcp + 1] & 0xff)));
            }
            return reports;
        }
    }

    /** The namespace's counters this test reads (/proc/net/snmp and /proc/net/netstat are per namespace). */
    private record Counters(long rateLimited, long destUnreachSent, long spuriousHostQueues) {

        static Counters read(HostPair pair, String namespace) {
            String snmp = BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                    pair.commandIn(namespace, "cat", "/proc/net/snmp", "/proc/net/netstat")).stdout();
            return new Counters(IcmpRateLimitCount.parse(snmp), value(snmp, "Icmp: ", "OutDestUnreachs"),
                    value(snmp, "TcpExt: ", "TCPSpuriousRtxHostQueues"));
        }

        private static long value(String text, String prefix, String name) {
            String[] lines = text.split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                if (lines[i].startsWith(prefix) && lines[i + 1].startsWith(prefix)) {
                    List<String> names = List.of(lines[i].trim().split("\\s+"));
                    int at = names.indexOf(name);
                    if (at >= 0) {
                        return Long.parseLong(lines[i + 1].trim().split("\\s+")[at]);
                    }
                }
            }
            throw new IllegalStateException(name + " not in " + prefix);
        }
    }
}
