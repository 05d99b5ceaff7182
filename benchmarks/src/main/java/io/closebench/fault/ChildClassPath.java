package io.closebench.fault;

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
public final class ChildClassPath {

    private ChildClassPath() {
    }

    /** The JVM flags of a child that must start fast: C1 only, the serial collector, no perf data. */
    public static final java.util.List<String> FAST_START_FLAGS =
            java.util.List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    /**
     * The command that runs {@code main} in a child JVM on this JVM's JDK, with the fast-start flags
     * and {@code heap}, then {@code args}: for every child JVM the harness starts (the peers that exit
     * or are killed, the pulled cable's hosts).
     */
    public static java.util.List<String> jvmCommand(Class<?> main, String heap, java.util.List<String> args) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(javaLauncher()));
        argv.addAll(FAST_START_FLAGS);
        argv.addAll(java.util.List.of("--enable-native-access=ALL-UNNAMED", heap, "-Xss512k", "-cp", get(), main.getName()));
        argv.addAll(args);
        return argv;
    }

    /** This JVM's {@code java} launcher, so that children run on the same JDK. */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String get() {
        Set<String> entries = new LinkedHashSet<>();
        try {
            entries.add(Path.of(ChildClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
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
