package io.closebench.cable;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path a child JVM needs to run closebench's own classes and their dependencies (Netty):
 * where closebench's classes were loaded from, then this JVM's {@code java.class.path}. From the
 * shaded {@code benchmarks.jar} that is the jar itself; under Maven's test runner it is
 * {@code target/classes} plus every dependency jar.
 */
final class ChildClassPath {

    private ChildClassPath() {
    }

    static String get() {
        Set<String> entries = new LinkedHashSet<>();
        try {
            entries.add(Path.of(CableServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate closebench's own classes for the child JVMs", e);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
