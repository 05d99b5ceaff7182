package io.closebench.wire;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one capture records, where, and within which bounds.
 *
 * <p>Bounds: each packet is cut to {@code snapLength} bytes (headers only: 128 holds Ethernet or
 * Linux cooked, IPv6 and a TCP header with the most options) and tcpdump stops by itself after
 * {@code maxPackets} ({@code -c}), so the file never exceeds {@link #maxFileBytes()}. A capture
 * that reached the limit says so ({@link CaptureResult#hitPacketLimit()}).
 *
 * @param file       the pcap file to write (its folder must exist)
 * @param namespace  the network namespace to capture in ({@code ip netns exec}), or empty for
 *                   this JVM's own
 * @param device     the interface: {@code lo}, a veth end, or a {@link MirrorTap}'s device
 * @param filter     which segments to keep
 * @param snapLength bytes kept per packet, 68-262144
 * @param maxPackets packets after which tcpdump stops, at least 1
 */
public record CaptureSpec(Path file, Optional<String> namespace, String device, BpfFilter filter, int snapLength,
                          long maxPackets) {

    /** Headers only; see the class comment. */
    public static final int DEFAULT_SNAP_LENGTH = 128;
    /** 200,000 packets: at most {@code 24 + 200_000 * (16 + 128)} bytes, about 29 MB. */
    public static final long DEFAULT_MAX_PACKETS = 200_000;

    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    public CaptureSpec {
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("not an interface name: '" + device + "'");
        }
        namespace.ifPresent(ns -> {
            if (!NAMESPACE.matcher(ns).matches()) {
                throw new IllegalArgumentException("not a namespace name: '" + ns + "'");
            }
        });
        if (snapLength < 68 || snapLength > 262_144) {
            throw new IllegalArgumentException("snap length out of 68-262144: " + snapLength);
        }
        if (maxPackets < 1) {
            throw new IllegalArgumentException("packet limit below 1: " + maxPackets);
        }
    }

    /** Loopback of this JVM's namespace, default bounds. */
    public static CaptureSpec loopback(Path file, BpfFilter filter) {
        return new CaptureSpec(file, Optional.empty(), "lo", filter, DEFAULT_SNAP_LENGTH, DEFAULT_MAX_PACKETS);
    }

    /** An interface inside a network namespace, default bounds. */
    public static CaptureSpec inNamespace(String namespace, String device, Path file, BpfFilter filter) {
        return new CaptureSpec(file, Optional.of(namespace), device, filter, DEFAULT_SNAP_LENGTH, DEFAULT_MAX_PACKETS);
    }

    /** The same capture with another packet limit. */
    public CaptureSpec withMaxPackets(long limit) {
        return new CaptureSpec(file, namespace, device, filter, snapLength, limit);
    }

    /** The largest file this capture can write. */
    public long maxFileBytes() {
        return PCAP_HEADER + maxPackets * (RECORD_HEADER + snapLength);
    }

    /** True for a loopback device, where every packet passes the packet tap twice (out, then in). */
    boolean loopbackDevice() {
        return device.equals("lo");
    }

    /** True for the {@code any} pseudo-device. */
    boolean anyDevice() {
        return device.equals("any");
    }
}
