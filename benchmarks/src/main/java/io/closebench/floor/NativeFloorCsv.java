package io.closebench.floor;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@value #FILE_NAME}: one row per floor case, measured or not (then with its reason). */
public final class NativeFloorCsv {

    public static final String FILE_NAME = "native-floor.csv";

    /**
     * The columns, in order. Latencies are nanoseconds, -1 where there is none; outcome_counts holds
     * the non-zero counts as "EOF=200;TIMEOUT=1"; skipped_reason is empty for a measured row.
     */
    public static final List<String> COLUMNS = List.of("scenario_id", "api", "placement", "idle_before_fault_us",
            "warmup_repetitions", "repetitions", "asleep_at_fault", "outcome_counts", "outcome_details",
            "latency_count", "min_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns", "observer_cpu", "peer_cpu", "kernel",
            "skipped_reason");

    private NativeFloorCsv() {
    }

    /** Writes the figures into {@code folder}; returns the file. */
    public static Path write(List<NativeFloorFigure> figures, Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (NativeFloorFigure f : figures) {
                FloorCase c = f.floorCase();
                FloorLatency l = f.latency();
                csv.printRecord(c.scenario().id(), c.api(), c.placement(), c.idleMicros(), f.warmupRepetitions(),
                        f.repetitions(), f.asleepAtFault(), f.outcomeCountsText(), String.join("; ", f.outcomeDetails()),
                        l.count(), l.minNanos(), l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.maxNanos(),
                        f.observerCpu(), f.peerCpu(), f.kernel(), f.skippedReason());
            }
        }
        return file;
    }
}
