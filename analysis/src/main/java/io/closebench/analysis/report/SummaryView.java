package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.row.SummaryRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks' summary as tables, from the rows of {@code summary-*.csv}: one line per benchmark,
 * scenario, placement, idle time and load, one column per model with p50 / p99 of t1 - t0 over every
 * fork's log merged ("(n!)": n outcomes not the one Linux gives; "skipped" for a model that cannot run
 * here), and the combinations skipped here with the reason. The console prints it when the benchmarks
 * end, the report in its latency section; both from the same rows, through the same code.
 */
public final class SummaryView {

    private SummaryView() {
    }

    /**
     * @param rows summary rows, in the order the benchmarks ended
     * @return the models side by side
     */
    public static AlignedTable sideBySide(List<SummaryRecord> rows) {
        Map<List<Object>, Map<Observer, SummaryRecord>> lines = new LinkedHashMap<>();
        Set<Observer> models = EnumSet.noneOf(Observer.class);
        for (SummaryRecord r : rows) {
            BenchmarkKey k = r.key();
            lines.computeIfAbsent(List.of(k.benchmark(), k.scenario(), k.placement(), k.idleBeforeFaultMicros(),
                    k.loadConnections(), k.cpuBurners()), x -> new EnumMap<>(Observer.class)).put(k.observer(), r);
            models.add(k.observer());
        }
        List<String> header = new ArrayList<>(List.of("benchmark", "scenario", "placement", ">idle", "load"));
        models.forEach(o -> header.add(o + " p50/p99"));
        AlignedTable t = new AlignedTable(header.toArray(String[]::new));
        for (Map<Observer, SummaryRecord> line : lines.values()) {
            BenchmarkKey k = line.values().iterator().next().key();
            List<String> cells = new ArrayList<>(List.of(RunReport.shortBenchmark(k.benchmark()), k.scenario(),
                    k.placement().name(), Figures.idle(k.idleBeforeFaultMicros()), Figures.load(k)));
            models.forEach(o -> cells.add(line.containsKey(o) ? cell(line.get(o)) : ""));
            t.row(cells.toArray(String[]::new));
        }
        return t;
    }

    /** What {@link #sideBySide} shows, for the line under it. */
    public static final String LEGEND = "p50 / p99 of t1 - t0 over every repetition of every fork, from the forks' "
            + "HdrHistogram logs merged; placement and idle time as run; \"(n!)\": n outcomes not the one Linux gives; "
            + "\"skipped\": the model cannot run here (below)";

    /** "4.21 us / 17.3 us", "(2!)" appended where outcomes were not Linux's; "-" where nothing was recorded. */
    static String cell(SummaryRecord r) {
        if (r.isSkipped()) {
            return "skipped";
        }
        if (r.count() == 0 || r.p50Nanos() < 0) {
            return "-";
        }
        return ThreeFigureDuration.of(r.p50Nanos()) + " / " + ThreeFigureDuration.of(r.p99Nanos())
                + (r.unexpected() > 0 ? " (" + r.unexpected() + "!)" : "");
    }

    /**
     * @param rows summary rows
     * @return one row per combination that could not run here, with the reason
     */
    public static AlignedTable skipped(List<SummaryRecord> rows) {
        AlignedTable t = new AlignedTable("benchmark", "scenario", "observer", "placement", ">idle", "load", "JDK", "why");
        for (SummaryRecord r : rows) {
            if (!r.isSkipped()) {
                continue;
            }
            BenchmarkKey k = r.key();
            t.row(RunReport.shortBenchmark(k.benchmark()), k.scenario(), k.observer().name(), k.placement().name(),
                    Figures.idle(k.idleBeforeFaultMicros()), Figures.load(k), Figures.jdk(r.jdk()), r.skippedReason().get());
        }
        return t;
    }

    /**
     * @param rows summary rows
     * @return each model that could not run here and why, once per distinct reason: "VIRTUAL: virtual
     *     threads need JDK 21 or later; ..."
     */
    public static List<String> skippedReasons(List<SummaryRecord> rows) {
        return rows.stream().filter(SummaryRecord::isSkipped)
                .map(r -> r.key().observer() + ": " + r.skippedReason().get()).distinct().toList();
    }
}
