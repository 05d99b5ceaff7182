package io.closebench.analysis.results;

import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.SoakRecord;
import java.util.List;
import java.util.Optional;

/**
 * A folder's soak: the resource samples of {@code soak-*.csv}, and the soak's own matrix
 * ({@code matrix-soak-*.csv}: every repetition's outcome counted per scenario and model, written when
 * the soak ends), kept apart from the conformance matrix, which it is not: its repetitions ran
 * round-robin for a duration, not N per scenario. Empty where the run was no soak.
 *
 * @param file the samples' file name; empty when there is none
 * @param samples every sample, in the order taken
 * @param matrixFile the soak matrix's file name; empty when there is none
 * @param matrix its rows
 */
public record SoakRun(String file, List<SoakRecord> samples, String matrixFile, List<MatrixRecord> matrix) {

    /** The start of a soak matrix's name: the matrix writer's name for the soak's rows. */
    public static final String MATRIX_PREFIX = "matrix-soak-";

    /** Keeps unmodifiable copies. */
    public SoakRun {
        samples = List.copyOf(samples);
        matrix = List.copyOf(matrix);
    }

    /** @return no soak */
    public static SoakRun none() {
        return new SoakRun("", List.of(), "", List.of());
    }

    /** @return whether the folder holds neither soak samples nor a soak matrix */
    public boolean isEmpty() {
        return samples.isEmpty() && matrix.isEmpty();
    }

    /** @return the baseline sample, empty when the soak ended before its warm-up did */
    public Optional<SoakRecord> baseline() {
        return samples.stream().filter(SoakRecord::baseline).findFirst();
    }
}
