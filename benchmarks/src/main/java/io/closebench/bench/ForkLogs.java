package io.closebench.bench;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The {@code .hlog} files one benchmark combination left in a results folder, one per fork, read
 * back: for the end-of-benchmark summary row, while the run goes on. The report reads them itself,
 * fork by fork and iteration by iteration.
 */
final class ForkLogs {

    private ForkLogs() {
    }

    /** Every fork's file of {@code key} in {@code folder}. */
    static List<Path> of(Path folder, BenchmarkKey key) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> BenchmarkKey.fromFileName(p.getFileName().toString())
                    .filter(f -> f.kind() == ResultFile.LATENCY && f.key().equals(key)).isPresent()).sorted().toList();
        }
    }

    /** Every interval of every fork of {@code key}, added up. */
    static Histogram merged(Path folder, BenchmarkKey key) throws IOException {
        Histogram all = new Histogram(3);
        for (Path f : of(folder, key)) {
            HistogramLogReader reader = new HistogramLogReader(f.toFile());
            try {
                EncodableHistogram interval;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    all.add((Histogram) interval);
                }
            } finally {
                reader.close();
            }
        }
        return all;
    }
}
