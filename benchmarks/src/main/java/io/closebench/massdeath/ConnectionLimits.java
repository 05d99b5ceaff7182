package io.closebench.massdeath;

import io.closebench.fault.MassFault;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What thousands of connections need of this machine, checked before a trial starts: a file
 * descriptor per socket in each process that holds them (the server, and the peer: both ends in
 * this process for an in-process peer), and enough ephemeral ports towards one listener. The soft
 * descriptor limit is raised as far as the kernel allows ({@code setrlimit}; raising the hard limit
 * needs root); what still does not fit is refused with the limit, the need and how to raise it.
 */
public final class ConnectionLimits {

    private static final int RLIMIT_NOFILE = 7;
    /** Descriptors a JVM holds besides the connections: jars, selectors, pipes, epoll and eventfds. */
    private static final int HEADROOM = 512;

    private interface LibC extends Library {
        int getrlimit(int resource, long[] limit) throws LastErrorException;

        int setrlimit(int resource, long[] limit) throws LastErrorException;
    }

    private ConnectionLimits() {
    }

    /** A file descriptor limit ({@code RLIMIT_NOFILE}): the soft one in force and the hard one it may be raised to. */
    public record DescriptorLimit(long soft, long hard) {
    }

    /** This process's descriptor limit now, or empty where it cannot be read. */
    public static Optional<DescriptorLimit> descriptorLimit() {
        try {
            long[] limit = new long[2];
            Native.load("c", LibC.class).getrlimit(RLIMIT_NOFILE, limit);
            return Optional.of(new DescriptorLimit(limit[0], limit[1]));
        } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Optional.empty();
        }
    }

    /**
     * Makes room for {@code connections} connections of {@code fault}; returns why it cannot, with
     * what to do, or empty when it can. Children started afterwards inherit the raised limit.
     */
    public static Optional<String> makeRoom(MassFault fault, int connections) {
        long needed = (long) connections * (fault == MassFault.ABORT ? 2 : 1) + HEADROOM;
        long[] limit = new long[2];
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.getrlimit(RLIMIT_NOFILE, limit);
            if (limit[0] < needed) {
                try {
                    libc.setrlimit(RLIMIT_NOFILE, new long[] {needed, Math.max(limit[1], needed)});
                } catch (LastErrorException notRoot) {
                    libc.setrlimit(RLIMIT_NOFILE, new long[] {Math.min(needed, limit[1]), limit[1]});
                }
                libc.getrlimit(RLIMIT_NOFILE, limit);
            }
        } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return Optional.of("cannot read or raise the file descriptor limit here (" + e + ")");
        }
        if (limit[0] < needed) {
            return Optional.of(connections + " connections (" + fault + ") need about " + needed + " file descriptors in "
                    + "this process" + (fault == MassFault.ABORT ? " (the in-process peer holds the other ends)" : "")
                    + "; its limit is " + limit[0] + " (hard " + limit[1] + "): raise it, e.g. `ulimit -n " + needed
                    + "` as root or LimitNOFILE= in a service, and run again");
        }
        int ports = ephemeralPorts();
        if (ports > 0 && connections > ports) {
            return Optional.of(connections + " connections to one listener need as many ephemeral ports; "
                    + "net.ipv4.ip_local_port_range gives " + ports + ": widen it (sysctl -w net.ipv4.ip_local_port_range="
                    + "\"1024 65535\") or ask for fewer");
        }
        return Optional.empty();
    }

    /** How many ports {@code net.ipv4.ip_local_port_range} gives, or -1 if it cannot be read. */
    static int ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
