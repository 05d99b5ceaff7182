package io.closebench.analysis.results;

import io.closebench.schema.MetadataColumn;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.SchemaVersion;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@code metadata.csv} ({@code key,value}): the schema version, the machine, the JDK, the
 * commit, and the run's own parameters. Besides being shown, it decides two things before anything
 * else is read:
 * <ul>
 *   <li>whether this closebench can read the folder at all: its {@value MetadataKey#SCHEMA_VERSION}
 *       must be {@link SchemaVersion#CURRENT}; a newer or older folder (an older one has no such
 *       key) is refused with {@link SchemaVersion#refusal}, which names both versions, because its
 *       columns would be read as something they are not;</li>
 *   <li>what the run set out to produce, so that a missing file can be told apart from one the run
 *       never meant to write: {@code matrix.*} keys (or a {@code job} naming the matrix) mean a
 *       matrix and its observations, {@code bench.*} keys (or a {@code job} naming bench) the JMH
 *       files, and {@code cable.*} keys mean S1 ran and wrote a cable CSV, while a lone
 *       {@value MetadataKey#CABLE_NOT_RUN} key holds the reason it did not; {@code massdeath.*} keys
 *       mean the mass-death files, {@code soak.*} keys a soak's samples and its matrix.</li>
 * </ul>
 *
 * @param values every key and value, in file order
 */
public record FolderMetadata(Map<String, String> values) {

    /** Keeps an unmodifiable copy in file order. */
    public FolderMetadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param table {@code metadata.csv} as read
     * @return its keys and values, of a folder this closebench can read
     * @throws ResultsFileException if it is empty, repeats a key, or is of another schema version
     */
    public static FolderMetadata of(CsvTable table) throws ResultsFileException {
        if (table.header().isEmpty()) {
            throw new ResultsFileException(table.file(), "empty: the run was stopped before it wrote its metadata, "
                    + "so nothing in the folder can be interpreted");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (CsvRow row : table.rows()) {
            if (values.put(row.text(MetadataColumn.KEY), row.text(MetadataColumn.VALUE)) != null) {
                throw row.problem(MetadataColumn.KEY.header(), "'" + row.text(MetadataColumn.KEY) + "' appears twice");
            }
        }
        int version;
        try {
            version = SchemaVersion.parse(values.get(MetadataKey.SCHEMA_VERSION));
        } catch (IllegalArgumentException e) {
            throw new ResultsFileException(table.file(), e.getMessage(), e);
        }
        Optional<String> refusal = SchemaVersion.refusal(version);
        if (refusal.isPresent()) {
            throw new ResultsFileException(table.file(), refusal.get());
        }
        return new FolderMetadata(values);
    }

    /**
     * @param key e.g. {@link MetadataKey#JDK}
     * @return its value, empty when absent
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key e.g. {@link MetadataKey#JDK}
     * @return its value, or "unknown" when absent
     */
    public String getOrUnknown(String key) {
        return values.getOrDefault(key, "unknown");
    }

    /** @return the JDK the benchmark forks ran on, as the bench job recorded it; else the harness's */
    public String benchJdk() {
        return get(MetadataKey.BENCH_JVM).orElse(getOrUnknown(MetadataKey.JDK));
    }

    /** @return whether the run set out to write the conformance matrix and its observations */
    public boolean ranMatrix() {
        return hasPrefix(MetadataKey.MATRIX_PREFIX) || get(MetadataKey.JOB).map(j -> j.contains("matrix")).orElse(false);
    }

    /** @return whether the run set out to write the JMH files (results, logs, percentiles, summary) */
    public boolean ranBench() {
        return hasPrefix(MetadataKey.BENCH_PREFIX) || get(MetadataKey.JOB).map(j -> j.contains("bench")).orElse(false);
    }

    /** @return whether S1 (the pulled cable) ran and so wrote a cable CSV */
    public boolean ranCable() {
        return hasPrefix(MetadataKey.CABLE_PREFIX);
    }

    /** @return why S1 did not run, when the run says so */
    public Optional<String> cableNotRunReason() {
        return get(MetadataKey.CABLE_NOT_RUN);
    }

    /** @return whether the run set out to do mass deaths and so wrote the {@code massdeath-*} files */
    public boolean ranMassDeath() {
        return hasPrefix(MetadataKey.MASS_DEATH_PREFIX);
    }

    /** @return whether the run was a soak and so wrote {@code soak-*.csv} and, at its end, the soak's matrix */
    public boolean ranSoak() {
        return hasPrefix(MetadataKey.SOAK_PREFIX);
    }

    /**
     * @param key e.g. "massdeath.trials"
     * @return its value when it is a whole number
     */
    public Optional<Long> wholeNumber(String key) {
        return get(key).map(String::strip).filter(v -> v.matches("\\d{1,18}")).map(Long::parseLong);
    }

    private boolean hasPrefix(String prefix) {
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
