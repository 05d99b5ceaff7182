package io.closebench.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run leaves on the machine rather than in its own process: child processes still alive,
 * sockets in TIME_WAIT, named network namespaces. Read from {@code /proc} and {@code /run/netns};
 * -1 where this OS has no such file.
 */
public final class MachineSample {

    /** The kernel's TCP state number for TIME_WAIT in {@code /proc/net/tcp}. */
    private static final String TIME_WAIT = "06";

    private MachineSample() {
    }

    /** Descendants of this process that are still alive (children, and theirs). */
    public static int liveDescendants() {
        return (int) ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }

    /**
     * TCP sockets in TIME_WAIT on this host (network namespace), IPv4 and IPv6. Each connection a
     * run closes first leaves one for 60 s on Linux: a steady count is the closing rate times 60 s.
     */
    public static int timeWaitSockets() {
        int count = 0;
        boolean any = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                any = true;
                count += (int) lines.skip(1).map(String::trim).filter(l -> {
                    String[] f = l.split("\\s+", 5);
                    return f.length > 3 && f[3].equals(TIME_WAIT);
                }).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                // no IPv6, or not Linux
            }
        }
        return any ? count : -1;
    }

    /** Named network namespaces ({@code ip netns} keeps them under /run/netns); 0 when there is none. */
    public static int namedNetworkNamespaces() {
        return namedNetworkNamespaces("");
    }

    /** Those whose name starts with {@code prefix} (a JVM's own: {@code cb-<pid>-}). */
    public static int namedNetworkNamespaces(String prefix) {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> names = Files.list(dir)) {
            return (int) names.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
