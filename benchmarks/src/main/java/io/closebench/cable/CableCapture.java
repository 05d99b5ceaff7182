package io.closebench.cable;

import io.closebench.wire.BpfFilter;
import io.closebench.wire.CaptureFailedException;
import io.closebench.wire.CaptureResult;
import io.closebench.wire.CaptureSpec;
import io.closebench.wire.LinkEvents;
import io.closebench.wire.MirrorTap;
import io.closebench.wire.PacketCapture;
import io.closebench.wire.PcapFile;
import io.closebench.wire.PcapFormatException;
import io.closebench.wire.WireRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the server host of a pulled-cable trial sent and received, by two captures inside its
 * namespace: its cable, mirrored before the queueing discipline ({@link MirrorTap}: a pulled
 * cable's segments are dropped before a capture on the veth itself could see them), kept to the
 * trial's TCP ports and ARP ({@code NAME.pcap}); and its loopback, where its kernel delivers to
 * itself the ICMP host-unreachable reports of the segments that waited for ARP in vain
 * ({@code NAME-reports.pcap}). What never reached the device (a segment waiting in the neighbour
 * queue, a retransmission skipped because its copy still waits there) is in neither: the reports
 * and the kernel's counters tell those.
 */
public final class CableCapture implements AutoCloseable {

    private final MirrorTap tap;
    private final PacketCapture cable;
    private final PacketCapture reports;
    private final String whyNot;

    private CableCapture(MirrorTap tap, PacketCapture cable, PacketCapture reports, String whyNot) {
        this.tap = tap;
        this.cable = cable;
        this.reports = reports;
        this.whyNot = whyNot;
    }

    /** No capture, and why: the wire facts of every connection will say it. */
    public static CableCapture unavailable(String why) {
        return new CableCapture(null, null, null, why);
    }

    /**
     * Starts both captures in {@code namespace}, on {@code device} and its loopback, into
     * {@code dir}; never throws for a capture that cannot start: the result says why.
     */
    static CableCapture start(String namespace, String device, Path dir, String name, Collection<Integer> ports) {
        MirrorTap tap = null;
        PacketCapture cable = null;
        try {
            tap = MirrorTap.create(namespace, device);
            BpfFilter tcp = BpfFilter.tcpPorts(ports.stream().mapToInt(Integer::intValue).toArray());
            cable = PacketCapture.start(tap.spec(dir.resolve(name + ".pcap"), tcp.alsoKeeping(BpfFilter.Also.ARP)));
            PacketCapture reports = PacketCapture.start(CaptureSpec.inNamespace(namespace, "lo",
                    dir.resolve(name + "-reports.pcap"), tcp.alsoKeeping(BpfFilter.Also.ICMP)));
            return new CableCapture(tap, cable, reports, "");
        } catch (CaptureFailedException | IllegalArgumentException e) {
            String why = "the capture did not start: " + e.getMessage();
            try {
                if (cable != null) {
                    cable.close();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (tap != null) {
                tap.close();
            }
            return unavailable(why);
        }
    }

    /**
     * Stops both captures and reads them back.
     *
     * @return what they hold, or why there is nothing
     */
    public CableWire stop() throws InterruptedException {
        if (cable == null) {
            return CableWire.unavailable(whyNot);
        }
        try {
            CaptureResult onCable = cable.stop();
            CaptureResult onLoopback = reports.stop();
            PcapFile cableFile = PcapFile.read(onCable.file());
            PcapFile reportFile = PcapFile.read(onLoopback.file());
            List<String> problems = new ArrayList<>(onCable.problems());
            onLoopback.problems().forEach(p -> problems.add("reports: " + p));
            WireRecord segments = WireRecord.of(cableFile, onCable.clock(), problems);
            return new CableWire(Optional.of(segments), LinkEvents.decode(cableFile).arpRequests(),
                    LinkEvents.decode(reportFile).unreachables(), onLoopback.clock(), "");
        } catch (IOException | PcapFormatException e) {
            return CableWire.unavailable("the capture could not be read: " + e.getMessage());
        } finally {
            tap.close();
        }
    }

    /** Stops what still runs, discarding it; removes the mirror. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (cable != null) {
                cable.close();
                reports.close();
            }
        } finally {
            if (tap != null) {
                tap.close();
            }
        }
    }
}
