package io.closebench.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a kernel function, from {@code /proc/kallsyms}, for an event filter that compares a
 * function pointer ({@code timer:timer_start}'s {@code function}). Root reads the real addresses
 * ({@code kptr_restrict} 0 or 1); others, or {@code kptr_restrict} 2, read zeros, which is refused.
 */
final class KernelSymbols {

    private static final Path KALLSYMS = Path.of("/proc/kallsyms");

    private KernelSymbols() {
    }

    /**
     * The address of the text symbol {@code name}.
     *
     * @throws KernelTraceException when it is not listed, listed more than once, or hidden (zero)
     */
    static long address(String name) {
        String text;
        try {
            text = Files.readString(KALLSYMS);
        } catch (IOException e) {
            throw new KernelTraceException("cannot read " + KALLSYMS + ": " + e, e);
        }
        return address(text, name);
    }

    /** {@link #address(String)} from a printing of {@code /proc/kallsyms}. */
    static long address(String kallsyms, String name) {
        Matcher m = Pattern.compile("^([0-9a-f]+) [tT] " + Pattern.quote(name) + "$", Pattern.MULTILINE).matcher(kallsyms);
        if (!m.find()) {
            throw new KernelTraceException("no function " + name + " in " + KALLSYMS);
        }
        long address = Long.parseUnsignedLong(m.group(1), 16);
        if (m.find()) {
            throw new KernelTraceException("more than one function " + name + " in " + KALLSYMS);
        }
        if (address == 0) {
            throw new KernelTraceException(KALLSYMS + " hides the address of " + name + " (not root, or kptr_restrict 2)");
        }
        return address;
    }
}
