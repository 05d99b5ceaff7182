package io.closebench.schema;

import java.util.Optional;

/**
 * The version of the results folder format, written into every {@code metadata.csv} as
 * {@value #METADATA_KEY} and checked by the reader. It changes whenever a file name, a column or a
 * word of the vocabulary changes meaning, so that a reader never takes a newer folder's figures for
 * what it thinks they are.
 *
 * <p>History: 1, the folders written before this version existed (no {@value #METADATA_KEY}); 2,
 * placement and idle time in every figure, untagged HdrHistogram intervals, every model.
 */
public final class SchemaVersion {

    /** The version this closebench writes, and the newest it reads. */
    public static final int CURRENT = 2;

    /** The metadata key. */
    public static final String METADATA_KEY = "schema_version";

    private SchemaVersion() {
    }

    /**
     * Why a folder of version {@code found} cannot be read by this closebench, or empty when it can.
     *
     * @param found the folder's {@value #METADATA_KEY}; 1 when the key is absent
     * @return the refusal in words, naming both versions
     */
    public static Optional<String> refusal(int found) {
        if (found > CURRENT) {
            return Optional.of("written by a newer closebench (results schema " + found + "); this closebench reads "
                    + "results schema " + CURRENT + " and older: update closebench to read it");
        }
        if (found < CURRENT) {
            return Optional.of("written by an older closebench (results schema " + found + "; this closebench reads "
                    + "results schema " + CURRENT + "): its file names and columns predate placement and idle time; "
                    + "re-run it, or read it with the closebench that wrote it");
        }
        return Optional.empty();
    }

    /**
     * @param value the metadata value, null or blank when the key is absent
     * @return the version it names; 1 when absent
     * @throws IllegalArgumentException when it is not a whole number
     */
    public static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(METADATA_KEY + " is not a whole number: '" + value + "'", e);
        }
    }
}
