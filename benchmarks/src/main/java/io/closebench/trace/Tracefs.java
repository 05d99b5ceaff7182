package io.closebench.trace;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Where tracefs is, and bounded reads and writes of its files. Every control write is one short
 * {@code write(2)} (tracefs acts on each call); every read stops at a stated size.
 */
final class Tracefs {

    /** Its own mount point since Linux 4.1, and the old place under debugfs. */
    static final List<Path> MOUNT_POINTS = List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"));
    /** Every value this class writes is shorter than a page, which the kernel's parsers require. */
    private static final int MAX_WRITE = 4095;

    private Tracefs() {
    }

    /** The first mount point that is a mounted tracefs (it has {@code instances}), if any. */
    static Optional<Path> mounted() {
        return MOUNT_POINTS.stream().filter(p -> Files.isDirectory(p.resolve("instances"))).findFirst();
    }

    /**
     * The mounted tracefs; when none is, mounts it at {@code /sys/kernel/tracing} (what systemd does
     * at boot; harmless to leave) and returns that.
     *
     * @throws KernelTraceException when it is not mounted and cannot be
     */
    static Path root() {
        Optional<Path> found = mounted();
        if (found.isPresent()) {
            return found.get();
        }
        Path target = MOUNT_POINTS.get(0);
        if (!Files.isDirectory(target)) {
            throw new KernelTraceException("tracefs is not mounted and " + target + " does not exist (kernel without CONFIG_TRACING?)");
        }
        CommandResult mount = BoundedCommand.run("mount", "-t", "tracefs", "nodev", target.toString());
        if (!mount.succeeded() || !Files.isDirectory(target.resolve("instances"))) {
            throw new KernelTraceException("tracefs is not mounted and mounting it at " + target + " failed: "
                    + (mount.stderr().isBlank() ? "exit " + mount.exitCode() : mount.stderr().strip()));
        }
        return target;
    }

    /**
     * Writes {@code value} to a tracefs control file in one call.
     *
     * @throws KernelTraceException with the kernel's refusal (EINVAL for a bad filter, EBUSY, EACCES)
     */
    static void write(Path file, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_WRITE) {
            throw new IllegalArgumentException(bytes.length + " bytes for " + file + ", at most " + MAX_WRITE);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int written = channel.write(ByteBuffer.wrap(bytes));
            if (written != bytes.length) {
                throw new KernelTraceException("writing '" + value + "' to " + file + ": only " + written + " of "
                        + bytes.length + " bytes taken");
            }
        } catch (IOException e) {
            throw new KernelTraceException("writing '" + value + "' to " + file + ": " + e, e);
        }
    }

    /**
     * Reads a tracefs file whole, refusing more than {@code maxBytes}.
     *
     * @throws KernelTraceException when it cannot be read or is larger
     */
    static String read(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new KernelTraceException(file + " holds more than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KernelTraceException("reading " + file + ": " + e, e);
        }
    }

    /** A short control file ({@code trace_clock}, {@code buffer_size_kb}, a filter), read whole. */
    static String readControl(Path file) {
        return read(file, 64 * 1024).strip();
    }
}
