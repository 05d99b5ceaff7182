package io.closebench.analysis.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small real results folders kept under {@code src/test/resources/results} (see the README there:
 * every one a real run of closebench, some cut down by leaving files and rows out, none edited),
 * copied into a test's temporary folder so that a test may damage or report into its copy.
 */
public final class TestFolders {

    /** bench, 2 forks x 2 iterations: HarnessBaselines and PeerClosesWhileObserverWaits, BLOCKING and NIO, SAME_CPU. */
    public static final String BENCH = "bench-2forks";

    /** bench, 1 fork: PeerClosesWhileObserverWaits under SAME_CPU and CROSS_CPU, idle 0 and 10 ms; with the native floor. */
    public static final String PLACEMENT = "bench-placement-idle";

    /** bench on JDK 17, 2 forks: HarnessBaselines, BLOCKING and NIO; VIRTUAL skipped (JDK 21+). */
    public static final String JDK17 = "bench-jdk17";

    /** bench killed with SIGKILL mid-run: forks without their percentile CSV, a stale "running" status. */
    public static final String BENCH_KILLED = "bench-killed";

    /** matrix n = 2: S2, X1, C1 with BLOCKING and NIO. */
    public static final String MATRIX = "matrix";

    /** matrix n = 3 with the wire captured: C3, S3b-bash and X2 with BLOCKING and NIO. */
    public static final String MATRIX_WIRE = "matrix-wire";

    /** matrix on JDK 17: VIRTUAL skipped. */
    public static final String MATRIX_JDK17 = "matrix-jdk17";

    /** matrix stopped with SIGINT: status "interrupted: ...", partial rows. */
    public static final String MATRIX_INTERRUPTED = "matrix-interrupted";

    /** matrix killed with SIGKILL: status still "running pid=... started=...". */
    public static final String MATRIX_KILLED = "matrix-killed";

    /** S1 with 5 connections per mechanism and observer. */
    public static final String CABLE_A = "cable-a";

    /** A later run with the same S1 settings. */
    public static final String CABLE_B = "cable-b";

    /** mass-death, JDK 25: KILL and ABORT, every model, N = 1, 10, 100, 3 trials each. */
    public static final String MASS_DEATH = "massdeath";

    /** mass-death on JDK 17 (VIRTUAL skipped): KILL, and HOST by keepalive and by heartbeat, N = 1, 10, 100. */
    public static final String MASS_DEATH_JDK17_HOST = "massdeath-jdk17-host";

    /** soak of 30 s after 5 s of warm-up, every loopback case and model: nothing grew. */
    public static final String SOAK = "soak";

    /** bench of HarnessBaselines, BLOCKING, VIRTUAL and NIO, 2 forks, the forks on JDK 17 (VIRTUAL skipped). */
    public static final String PAIR_JDK17 = "bench-pair-jdk17";

    /** The same bench right after, the forks on JDK 25: the two differ only in the forks' JDK. */
    public static final String PAIR_JDK25 = "bench-pair-jdk25";

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
     * @param prefix a file name's start, e.g. "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-NIO"
     * @return the one file starting with it, the first in name order when several do
     */
    public static Path file(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no file " + prefix + "* in " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets one key of a copy's metadata.csv, as a folder of another version would have it; a null
     * value removes the key.
     */
    public static void setMetadata(Path folder, String key, String value) {
        Path file = folder.resolve("metadata.csv");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> out = new java.util.ArrayList<>(lines.stream().filter(l -> !l.startsWith(key + ",")).toList());
            if (value != null) {
                out.add(1, key + "," + value);
            }
            Files.write(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites the cells of a copy's CSV rows that match: as a hand edit or a damaged file would, never
     * to stand in for a measurement.
     *
     * @param csv the file
     * @param row which data rows to change, by their cells (header names to values)
     * @param change what to set in each such row (header names to values)
     * @return how many rows changed
     */
    public static int editRows(Path csv, java.util.function.Predicate<java.util.Map<String, String>> row,
            java.util.Map<String, String> change) {
        try {
            List<String> header;
            List<List<String>> rows = new java.util.ArrayList<>();
            try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .get().parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
                header = parser.getHeaderNames();
                for (var r : parser.getRecords()) {
                    rows.add(new java.util.ArrayList<>(r.toList()));
                }
            }
            int changed = 0;
            StringBuilder out = new StringBuilder();
            try (var printer = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.DEFAULT)) {
                printer.printRecord(header);
                for (List<String> cells : rows) {
                    java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        byName.put(header.get(i), cells.get(i));
                    }
                    if (row.test(byName)) {
                        change.forEach((k, v) -> cells.set(header.indexOf(k), v));
                        changed++;
                    }
                    printer.printRecord(cells);
                }
            }
            Files.writeString(csv, out.toString(), StandardCharsets.UTF_8);
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code count} connections of one mass-death trial (of a folder of placement OS, no load) undetected, as a bound that passed first leaves them
     * (TIMEOUT, -1), in both CSVs, and deletes the combination's log, whose interval would otherwise
     * count them: a damaged copy for the reader, not a measurement.
     */
    public static void undetect(Path folder, String fault, String observer, String n, String trial, int count) {
        int[] left = {count};
        editRows(folder.resolve("massdeath-connections-OS-load0.csv"), r -> r.get("fault").equals(fault)
                && r.get("observer").equals(observer) && r.get("connections").equals(n) && r.get("trial").equals(trial)
                && left[0]-- > 0, java.util.Map.of("outcome", "TIMEOUT", "latency_ns", "-1"));
        int all = Integer.parseInt(n);
        editRows(folder.resolve("massdeath-trials-OS-load0.csv"), r -> r.get("fault").equals(fault)
                && r.get("observer").equals(observer) && r.get("connections").equals(n) && r.get("trial").equals(trial),
                java.util.Map.of("detected", String.valueOf(all - count), "undetected", String.valueOf(count),
                        "outcome_counts", "EOF=" + (all - count) + ";TIMEOUT=" + count));
        try {
            Files.delete(folder.resolve("massdeath-latency-" + fault + "-" + observer + "-OS-n" + n + "-load0.hlog"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts a copy's file to its first {@code bytes} bytes, as a run killed mid-write leaves it. */
    public static void cut(Path file, long bytes) {
        try {
            byte[] content = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(content, (int) bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
