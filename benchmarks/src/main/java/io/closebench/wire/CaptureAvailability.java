package io.closebench.wire;

import io.closebench.netns.HostPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this machine can capture, decided by capturing: either {@link #available()} with the
 * tool's version, or not with a reason to print and record (tcpdump not installed, not permitted,
 * the kernel lacking the pieces a mirror needs). A doctor check for the run and a skip reason for
 * tests.
 */
public final class CaptureAvailability {

    private final boolean available;
    private final String reason;
    private final String tool;

    private CaptureAvailability(boolean available, String reason, String tool) {
        this.available = available;
        this.reason = reason;
        this.tool = tool;
    }

    /**
     * Starts and stops a real capture on this namespace's loopback (a port nothing uses, so it
     * writes nothing but a header): tcpdump present, allowed to open a packet socket, able to write
     * nanosecond pcap. About a tenth of a second.
     */
    public static CaptureAvailability probe() {
        return tryCapture(null);
    }

    /**
     * {@link #probe()}, then the same through a {@link MirrorTap} on a throwaway {@link HostPair}'s
     * server veth: what S1's capture needs (root, network namespaces, veth, tc clsact, u32, mirred).
     */
    public static CaptureAvailability probeMirror() {
        CaptureAvailability plain = probe();
        if (!plain.available) {
            return plain;
        }
        try (HostPair pair = HostPair.create(); MirrorTap tap = MirrorTap.create(pair.serverNamespace(),
                pair.serverDevice())) {
            return tryCapture(tap);
        } catch (RuntimeException e) {
            return new CaptureAvailability(false, "no mirrored capture on a veth: " + e.getMessage(), plain.tool);
        }
    }

    private static CaptureAvailability tryCapture(MirrorTap tap) {
        Path binary = Tcpdump.binary().orElse(null);
        if (binary == null) {
            return new CaptureAvailability(false, Tcpdump.NOT_INSTALLED, "none");
        }
        String tool = Tcpdump.version(binary);
        Path file = null;
        try {
            file = Files.createTempFile("closebench-capture-probe", ".pcap");
            BpfFilter nothing = BpfFilter.tcpPorts(9);
            CaptureSpec spec = tap == null ? CaptureSpec.loopback(file, nothing) : tap.spec(file, nothing);
            CaptureResult result;
            try (PacketCapture capture = PacketCapture.start(spec)) {
                result = capture.stop();
            }
            if (!result.complete()) {
                return new CaptureAvailability(false, "a test capture was incomplete: " + result.problemSummary(), tool);
            }
            return new CaptureAvailability(true, "available", tool);
        } catch (CaptureFailedException e) {
            return new CaptureAvailability(false, e.getMessage(), tool);
        } catch (IOException e) {
            return new CaptureAvailability(false, "no temporary file for a test capture: " + e.getMessage(), tool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CaptureAvailability(false, "interrupted while probing", tool);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a header-only temporary file left behind is harmless
                }
            }
        }
    }

    /** True when a capture started, stopped and was complete. */
    public boolean available() {
        return available;
    }

    /** Why not; {@code "available"} when it is. */
    public String reason() {
        return reason;
    }

    /** tcpdump's and libpcap's versions, or {@code "none"}. */
    public String tool() {
        return tool;
    }

    @Override
    public String toString() {
        return available ? "packet capture available (" + tool + ")" : "packet capture unavailable: " + reason;
    }
}
