package io.closebench.analysis.results;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@code metadata.csv} ({@code key,value}): the machine, the JDK, the commit, and the run's
 * own parameters. Besides being shown, it tells what the run set out to produce, so that a missing
 * file can be told apart from one the run never meant to write: {@code matrix.*} keys (or a
 * {@code job} naming the matrix) mean a matrix and its observations, {@code bench.*} keys (or a
 * {@code job} naming bench) mean the JMH files, and {@code cable.*} keys mean S1 ran and wrote a
 * cable CSV, while a lone {@code cable} key holds the reason it did not.
 *
 * @param values every key and value, in file order
 */
public record FolderMetadata(Map<String, String> values) {

    /** The file name every results folder has; its absence means "not a results folder". */
    public static final String FILE = "metadata.csv";

    /** Keeps an unmodifiable copy in file order. */
    public FolderMetadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param file a {@code metadata.csv}
     * @return its keys and values
     * @throws ResultsFileException if it is missing, lacks the key or value column, or repeats a key
     */
    public static FolderMetadata read(Path file) throws ResultsFileException {
        Map<String, String> values = new LinkedHashMap<>();
        for (CsvRow row : CsvFile.read(file, List.of("key", "value"))) {
            if (values.put(row.text("key"), row.text("value")) != null) {
                throw row.problem("key", "'" + row.text("key") + "' appears twice");
            }
        }
        return new FolderMetadata(values);
    }

    /**
     * @param key e.g. "jdk"
     * @return its value, empty when absent
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key e.g. "jdk"
     * @return its value, or "unknown" when absent
     */
    public String getOrUnknown(String key) {
        return values.getOrDefault(key, "unknown");
    }

    /** @return whether the run set out to write the conformance matrix and its observations */
    public boolean ranMatrix() {
        return hasPrefix("matrix.") || get("job").map(j -> j.contains("matrix")).orElse(false);
    }

    /** @return whether the run set out to write the JMH files (results, logs, percentiles, summary) */
    public boolean ranBench() {
        return hasPrefix("bench.") || get("job").map(j -> j.contains("bench")).orElse(false);
    }

    /** @return whether S1 (the pulled cable) ran and so wrote a cable CSV */
    public boolean ranCable() {
        return hasPrefix("cable.");
    }

    /** @return why S1 did not run, when the run says so */
    public Optional<String> cableNotRunReason() {
        return get("cable");
    }

    private boolean hasPrefix(String prefix) {
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
