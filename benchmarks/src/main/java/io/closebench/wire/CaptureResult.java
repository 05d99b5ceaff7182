package io.closebench.wire;

import io.closebench.fault.RealtimeToMonotonic;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stopped capture left: the pcap file, tcpdump's own counts, the clock offset to convert its
 * timestamps, and every reason to doubt it, so that a capture that missed packets is never read as
 * one that did not.
 *
 * @param spec              what was captured
 * @param file              the pcap file
 * @param captured          tcpdump's "packets captured" (written to the file), empty when it printed none
 * @param receivedByFilter  "packets received by filter": packets that entered the ring (on loopback
 *                          each one twice, out and in; also packets that arrived before the filter
 *                          was attached, which libpcap then dropped)
 * @param droppedByKernel   "packets dropped by kernel": the ring was full
 * @param packetsInFile     complete records in the file
 * @param partialTailBytes  bytes of a cut last record (0 normally)
 * @param hitPacketLimit    tcpdump stopped by itself at {@link CaptureSpec#maxPackets()}
 * @param problems          one sentence per reason the file may lack packets; empty when complete
 * @param clock             realtime minus monotonic over the whole capture, with its bound
 * @param startCost         from launching tcpdump to "listening on"
 * @param stopCost          from stop() to tcpdump gone and the offset measured
 * @param diagnostics       tcpdump's stderr
 */
public record CaptureResult(CaptureSpec spec, Path file, Optional<Long> captured, Optional<Long> receivedByFilter,
                            Optional<Long> droppedByKernel, int packetsInFile, int partialTailBytes, boolean hitPacketLimit,
                            List<String> problems, RealtimeToMonotonic.Offset clock, Duration startCost,
                            Duration stopCost, String diagnostics) {

    public CaptureResult {
        problems = List.copyOf(problems);
    }

    /** True when nothing suggests a packet that passed the filter is missing from the file. */
    public boolean complete() {
        return problems.isEmpty();
    }

    /** The problems as one sentence, or "complete". */
    public String problemSummary() {
        return complete() ? "complete" : String.join("; ", problems);
    }

    /** Reads the file back: its segments, with this capture's clock. */
    public WireRecord read() throws IOException {
        return WireRecord.of(this, PcapFile.read(file));
    }

    static CaptureResult assess(CaptureSpec spec, Optional<PacketCapture.Statistics> baseline,
                                Optional<PacketCapture.Statistics> last, boolean killed, boolean quiet,
                                RealtimeToMonotonic.Offset clock, Duration startCost, Duration stopCost,
                                String diagnostics) {
        List<String> problems = new ArrayList<>();
        int inFile = 0;
        int tail = 0;
        try {
            PcapFile pcap = PcapFile.read(spec.file());
            inFile = pcap.packets().size();
            tail = pcap.partialTailBytes();
        } catch (IOException | PcapFormatException e) {
            problems.add("the file cannot be read: " + e.getMessage());
        }
        if (killed) {
            problems.add("tcpdump did not end within " + PacketCapture.STOP_WITHIN + " of SIGTERM and was killed");
        }
        if (tail > 0) {
            problems.add("the file ends in a cut record (" + tail + " bytes)");
        }
        boolean limit = false;
        if (last.isEmpty()) {
            problems.add("tcpdump printed no statistics at its end, so nothing shows whether packets were missed");
        } else {
            PacketCapture.Statistics end = last.get();
            limit = end.captured() >= spec.maxPackets();
            if (end.captured() != inFile) {
                problems.add("tcpdump captured " + end.captured() + " packets, the file holds " + inFile);
            }
            if (end.droppedByKernel() > 0) {
                problems.add("the kernel dropped " + end.droppedByKernel() + " packets (capture ring full)");
            }
            if (limit) {
                problems.add("the packet limit (" + spec.maxPackets() + ") was reached: later packets were not captured");
            } else if (baseline.isEmpty()) {
                problems.add("tcpdump gave no statistics at the start, so packets left unread at the stop would not show");
            } else if (spec.anyDevice()) {
                problems.add("on the 'any' device loopback packets enter the ring twice and others once, so packets"
                        + " left unread at the stop would not show");
            } else {
                PacketCapture.Statistics start = baseline.get();
                long copies = spec.loopbackDevice() ? 2 : 1;
                long entered = end.receivedByFilter() - start.receivedByFilter()
                        - (end.droppedByKernel() - start.droppedByKernel());
                long unread = entered - copies * (end.captured() - start.captured());
                if (unread > 0) {
                    problems.add("packets entered the capture ring but were not written (" + unread + " ring entries"
                            + (copies == 2 ? ", two per loopback packet" : "") + ")"
                            + (quiet ? "" : "; they were still arriving when the capture was stopped"));
                }
            }
        }
        return new CaptureResult(spec, spec.file(), last.map(PacketCapture.Statistics::captured),
                last.map(PacketCapture.Statistics::receivedByFilter), last.map(PacketCapture.Statistics::droppedByKernel),
                inFile, tail, limit, problems, clock, startCost, stopCost, diagnostics);
    }
}
