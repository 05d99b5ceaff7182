package io.closebench.analysis.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The small real results folders kept under {@code src/test/resources/results} (see the README there),
 * copied into a test's temporary folder so that a test may damage or report into its copy.
 */
public final class TestFolders {

    /** The bench run: matrix, JMH, .hlog, percentiles, summary. */
    public static final String BENCH = "run-bench";

    /** A run with S1's cable samples. */
    public static final String CABLE_A = "run-cable-a";

    /** A later run with the same S1 settings. */
    public static final String CABLE_B = "run-cable-b";

    private TestFolders() {
    }

    /**
     * @param name one of the constants
     * @param into a temporary folder
     * @return the copy, {@code into/name}
     */
    public static Path copy(String name, Path into) {
        Path source = source(name);
        Path target = into.resolve(name);
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * @param name one of the constants
     * @return the folder as the build copied it to the test class path (read only by convention)
     */
    public static Path source(String name) {
        URL url = TestFolders.class.getResource("/results/" + name + "/metadata.csv");
        if (url == null) {
            throw new IllegalStateException("test resource results/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param folder a results folder
     * @param prefix a file name's start, e.g. "latency-ReadsAfterPeerClosed.repetition-C2b-NIO-load0"
     * @return the one file starting with it
     */
    public static Path file(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no file " + prefix + "* in " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
