package io.closebench.bench;

import io.closebench.observe.ObserverModels;
import io.closebench.schema.Observer;
import io.closebench.results.RunMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM the benchmark forks run on: the one running closebench unless {@code bench --jvm} names
 * another (to compare JDKs on one machine). Its version decides what the forks can run (virtual
 * threads need 21+) and is recorded with every figure.
 *
 * @param path        the {@code java} executable; empty: this JVM's
 * @param feature     its feature version (17, 21, 25)
 * @param versionLine its own words: "OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium)"
 */
public record ForkJvm(Optional<Path> path, int feature, String versionLine) {

    /** The JVM running closebench. */
    public static ForkJvm current() {
        return new ForkJvm(Optional.empty(), Runtime.version().feature(), RunMetadata.jdk());
    }

    /**
     * Asks {@code java} for its version.
     *
     * @throws IllegalArgumentException naming the path when it is not a runnable JVM
     */
    public static ForkJvm at(Path java) {
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException(java + " is not an executable java (give the path of bin/java)");
        }
        try {
            Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalArgumentException(java + " did not answer -version: " + out.strip());
            }
            String spec = property(out, "java.specification.version");
            String line = property(out, "java.vm.name") + " " + property(out, "java.runtime.version") + " ("
                    + property(out, "java.vendor") + ")";
            return new ForkJvm(Optional.of(java), Integer.parseInt(spec), line);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException(java + " is not a JVM closebench can run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while asking " + java + " for its version", e);
        }
    }

    private static String property(String settings, String name) {
        for (String line : settings.split("\n")) {
            String t = line.strip();
            if (t.startsWith(name + " = ")) {
                return t.substring(name.length() + 3).strip();
            }
        }
        return "unknown";
    }

    /** Why {@code observer} cannot run in these forks, or empty. */
    public Optional<String> unavailableReason(Observer observer) {
        int minimum = ObserverModels.of(observer).minimumJdk();
        if (feature < minimum) {
            return Optional.of(observer + " needs JDK " + minimum + " or later; the forks run " + versionLine);
        }
        return ObserverModels.unavailableReason(observer);
    }

    public String describe() {
        return versionLine + path.map(p -> " at " + p).orElse("");
    }
}
