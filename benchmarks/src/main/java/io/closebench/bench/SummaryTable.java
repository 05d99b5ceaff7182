package io.closebench.bench;

import io.closebench.analysis.results.LatencyLogs;
import io.closebench.matrix.LatencyFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The end-of-run summary: per benchmark, scenario and load, blocking next to NIO (median and p99 of
 * the detection latency over every repetition of every fork, from the merged .hlog files), the NIO
 * to blocking ratio of medians, throughput, and unexpected outcomes. Printed and written as
 * {@code summary-<profile>.csv}. Ratios, not lone absolute times, are what compare across machines.
 */
public final class SummaryTable {

    static final String[] COLUMNS = {"benchmark", "scenario_id", "load_connections", "cpu_burners",
            "blocking_count", "blocking_p50_ns", "blocking_p99_ns", "blocking_reps_per_s", "blocking_unexpected",
            "nio_count", "nio_p50_ns", "nio_p99_ns", "nio_reps_per_s", "nio_unexpected", "nio_to_blocking_p50_ratio"};

    private SummaryTable() {
    }

    public static void write(Collection<RunResult> results, Path folder, String profile, PrintStream out) throws IOException {
        Map<String, Histogram> histograms = LatencyLogs.mergeByBenchmarkAndTag(folder);
        Map<String, Map<String, RunResult>> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String key = shortName(p.getBenchmark()) + " " + p.getParam("scenario") + "/load" + p.getParam("loadConnections")
                    + "/cpu" + p.getParam("cpuBurners");
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.getParam("observer"), r);
        }
        List<String[]> lines = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(folder.resolve("summary-" + profile + ".csv"));
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (Map.Entry<String, Map<String, RunResult>> row : rows.entrySet()) {
                String[] key = row.getKey().split(" ");
                String[] tag = key[1].split("/");
                Side blocking = side(row.getValue().get("BLOCKING"), histograms, key[0], key[1], "BLOCKING");
                Side nio = side(row.getValue().get("NIO"), histograms, key[0], key[1], "NIO");
                String ratio = blocking.p50 > 0 && nio.p50 > 0 ? String.format("%.2f", (double) nio.p50 / blocking.p50) : "";
                csv.printRecord(key[0], tag[0], tag[1].substring(4), tag[2].substring(3), blocking.count, blocking.p50,
                        blocking.p99, round(blocking.repsPerSecond), blocking.unexpected, nio.count, nio.p50, nio.p99,
                        round(nio.repsPerSecond), nio.unexpected, ratio);
                lines.add(new String[] {key[0].replace(".repetition", ""), tag[0], tag[1].substring(4),
                        blocking.describe(), nio.describe(), ratio.isEmpty() ? "-" : ratio + "x",
                        String.format("%.0f / %.0f", blocking.repsPerSecond, nio.repsPerSecond),
                        blocking.unexpected + " / " + nio.unexpected});
            }
        }
        print(lines, out);
    }

    private static Side side(RunResult r, Map<String, Histogram> histograms, String benchmark, String tagWithoutObserver,
                             String observer) {
        if (r == null) {
            return new Side(0, -1, -1, 0, 0);
        }
        String[] t = tagWithoutObserver.split("/");
        Histogram h = histograms.get(benchmark + " " + t[0] + "/" + observer + "/" + t[1] + "/" + t[2]);
        Result unexpected = r.getAggregatedResult().getSecondaryResults().get("detect.unexpected");
        double reps = r.getPrimaryResult().getScore();
        if (h == null || h.getTotalCount() == 0) {
            return new Side(0, -1, -1, reps, unexpected == null ? 0 : Math.round(unexpected.getScore()));
        }
        return new Side(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), reps,
                unexpected == null ? 0 : Math.round(unexpected.getScore()));
    }

    private static void print(List<String[]> lines, PrintStream out) {
        String format = "%-38s %-16s %5s  %-22s  %-22s  %-9s  %-15s  %s%n";
        out.printf(format, "benchmark", "scenario", "load", "BLOCKING p50 / p99", "NIO p50 / p99", "NIO/BLK", "reps/s B / N",
                "unexpected B / N");
        for (String[] l : lines) {
            out.printf(format, (Object[]) l);
        }
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static long round(double d) {
        return Math.round(d);
    }

    private record Side(long count, long p50, long p99, double repsPerSecond, long unexpected) {
        String describe() {
            return count == 0 ? "-" : LatencyFormat.of(p50) + " / " + LatencyFormat.of(p99);
        }
    }
}
