package io.closebench.analysis.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads the HdrHistogram logs of a results folder ({@code latency-<benchmark>-...-fork<pid>.hlog})
 * and merges, per benchmark and tag, every interval of every fork into one histogram: the exact
 * distribution of all recorded repetitions, from which percentiles across forks are taken.
 */
public final class LatencyLogs {

    private LatencyLogs() {
    }

    /** Key: "{@code <benchmark> <tag>}", e.g. "PeerClosesWhileObserverWaits.repetition S2-inproc/NIO/load0/cpu0". */
    public static Map<String, Histogram> mergeByBenchmarkAndTag(Path folder) throws IOException {
        Map<String, Histogram> merged = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("latency-")
                    && p.getFileName().toString().endsWith(".hlog")).sorted().toList()) {
                String benchmark = benchmarkOf(f.getFileName().toString());
                for (Map.Entry<String, Histogram> e : read(f).entrySet()) {
                    merged.computeIfAbsent(benchmark + " " + e.getKey(), k -> new Histogram(3)).add(e.getValue());
                }
            }
        }
        return merged;
    }

    /** One log: its intervals added up per tag. A malformed log fails with its file name in the message. */
    public static Map<String, Histogram> read(Path hlog) throws IOException {
        Map<String, Histogram> byTag = new TreeMap<>();
        try {
            HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                Histogram h = (Histogram) interval;
                byTag.computeIfAbsent(String.valueOf(h.getTag()), k -> new Histogram(3)).add(h);
            }
            reader.close();
        } catch (RuntimeException e) {
            throw new IOException(hlog + ": not a readable HdrHistogram log: " + e.getMessage(), e);
        }
        return byTag;
    }

    /** "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-..." -> "PeerClosesWhileObserverWaits.repetition". */
    static String benchmarkOf(String fileName) {
        String rest = fileName.substring("latency-".length());
        int dash = rest.indexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }
}
