package io.closebench.cable;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.HostPair;
import java.util.Arrays;
import java.util.List;

/**
 * How many ICMP messages a namespace's kernel has not sent because of its rate limits
 * ({@code OutRateLimitGlobal + OutRateLimitHost} of the {@code Icmp:} lines of
 * {@code /proc/net/snmp}, Linux 6.0+; the counters are the namespace's own).
 *
 * <p>Why a cable trial needs it: when the ARP resolution for a dead host fails, the kernel reports
 * every segment that waited in the neighbour's queue with a locally generated host-unreachable
 * ICMP, and that is what aborts a connect with EHOSTUNREACH. Those messages pass the global ICMP
 * limit ({@code net.ipv4.icmp_msgs_burst}, 50 by default, refilled at {@code icmp_msgs_per_sec}):
 * when more segments waited than the burst allows, the rest are dropped and counted here, and a
 * connection whose every report was dropped goes on retransmitting its SYN, starts a new resolution
 * and learns one failed round (3 s) later. Which connections lost their report the kernel does not
 * say; the count bounds how many can have.
 */
public final class IcmpRateLimitCount {

    /** This kernel does not count them. */
    public static final long NOT_COUNTED = -1;

    private static final List<String> COUNTERS = List.of("OutRateLimitGlobal", "OutRateLimitHost");

    private IcmpRateLimitCount() {
    }

    /** The namespace's count now, or {@link #NOT_COUNTED}. */
    public static long read(HostPair pair, String namespace) {
        return parse(BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                pair.commandIn(namespace, "cat", "/proc/net/snmp")).stdout());
    }

    /** This process's own namespace's count now, or {@link #NOT_COUNTED} where it cannot be read. */
    public static long readHere() {
        try {
            return parse(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/net/snmp")));
        } catch (java.io.IOException e) {
            return NOT_COUNTED;
        }
    }

    /** From the text of {@code /proc/net/snmp}: a header line and a value line per protocol. */
    public static long parse(String snmp) {
        String[] lines = snmp.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Icmp: ") && lines[i + 1].startsWith("Icmp: ")) {
                List<String> names = Arrays.asList(lines[i].trim().split("\\s+"));
                String[] values = lines[i + 1].trim().split("\\s+");
                if (names.size() != values.length || !names.containsAll(COUNTERS)) {
                    return NOT_COUNTED;
                }
                long sum = 0;
                for (String counter : COUNTERS) {
                    sum += Long.parseLong(values[names.indexOf(counter)]);
                }
                return sum;
            }
        }
        return NOT_COUNTED;
    }

    /** The messages dropped between two counts, {@link #NOT_COUNTED} unless both were counted. */
    public static long between(long before, long after) {
        return before == NOT_COUNTED || after == NOT_COUNTED ? NOT_COUNTED : after - before;
    }
}
