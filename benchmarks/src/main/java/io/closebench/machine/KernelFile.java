package io.closebench.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small file of {@code /proc} or {@code /sys}, read as the kernel serves it. */
public final class KernelFile {

    private KernelFile() {
    }

    /**
     * Reads a small file with one read call, trimmed; "unknown" when it cannot be read.
     * {@code Files.readString} sees size 0 for {@code /proc/sys} files, reads a single byte, then asks
     * for the rest at offset 1, and integer sysctls answer any read at a nonzero offset with EOF
     * ("7200" came back as "7").
     */
    public static String readTrimmed(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
