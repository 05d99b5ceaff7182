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
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The end-of-run summary: per benchmark, scenario and load, the observers side by side (median and
 * p99 of the detection latency over every repetition of every fork, from the merged .hlog files),
 * the NIO to blocking ratio of medians, throughput, and unexpected outcomes. Printed and written as
 * {@code summary-<profile>.csv}. Ratios, not lone absolute times, are what compare across machines.
 */
public final class SummaryTable {

    /** The observers, in column order; Netty epoll appears for the pulled cable only. */
    static final List<String> OBSERVERS = List.of("BLOCKING", "NIO", "NETTY_EPOLL");
    static final String[] COLUMNS = columns();

    private SummaryTable() {
    }

    private static String[] columns() {
        List<String> c = new ArrayList<>(List.of("benchmark", "scenario_id", "load_connections", "cpu_burners"));
        for (String o : OBSERVERS) {
            String p = o.toLowerCase();
            c.addAll(List.of(p + "_count", p + "_p50_ns", p + "_p99_ns", p + "_score", p + "_unexpected"));
        }
        c.add("nio_to_blocking_p50_ratio");
        return c.toArray(String[]::new);
    }

    public static void write(Collection<RunResult> results, Path folder, String profile, PrintStream out) throws IOException {
        Map<String, Histogram> histograms = LatencyLogs.mergeByBenchmarkAndTag(folder);
        Map<String, Map<String, RunResult>> rows = new LinkedHashMap<>();
        Map<String, BenchmarkTag> tags = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkTag t = BenchmarkTag.of(r.getParams());
            String key = t.benchmark() + " " + t.scenario() + "/load" + t.loadConnections() + "/cpu" + t.cpuBurners();
            tags.putIfAbsent(key, t);
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(t.observer(), r);
        }
        List<String[]> lines = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(folder.resolve("summary-" + profile + ".csv"));
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (Map.Entry<String, Map<String, RunResult>> row : rows.entrySet()) {
                BenchmarkTag t = tags.get(row.getKey());
                List<Object> record = new ArrayList<>(List.of(t.benchmark(), t.scenario(), t.loadConnections(), t.cpuBurners()));
                Map<String, Side> sides = new LinkedHashMap<>();
                for (String observer : OBSERVERS) {
                    Side side = side(row.getValue().get(observer), histograms.get(t.benchmark() + " " + t.scenario() + "/"
                            + observer + "/load" + t.loadConnections() + "/cpu" + t.cpuBurners()));
                    sides.put(observer, side);
                    record.addAll(List.of(side.count, side.p50, side.p99, side.score, side.unexpected));
                }
                Side b = sides.get("BLOCKING");
                Side n = sides.get("NIO");
                String ratio = b.p50 > 0 && n.p50 > 0 ? String.format("%.2f", (double) n.p50 / b.p50) : "";
                record.add(ratio);
                csv.printRecord(record);
                lines.add(new String[] {t.benchmark().replace(".repetition", ""), t.scenario(),
                        String.valueOf(t.loadConnections()), b.describe(), n.describe(),
                        sides.get("NETTY_EPOLL").describe(), ratio.isEmpty() ? "-" : ratio + "x",
                        b.score + (n.present ? " / " + n.score : "") + (sides.get("NETTY_EPOLL").present
                                ? " / " + sides.get("NETTY_EPOLL").score : ""),
                        b.unexpected + " / " + n.unexpected + (sides.get("NETTY_EPOLL").present ? " / "
                                + sides.get("NETTY_EPOLL").unexpected : "")});
            }
        }
        print(lines, out);
    }

    private static Side side(RunResult r, Histogram h) {
        if (r == null) {
            return Side.ABSENT;
        }
        Result unexpected = r.getAggregatedResult().getSecondaryResults().get("detect.unexpected");
        long u = unexpected == null ? 0 : Math.round(unexpected.getScore());
        String score = String.format("%.0f %s", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
        if (h == null || h.getTotalCount() == 0) {
            return new Side(true, 0, -1, -1, score, u);
        }
        return new Side(true, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), score, u);
    }

    private static void print(List<String[]> lines, PrintStream out) {
        String format = "%-34s %-36s %5s  %-21s  %-21s  %-21s  %-8s  %-29s  %s%n";
        out.printf(format, "benchmark", "scenario", "load", "BLOCKING p50 / p99", "NIO p50 / p99", "NETTY_EPOLL p50 / p99",
                "NIO/BLK", "JMH score (per observer)", "unexpected");
        for (String[] l : lines) {
            out.printf(format, (Object[]) l);
        }
    }

    private record Side(boolean present, long count, long p50, long p99, String score, long unexpected) {
        static final Side ABSENT = new Side(false, 0, -1, -1, "", 0);

        String describe() {
            if (!present) {
                return "";
            }
            return count == 0 ? "-" : LatencyFormat.of(p50) + " / " + LatencyFormat.of(p99);
        }
    }
}
