package io.closebench.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file in a results folder, by name: {@code prefix + parameters + suffix}, the
 * parameters of the run in the name so that files of different settings never overwrite each
 * other. The reader classifies a folder's files with {@link #of(String)}; everything else in the
 * folder (the report, charts, JMH's console log) is not results.
 */
public enum ResultFile {
    METADATA("metadata.csv", ""),
    STATUS("status.txt", ""),
    MATRIX("matrix-", ".csv"),
    OBSERVATIONS("observations-", ".csv"),
    JMH_JSON("jmh-", ".json"),
    JMH_CSV("jmh-", ".csv"),
    LATENCY("latency-", ".hlog"),
    PERCENTILES("percentiles-", ".csv"),
    SUMMARY("summary-", ".csv"),
    CABLE("cable-", ".csv"),
    S1_TIMELINE("s1-timeline-", ".csv"),
    MASS_DEATH_TRIALS("massdeath-trials-", ".csv"),
    MASS_DEATH_CONNECTIONS("massdeath-connections-", ".csv"),
    MASS_DEATH_LATENCY("massdeath-latency-", ".hlog"),
    SOAK("soak-", ".csv"),
    NATIVE_FLOOR("native-floor.csv", "");

    private final String prefix;
    private final String suffix;

    ResultFile(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** @return whether the name is a single fixed name (metadata.csv), not a pattern */
    public boolean isFixed() {
        return suffix.isEmpty();
    }

    /**
     * @param parameters what distinguishes this file, e.g. "n20-deadline5s"; ignored for a fixed name
     * @return the file name
     */
    public String name(String parameters) {
        return isFixed() ? prefix : prefix + parameters + suffix;
    }

    /** @return the fixed name, for {@link #METADATA}, {@link #STATUS}, {@link #NATIVE_FLOOR} */
    public String fixedName() {
        if (!isFixed()) {
            throw new IllegalStateException(this + " has no fixed name");
        }
        return prefix;
    }

    /** @return "matrix-*.csv": how a person would write the pattern */
    public String pattern() {
        return isFixed() ? prefix : prefix + "*" + suffix;
    }

    /** @return the part of a name of this kind between prefix and suffix */
    public String parametersOf(String fileName) {
        if (!matches(fileName)) {
            throw new IllegalArgumentException(fileName + " is not a " + pattern());
        }
        return isFixed() ? "" : fileName.substring(prefix.length(), fileName.length() - suffix.length());
    }

    public boolean matches(String fileName) {
        return isFixed() ? fileName.equals(prefix)
                : fileName.startsWith(prefix) && fileName.endsWith(suffix) && fileName.length() > prefix.length() + suffix.length();
    }

    /** @return the kind of a file name, empty for a file that is not results */
    public static Optional<ResultFile> of(String fileName) {
        return Arrays.stream(values()).filter(k -> k.matches(fileName)).findFirst();
    }
}
