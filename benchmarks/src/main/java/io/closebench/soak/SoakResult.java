package io.closebench.soak;

import io.closebench.matrix.MatrixResult;
import java.util.List;
import java.util.Optional;

/**
 * A soak, run: its matrix rows (every repetition's outcome counted and its latency recorded), the
 * resource samples, and the growth that stopped it, if any.
 *
 * @param matrix     the rows, one per scenario and observer
 * @param samples    every resource sample, in order
 * @param baseline   the sample growth was measured from, empty if the soak ended before warm-up did
 * @param growth     what grew beyond its bound, empty if nothing did
 * @param unexpected repetitions whose outcome differs from what Linux gives for their model
 */
public record SoakResult(MatrixResult matrix, List<ResourceSample> samples, Optional<ResourceSample> baseline,
                         List<String> growth, long unexpected) {

    public SoakResult {
        samples = List.copyOf(samples);
        growth = List.copyOf(growth);
    }

    public boolean grew() {
        return !growth.isEmpty();
    }
}
