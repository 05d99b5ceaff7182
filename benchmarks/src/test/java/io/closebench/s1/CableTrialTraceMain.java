package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.KernelDefaults;
import io.closebench.cable.ShortRetries;
import io.closebench.cable.Mechanism;
import io.closebench.schema.Observer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The experiment behind docs/findings-s1-kernel-rules.md: one harness trial (fault g with nothing
 * set, or fault b with a short {@code tcp_retries2}) recorded from the kernel's side, into a folder:
 * the server namespace's {@code lo} ({@code lo.pcap}: the host-unreachable reports, each quoting the
 * segment it reports), a tc mirror of its veth ({@code mirror.pcap}: the ARP requests),
 * {@code ss -tino} every 50 ms ({@code ss.txt}: rto, backoff, timers), its counters before and at the
 * end ({@code nstat0.txt}, {@code nstat.txt}), and the tracepoints {@code tcp:tcp_retransmit_skb}
 * (every attempt, {@code err=-16} when skipped because the copy still waits), {@code
 * sock:inet_sock_set_state}, {@code icmp:icmp_send} and the neighbour's timer, machine-wide, on
 * CLOCK_MONOTONIC ({@code perf.data}; {@code perf script -F time,event,trace}). Prints one line per
 * connection with its instants on the same clock. Needs root, namespaces, tcpdump and perf; bounded
 * by the trial's own bound; everything it starts in the namespace goes with it, perf is stopped.
 *
 * <p>Usage: {@code CableTrialTraceMain g|rN FOLDER MODEL=COUNT...}, for instance
 * {@code r3 /tmp/b3 BLOCKING=20 VIRTUAL=20 NIO=20 NETTY_NIO=20 NETTY_EPOLL=20 NETTY_IOURING=20}.
 */
public final class CableTrialTraceMain {

    private CableTrialTraceMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        List<CableGroup> groups = new ArrayList<>();
        CableFault fault;
        Mechanism m;
        if (kind.equals("g")) {
            fault = CableFault.RECONNECT;
            m = new KernelDefaults();
        } else {
            fault = CableFault.PULLED_SENDING;
            m = new ShortRetries(Integer.parseInt(kind.substring(1)));
        }
        for (int i = 2; i < args.length; i++) {
            String[] p = args[i].split("=");
            groups.add(new CableGroup(m, Observer.valueOf(p[0]), Integer.parseInt(p[1])));
        }
        long pid = ProcessHandle.current().pid();
        final long[] T0 = new long[1];
        List<Process> started = new ArrayList<>();
        TrialListener listener = new TrialListener() {
            @Override
            public void started(TrialSpec spec) {
                try {
                    String ns = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes())
                            .lines().map(l -> l.split(" ")[0]).filter(l -> l.startsWith("cb-" + pid + "-") && l.endsWith("-srv"))
                            .findFirst().orElseThrow();
                    run("ip", "-n", ns, "link", "add", "cbw0", "type", "veth", "peer", "name", "cbw1");
                    run("ip", "-n", ns, "link", "set", "cbw0", "arp", "off", "up");
                    run("ip", "-n", ns, "link", "set", "cbw1", "arp", "off", "up");
                    run("tc", "-n", ns, "qdisc", "add", "dev", "veth-srv", "clsact");
                    run("tc", "-n", ns, "filter", "add", "dev", "veth-srv", "egress", "protocol", "all", "u32", "match", "u32", "0", "0",
                            "action", "mirred", "egress", "mirror", "dev", "cbw0");
                    Thread.sleep(300);
                    started.add(new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-U", "-i", "lo", "-n",
                            "--time-stamp-precision=nano", "-w", dir.resolve("lo.pcap").toString(), "icmp")
                            .redirectErrorStream(true).redirectOutput(dir.resolve("lo.log").toFile()).start());
                    started.add(new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-U", "-i", "cbw0", "-n",
                            "--time-stamp-precision=nano", "-w", dir.resolve("mirror.pcap").toString(), "not ip6")
                            .redirectErrorStream(true).redirectOutput(dir.resolve("mirror.log").toFile()).start());
                    // counters every 200 ms until the namespace goes
                    started.add(new ProcessBuilder("sh", "-c", "while ip netns exec " + ns + " sh -c 'date +%s.%N; nstat -az; cat /proc/net/sockstat' > "
                            + dir.resolve("nstat.tmp") + " 2>/dev/null; do cp " + dir.resolve("nstat.tmp") + " " + dir.resolve("nstat.txt")
                            + "; sleep 0.2; done").start());
                    started.add(new ProcessBuilder("ip", "netns", "exec", ns, "sh", "-c", "while true; do echo T $(date +%s.%N); ss -tinoH state established state fin-wait-1; sleep 0.05; done")
                            .redirectErrorStream(true).redirectOutput(dir.resolve("ss.txt").toFile()).start());
                    Files.writeString(dir.resolve("nstat0.txt"), new String(new ProcessBuilder("ip", "netns", "exec", ns, "nstat", "-az")
                            .start().getInputStream().readAllBytes()));
                    started.add(0, new ProcessBuilder("perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "-a", "-e", "tcp:tcp_retransmit_skb",
                            "-e", "sock:inet_sock_set_state", "-e", "icmp:icmp_send", "-e", "neigh:neigh_timer_handler",
                            "-e", "neigh:neigh_update", "-o", dir.resolve("perf.data").toString())
                            .redirectErrorStream(true).redirectOutput(dir.resolve("perf.log").toFile()).start());
                    Thread.sleep(1500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void faultInjected(TrialSpec spec, long t0) {
                long wallNs = System.currentTimeMillis() * 1_000_000L;
                T0[0] = t0;
                System.out.println("T0 nano " + t0 + " wall_ns_approx " + wallNs + " wallminusnano " + (wallNs - System.nanoTime()));
            }
        };
        List<CableSample> samples = CableExperiment.measure(new TrialSpec(fault, groups), CableTestSupport.SETTINGS, listener);
        for (Process p : started) {
            if (p.info().command().orElse("").endsWith("perf")) {
                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                p.waitFor(20, TimeUnit.SECONDS);
            }
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (CableSample s : samples) {
            System.out.println("S " + s.observer() + " t0 " + T0[0] + " firstSendAbs " + (T0[0] + s.detectionNanos() - s.sinceReferenceNanos()) + " det_abs " + (T0[0] + s.detectionNanos()) + " " + s.observer() + " " + s.connection() + " " + s.outcome() + " det_ms " + s.detectionNanos() / 1e6
                    + " sinceRef_ms " + s.sinceReferenceNanos() / 1e6 + " ratio " + s.ratio() + " arpStart_ms " + s.arpStartAfterNanos() / 1e6
                    + " icmpLimited " + s.icmpRateLimited() + " theory_ms " + s.theory().boundNanos() / 1e6 + " state " + s.tcpStateAtEnd()
                    + " bytes " + s.bytesWritten());
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}
