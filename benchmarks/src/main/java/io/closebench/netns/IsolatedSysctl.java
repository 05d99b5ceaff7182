package io.closebench.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code net.*} sysctls inside one of this project's namespaces, and proves
 * after every write that the namespace this JVM runs in kept its own value.
 *
 * <p>Why the proof: only part of {@code /proc/sys/net} is per network namespace. Per-namespace
 * knobs (e.g. {@code net.ipv4.tcp_retries2}, {@code tcp_keepalive_*}, {@code tcp_syn_retries})
 * live in {@code struct net}. Global ones (e.g. {@code net.core.rmem_max}) were historically
 * absent from a child's {@code /proc/sys}; on recent kernels (seen on 6.18) some appear there as
 * a read-only (0444) mirror of the initial namespace's value. Either way a write from inside
 * fails and nothing leaks. Keys outside {@code net.*} ({@code kernel.*}, {@code vm.*}) are
 * machine-wide even when written from inside a network namespace, so they are refused before
 * anything runs. Whatever the kernel version does, the value seen from this JVM's namespace is
 * read before and after the write; if it moved, the write is reported as having escaped, with
 * the previous value, rather than silently leaving the host changed. (A concurrent writer
 * outside would trigger the same report; that is the safe direction.)
 *
 * <p>Mechanics: a JVM thread cannot switch network namespaces, but a child started by
 * {@code ip netns exec} sees that namespace's {@code /proc/sys/net}. The child reads with
 * {@code cat} and writes with a POSIX {@code sh} redirection, value and path passed as
 * positional parameters (never spliced into the script). Not {@code sysctl -w}: procps-ng 4.0.2
 * prints "Invalid argument" yet exits 0 when the file is read-only, whereas a failed
 * redirection reliably exits non-zero with the kernel's errno in stderr.
 */
final class IsolatedSysctl {

    private static final Pattern KEY = Pattern.compile("net(\\.[A-Za-z0-9_-]+)+");
    private static final String WRITE_SCRIPT = "printf '%s\\n' \"$1\" > \"$2\"";

    private IsolatedSysctl() {
    }

    /** The value inside {@code namespace}; multi-value keys come back single-space separated. */
    static String read(String namespace, String key) {
        IpNetns.requireProjectName(namespace);
        return normalise(BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT,
                List.of("ip", "netns", "exec", namespace, "cat", procPath(key))).stdout());
    }

    /**
     * Sets the value inside {@code namespace}, then checks that this JVM's own namespace still
     * shows what it showed before and that the value reads back as written inside.
     *
     * @throws IllegalArgumentException for a key outside {@code net.} or a multi-line value
     * @throws CommandFailedException   when the kernel refuses: unknown or read-only key, bad
     *                                  value
     * @throws IllegalStateException    when it reads back differently, or the outside value moved
     */
    static void write(String namespace, String key, String value) {
        String path = procPath(key);
        IpNetns.requireProjectName(namespace);
        if (value.isBlank() || value.contains("\n") || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("sysctl value must be one non-blank line: '"
                    + value + "'");
        }
        Optional<String> outsideBefore = readOutside(key);
        BoundedCommand.runChecked(BoundedCommand.DEFAULT_TIMEOUT, List.of("ip", "netns", "exec",
                namespace, "sh", "-c", WRITE_SCRIPT, "closebench-sysctl", value, path));
        Optional<String> outsideAfter = readOutside(key);
        if (!outsideAfter.equals(outsideBefore)) {
            throw new IllegalStateException("writing " + key + "=" + value + " in " + namespace
                    + " also changed it outside: was " + outsideBefore.orElse("<absent>")
                    + ", now " + outsideAfter.orElse("<absent>") + "; restore it by hand");
        }
        String inside = read(namespace, key);
        if (!inside.equals(normalise(value))) {
            throw new IllegalStateException(key + " in " + namespace + " reads back '" + inside
                    + "' after writing '" + value + "'");
        }
    }

    /** The value in the namespace this JVM runs in, read from /proc directly; empty if absent. */
    static Optional<String> readOutside(String key) {
        Path path = Path.of(procPath(key));
        try {
            return Optional.of(normalise(Files.readString(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** {@code net.ipv4.tcp_retries2} to {@code /proc/sys/net/ipv4/tcp_retries2}, net.* only. */
    private static String procPath(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("only net.* sysctls in dotted form are per network"
                    + " namespace; refusing '" + key + "'");
        }
        return "/proc/sys/" + key.replace('.', '/');
    }

    private static String normalise(String raw) {
        return String.join(" ", raw.strip().split("\\s+"));
    }
}
