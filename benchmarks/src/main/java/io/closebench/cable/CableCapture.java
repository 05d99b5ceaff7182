package io.closebench.cable;

import io.closebench.trace.KernelTrace;
import io.closebench.trace.KernelTraceAvailability;
import io.closebench.trace.KernelTraceException;
import io.closebench.trace.KernelTraceRecord;
import io.closebench.trace.TraceFilter;
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
 * queue, a retransmission skipped because its copy still waits there) is in neither: the server
 * kernel's own account of the trial's sockets tells those ({@link KernelTrace}: every retransmission
 * attempt with its result, every state change), where tracing is possible.
 */
public final class CableCapture implements AutoCloseable {

    private static KernelTraceAvailability tracing;

    private final MirrorTap tap;
    private final PacketCapture cable;
    private final PacketCapture reports;
    private final KernelTrace trace;
    private final String whyNoTrace;
    private final KernelTrace timers;
    private final String whyNoTimers;
    private final String whyNot;

    private CableCapture(MirrorTap tap, PacketCapture cable, PacketCapture reports, KernelTrace trace, String whyNoTrace,
                         KernelTrace timers, String whyNoTimers, String whyNot) {
        this.tap = tap;
        this.cable = cable;
        this.reports = reports;
        this.trace = trace;
        this.whyNoTrace = whyNoTrace;
        this.timers = timers;
        this.whyNoTimers = whyNoTimers;
        this.whyNot = whyNot;
    }

    /** No capture, and why: the wire facts of every connection will say it. */
    public static CableCapture unavailable(String why) {
        return new CableCapture(null, null, null, null, why, null, why, why);
    }

    /**
     * Starts both captures in {@code namespace}, on {@code device} and its loopback, into
     * {@code dir}, and the kernel's trace of the sockets {@code traced} selects; never throws for a
     * capture or a trace that cannot start: the result says why.
     */
    static CableCapture start(String namespace, String device, Path dir, String name, Collection<Integer> ports,
                              TraceFilter traced) {
        MirrorTap tap = null;
        PacketCapture cable = null;
        try {
            tap = MirrorTap.create(namespace, device);
            BpfFilter tcp = BpfFilter.tcpPorts(ports.stream().mapToInt(Integer::intValue).toArray());
            cable = PacketCapture.start(tap.spec(dir.resolve(name + ".pcap"), tcp.alsoKeeping(BpfFilter.Also.ARP)));
            PacketCapture reports = PacketCapture.start(CaptureSpec.inNamespace(namespace, "lo",
                    dir.resolve(name + "-reports.pcap"), tcp.alsoKeeping(BpfFilter.Also.ICMP)));
            KernelTrace trace = null;
            String whyNoTrace = "";
            KernelTrace timers = null;
            String whyNoTimers = "";
            KernelTraceAvailability tracing = tracing();
            if (!tracing.available()) {
                whyNoTrace = tracing.reason();
                whyNoTimers = whyNoTrace;
            } else {
                try {
                    trace = KernelTrace.start(traced);
                } catch (KernelTraceException | IllegalArgumentException e) {
                    whyNoTrace = "the kernel trace did not start: " + e.getMessage();
                }
                // the timer wheel's own account of each connection's retransmission timer, in a buffer of its own
                try {
                    timers = KernelTrace.startRetransmitTimers(KernelTrace.DEFAULT_BUFFER_KB_PER_CPU);
                } catch (KernelTraceException | IllegalArgumentException e) {
                    whyNoTimers = "the timer trace did not start: " + e.getMessage();
                }
            }
            return new CableCapture(tap, cable, reports, trace, whyNoTrace, timers, whyNoTimers, "");
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
                    LinkEvents.decode(reportFile).unreachables(), onLoopback.clock(), stopTrace(), "");
        } catch (IOException | PcapFormatException e) {
            return CableWire.unavailable("the capture could not be read: " + e.getMessage());
        } finally {
            tap.close();
            closeTraces();
        }
    }

    private void closeTraces() {
        try {
            if (trace != null) {
                trace.close();
            }
        } finally {
            if (timers != null) {
                timers.close();
            }
        }
    }

    /** Whether this machine traces, probed once per JVM: the answer does not change under a run. */
    private static synchronized KernelTraceAvailability tracing() {
        if (tracing == null) {
            tracing = KernelTraceAvailability.probe();
        }
        return tracing;
    }

    /** The kernel's account, or why there is none: a trace that lost events is no account. */
    private KernelAccount stopTrace() {
        KernelAccount account;
        if (trace == null) {
            account = KernelAccount.unavailable(whyNoTrace);
        } else {
            try {
                KernelTraceRecord record = trace.stop();
                account = record.complete() ? KernelAccount.of(record)
                        : KernelAccount.unavailable("the kernel trace is incomplete: " + record);
            } catch (KernelTraceException e) {
                account = KernelAccount.unavailable("the kernel trace could not be read: " + e.getMessage());
            }
        }
        if (timers == null) {
            return account.withTimers(Optional.empty(), whyNoTimers);
        }
        try {
            KernelTraceRecord record = timers.stop();
            return record.complete() ? account.withTimers(Optional.of(record), "")
                    : account.withTimers(Optional.empty(), "the timer trace is incomplete: " + record);
        } catch (KernelTraceException e) {
            return account.withTimers(Optional.empty(), "the timer trace could not be read: " + e.getMessage());
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
            try {
                closeTraces();
            } finally {
                if (tap != null) {
                    tap.close();
                }
            }
        }
    }
}
