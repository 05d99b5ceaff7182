package io.closebench.machine;

import io.closebench.bench.ForkJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JDKs installed where {@code ./closebench} looks for one ({@code /usr/lib/jvm/*}/bin/java), each
 * asked for its version as {@code bench --jvm} asks ({@link ForkJvm#at}); a directory that links to
 * another JDK (default-java) is listed once.
 */
public final class InstalledJdks {

    static final Path USR_LIB_JVM = Path.of("/usr/lib/jvm");

    private InstalledJdks() {
    }

    /** Every JDK under {@code root}, by name; one that does not answer is listed with why. */
    static Map<Path, String> under(Path root) {
        Map<Path, String> found = new LinkedHashMap<>();
        List<Path> homes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.sorted().forEach(homes::add);
        } catch (IOException e) {
            return found;
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path link : homes) {
            Path home;
            try {
                // java-1.17.0-openjdk-amd64 and default-java are links to a JDK listed under its own name
                home = link.toRealPath();
            } catch (IOException e) {
                continue;
            }
            Path java = home.resolve("bin/java");
            if (!Files.isExecutable(java) || !seen.add(home)) {
                continue;
            }
            try {
                ForkJvm jvm = ForkJvm.at(java);
                found.put(home, jvm.feature() + " (" + jvm.versionLine() + ")");
            } catch (IllegalArgumentException e) {
                found.put(home, "does not run: " + e.getMessage());
            }
        }
        return found;
    }

    /** "/usr/lib/jvm/java-17-openjdk-amd64: 17 (...); ...", or "none under /usr/lib/jvm". */
    static String describe(Map<Path, String> jdks, Path root) {
        if (jdks.isEmpty()) {
            return "none under " + root;
        }
        List<String> each = new ArrayList<>();
        jdks.forEach((home, what) -> each.add(home + ": " + what));
        return String.join("; ", each);
    }
}
