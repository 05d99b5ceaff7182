package io.closebench.wire;

import io.closebench.netns.BoundedCommand;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What capturing costs, measured, for the matrix's choice between a tcpdump per repetition and one
 * per scenario and model: not a test (it asserts nothing) and not a benchmark of the project, a
 * measurement to run by hand (a minute or two):
 *
 * <pre>
 * java -cp benchmarks/target/test-classes:benchmarks/target/classes io.closebench.wire.CaptureCostMain [reps]
 * </pre>
 *
 * <ol>
 *   <li>start + stop of one tcpdump on loopback (what a capture per repetition adds to each);</li>
 *   <li>a matrix-like repetition (connect, 100 bytes each way, the peer closes, the observer reads
 *       EOF, both close) timed without a capture and under one long capture filtered to its
 *       listener, interleaved in blocks; and the EOF detection time (peer's close to the observer's
 *       read returning -1) inside it, the figure a capture could disturb;</li>
 *   <li>tcpdump's CPU time over the long capture, and reading the pcap back and analysing every
 *       repetition's connection.</li>
 * </ol>
 */
public final class CaptureCostMain {

    private CaptureCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path dir = Files.createTempDirectory("closebench-capture-cost");
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip() + "; cpus "
                + Runtime.getRuntime().availableProcessors() + "; " + System.getProperty("java.vm.name") + " "
                + Runtime.version());

        // 1. start + stop, idle
        List<Long> starts = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Path file = dir.resolve("idle-" + i + ".pcap");
            long began = System.nanoTime();
            PacketCapture capture = PacketCapture.start(CaptureSpec.loopback(file, BpfFilter.tcpPorts(9)));
            CaptureResult result = capture.stop();
            totals.add(System.nanoTime() - began);
            starts.add(result.startCost().toNanos());
            stops.add(result.stopCost().toNanos());
            Files.delete(file);
        }
        System.out.println("1. a capture started and stopped, idle (30): start " + ms(starts) + "; stop " + ms(stops)
                + "; together " + ms(totals));

        // 2. repetitions with no tcpdump running and under a capture filtered to their listener, in
        //    alternating blocks (a capture per block: the same per-packet work as one long capture)
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                repetition(listener);
            }
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            List<Long> eofWithout = new ArrayList<>();
            List<Long> eofWith = new ArrayList<>();
            List<CaptureResult> captures = new ArrayList<>();
            long cpu = 0;
            int block = 25;
            for (int b = 0; b < reps / block; b++) {
                boolean capturing = b % 2 == 1;
                PacketCapture capture = null;
                ProcessHandle tcpdump = null;
                long cpuBefore = 0;
                if (capturing) {
                    capture = PacketCapture.start(CaptureSpec.loopback(dir.resolve("block-" + b + ".pcap"),
                            BpfFilter.tcpPorts(listener.getLocalPort())));
                    tcpdump = ProcessHandle.current().descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("/tcpdump")).findFirst().orElseThrow();
                    cpuBefore = cpuNanos(tcpdump);
                }
                for (int i = 0; i < block; i++) {
                    long began = System.nanoTime();
                    long eof = repetition(listener);
                    long took = System.nanoTime() - began;
                    (capturing ? with : without).add(took);
                    (capturing ? eofWith : eofWithout).add(eof);
                }
                if (capturing) {
                    cpu += cpuNanos(tcpdump) - cpuBefore;
                    captures.add(capture.stop());
                }
            }
            System.out.println("2. a repetition (connect, 100 B each way, close, EOF), " + without.size()
                    + " with no tcpdump and " + with.size() + " under a capture: " + ms(without) + " against " + ms(with));
            System.out.println("   EOF detection (close -> read returns -1): " + us(eofWithout) + " against "
                    + us(eofWith));
            long packets = captures.stream().mapToLong(CaptureResult::packetsInFile).sum();
            long bytes = 0;
            for (CaptureResult c : captures) {
                bytes += Files.size(c.file());
            }
            System.out.println("3. tcpdump CPU over " + with.size() + " captured repetitions (" + packets + " packets, "
                    + bytes + " bytes of pcap): " + String.format(Locale.ROOT, "%.1f us per repetition",
                    cpu / 1e3 / with.size()) + "; problems: " + captures.stream()
                    .filter(c -> !c.complete()).map(CaptureResult::problemSummary).toList());
            long readBegan = System.nanoTime();
            Endpoint server = new Endpoint(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            int connections = 0;
            int fins = 0;
            for (CaptureResult c : captures) {
                WireRecord record = c.read();
                for (Endpoint client : record.clientsOf(server)) {
                    ConnectionFacts facts = record.facts(new FourTuple(client, server), System.nanoTime(),
                            BytesWritten.unknown());
                    connections++;
                    fins += facts.firstEnd() == WireEnd.FIN && facts.firstEndEvent().orElseThrow().sender() == Party.PEER
                            ? 1 : 0;
                }
                Files.delete(c.file());
            }
            long readTook = System.nanoTime() - readBegan;
            System.out.println("   reading the files and the facts of their " + connections + " connections (" + fins
                    + " ended by the peer's FIN): " + String.format(Locale.ROOT, "%.1f us per connection",
                    readTook / 1e3 / connections));
        }
        Files.delete(dir);
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("tool: " + BoundedCommand.run("tcpdump", "--version").stdout().lines().findFirst().orElse("?"));
    }

    /** Time the process has run on a CPU, in nanoseconds ({@code /proc/PID/schedstat}, first field). */
    private static long cpuNanos(ProcessHandle process) throws java.io.IOException {
        return Long.parseLong(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "schedstat"))
                .split(" ")[0]);
    }

    /** One matrix-like repetition; returns the EOF detection time in nanoseconds. */
    private static long repetition(ServerSocket listener) throws Exception {
        try (SocketChannel observer = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                listener.getLocalPort())); Socket peer = listener.accept()) {
            peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
            observer.write(ByteBuffer.allocate(100));
            InputStream in = peer.getInputStream();
            in.readNBytes(100);
            peer.getOutputStream().write(new byte[100]);
            ByteBuffer buffer = ByteBuffer.allocate(100);
            while (buffer.hasRemaining()) {
                observer.read(buffer);
            }
            long t0 = System.nanoTime();
            peer.close();
            int n = observer.read(buffer.clear());
            long t1 = System.nanoTime();
            if (n != -1) {
                throw new IllegalStateException("expected EOF, read " + n);
            }
            return t1 - t0;
        }
    }

    private static String ms(List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, max %.2f ms", s[s.length / 2] / 1e6,
                s[s.length * 9 / 10] / 1e6, s[s.length - 1] / 1e6);
    }

    private static String us(List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "p50 %.1f us, p90 %.1f us, p99 %.1f us", s[s.length / 2] / 1e3,
                s[s.length * 9 / 10] / 1e3, s[Math.min(s.length - 1, s.length * 99 / 100)] / 1e3)
                + " (n " + s.length + ", mean " + String.format(Locale.ROOT, "%.1f us", Arrays.stream(s).average()
                .orElse(0) / 1e3) + ")";
    }
}
