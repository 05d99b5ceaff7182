package io.closebench.bench;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.observe.ObserverModels;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.Observer;
import io.closebench.schema.ResultFile;
import io.closebench.schema.SummaryColumn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.BenchmarkResult;

import static io.closebench.schema.SummaryColumn.*;

/**
 * The benchmarks' summary: one row per parameter combination, appended to
 * {@code summary-<profile>.csv} the moment the benchmark ends (median and p99 of t1 - t0 over every
 * repetition of every fork, from the .hlog files, the JMH score, unexpected outcomes, the JDK that
 * ran it), and one row per combination that could not run here, with the reason. At the end it
 * prints the table a person reads: one line per benchmark, scenario, placement, idle time and load,
 * one column per model. Ratios measured side by side in one run are what compare across machines,
 * not lone absolute times; the report computes them with intervals that respect forks.
 */
public final class SummaryTable implements AutoCloseable {

    private final Path folder;
    private final CsvLog<SummaryColumn> csv;
    private final String jdk;
    private final Map<String, Map<Observer, String>> lines = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    /** @param jdk the JDK the forks run on, for every row */
    public SummaryTable(Path folder, String profile, String jdk) throws IOException {
        this.folder = folder;
        this.jdk = jdk;
        this.csv = CsvLog.create(folder.resolve(ResultFile.SUMMARY.name(profile)), SummaryColumn.class);
    }

    /** A benchmark ended: its row, from its forks' logs. */
    public void add(BenchmarkResult r, BenchmarkKey key) throws IOException {
        Histogram h = ForkLogs.merged(folder, key);
        Result unexpected = r.getSecondaryResults().get("detect.unexpected");
        long u = unexpected == null ? 0 : Math.round(unexpected.getScore());
        boolean empty = h.getTotalCount() == 0;
        long p50 = empty ? -1 : h.getValueAtPercentile(50);
        long p99 = empty ? -1 : h.getValueAtPercentile(99);
        row(key).set(JDK, jdk).set(FORKS, r.getParams().getForks()).set(COUNT, h.getTotalCount()).set(P50_NS, p50)
                .set(P99_NS, p99).set(SCORE, String.format("%.1f", r.getPrimaryResult().getScore()))
                .set(SCORE_UNIT, r.getPrimaryResult().getScoreUnit()).set(UNEXPECTED, u).set(SKIPPED_REASON, "")
                .append();
        lines.computeIfAbsent(lineOf(key), k -> new LinkedHashMap<>()).put(key.observer(),
                empty ? "-" : ThreeFigureDuration.of(p50) + " / " + ThreeFigureDuration.of(p99) + (u > 0 ? " (" + u + "!)" : ""));
    }

    /** A combination that cannot run here: a row with the reason, never a silent omission. */
    public void addSkipped(BenchmarkKey key, String reason) throws IOException {
        row(key).set(JDK, jdk).set(FORKS, 0).set(COUNT, 0).set(P50_NS, -1).set(P99_NS, -1).set(SCORE, "")
                .set(SCORE_UNIT, "").set(UNEXPECTED, 0).set(SKIPPED_REASON, reason).append();
        lines.computeIfAbsent(lineOf(key), k -> new LinkedHashMap<>()).put(key.observer(), "skipped");
        String note = key.observer() + ": " + reason;
        if (!skipped.contains(note)) {
            skipped.add(note);
        }
    }

    private CsvLog<SummaryColumn>.Row row(BenchmarkKey key) {
        return csv.row().set(BENCHMARK, key.benchmark()).set(SCENARIO_ID, key.scenario()).set(OBSERVER, key.observer())
                .set(PLACEMENT, key.placement()).set(IDLE_BEFORE_FAULT_US, key.idleBeforeFaultMicros())
                .set(LOAD_CONNECTIONS, key.loadConnections()).set(CPU_BURNERS, key.cpuBurners());
    }

    private static String lineOf(BenchmarkKey key) {
        return String.join("\t", key.benchmark().replace(".repetition", ""), key.scenario(), key.placement().name(),
                String.valueOf(key.idleBeforeFaultMicros()), String.valueOf(key.loadConnections()),
                String.valueOf(key.cpuBurners()));
    }

    /** The table: median / p99 per model, "(n!)" where n outcomes were not Linux's; skipped models with the reason. */
    public void print(PrintStream out) {
        List<Observer> columns = new ArrayList<>(ObserverModels.singleConnection());
        columns.add(Observer.NIO_PER_CORE);
        columns.removeIf(o -> lines.values().stream().noneMatch(m -> m.containsKey(o)));
        List<String> header = new ArrayList<>(List.of("benchmark", "scenario", "placement", ">idle us", ">load"));
        columns.forEach(o -> header.add(o + " p50/p99"));
        AlignedTable table = new AlignedTable(header.toArray(new String[0]));
        for (Map.Entry<String, Map<Observer, String>> line : lines.entrySet()) {
            String[] f = line.getKey().split("\t");
            List<String> cells = new ArrayList<>(List.of(f[0], f[1], f[2], f[3], f[4]));
            columns.forEach(o -> cells.add(line.getValue().getOrDefault(o, "")));
            table.row(cells.toArray(new String[0]));
        }
        out.print(table.plainText());
        out.println("(p50 / p99 of t1 - t0 over every repetition of every fork; placement and idle time as run; "
                + "\"(n!)\": n outcomes not the one Linux gives; per-fork figures, JMH scores and the JDK are in the "
                + "summary CSV)");
        skipped.forEach(s -> out.println("skipped " + s));
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
