package io.closebench.floor;

import io.closebench.schema.Outcome;
import java.util.Arrays;

/**
 * The harness scenarios the native floor reproduces: the two where an in-process peer ends the
 * connection while the observer sleeps in its read, so that t1 - t0 is the wake-up alone. The ids
 * are the ones of {@code ScenarioCatalogue}, so that floor rows line up with the Java rows.
 */
public enum FloorScenario {
    /** The peer streams 256 KiB in 1 KiB writes, then closes: a FIN, read returns EOF. */
    S2_INPROC("S2-inproc", Outcome.EOF),
    /** The peer streams 16 KiB in 1 KiB writes, then closes with SO_LINGER {1, 0}: an RST. */
    X1_LINGER0("X1-linger0", Outcome.RESET);

    private final String id;
    private final Outcome expectedOutcome;

    FloorScenario(String id, Outcome expectedOutcome) {
        this.id = id;
        this.expectedOutcome = expectedOutcome;
    }

    /** The scenario id, also the program's first argument. */
    public String id() {
        return id;
    }

    /** What every repetition should report on Linux. */
    public Outcome expectedOutcome() {
        return expectedOutcome;
    }

    public static FloorScenario byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no floor scenario " + id + "; known: "
                        + Arrays.stream(values()).map(FloorScenario::id).toList()));
    }
}
