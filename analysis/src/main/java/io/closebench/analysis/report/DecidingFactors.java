package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "What decides the figure": on a small VM a detection latency depends on where the threads run and
 * how long the observer slept before the fault at least as much as on the API. For every scenario
 * measured under more than one placement or idle time in this run, a table and a chart of each
 * model's median under each, and one sentence that puts the two kinds of difference side by side:
 * how far placement and idle time move one model's median, against how far the models differ under
 * one placement and idle time. Both are ratios of medians (point estimates; the intervals are in the
 * table), from one run, so the comparison is fair.
 */
final class DecidingFactors {

    private static final int CHART_WIDTH = 1100;
    private static final int CHART_HEIGHT = 520;

    /** A placement and an idle time: the conditions of a figure besides its scenario and load. */
    record Condition(Placement placement, long idleMicros) implements Comparable<Condition> {

        static Condition of(BenchmarkKey key) {
            return new Condition(key.placement(), key.idleBeforeFaultMicros());
        }

        /** @return "SAME_CPU, idle 10.0 ms", for a chart's axis */
        String label() {
            return placement + ", idle " + Figures.idle(idleMicros);
        }

        /** @return "SAME_CPU idle 10.0 ms", for a sentence that has commas of its own */
        String words() {
            return placement + " idle " + Figures.idle(idleMicros);
        }

        @Override
        public int compareTo(Condition o) {
            int p = placement.compareTo(o.placement);
            return p != 0 ? p : Long.compare(idleMicros, o.idleMicros);
        }
    }

    private DecidingFactors() {
    }

    static void append(ReportContext c) throws IOException {
        Map<BenchmarkKey, List<BenchmarkFigure>> groups = c.grouped(k -> new BenchmarkKey(k.benchmark(), k.scenario(),
                Observer.BLOCKING, Placement.OS, 0, k.loadConnections(), k.cpuBurners()));
        boolean first = true;
        for (Map.Entry<BenchmarkKey, List<BenchmarkFigure>> group : groups.entrySet()) {
            TreeSet<Condition> conditions = new TreeSet<>();
            group.getValue().forEach(f -> conditions.add(Condition.of(f.key())));
            if (conditions.size() < 2) {
                continue;
            }
            if (first) {
                c.md.append("## What decides the figure: placement and idle time against the API\n\n");
                c.md.append("Each scenario that ran under more than one placement or idle time: every model's median "
                        + "under each (with its " + c.level + " interval), all from this run. The sentence under each "
                        + "table compares how far placement and idle time move one model with how far the models "
                        + "differ under one placement and idle time: ratios of medians, point estimates. ")
                        .append(c.intervalNote())
                        .append("\n\n");
                first = false;
            }
            append(c, group.getKey(), group.getValue(), List.copyOf(conditions));
        }
    }

    private static void append(ReportContext c, BenchmarkKey group, List<BenchmarkFigure> figures,
            List<Condition> conditions) throws IOException {
        List<Observer> observers = figures.stream().map(f -> f.key().observer()).distinct().sorted().toList();
        Map<Condition, Map<Observer, BenchmarkFigure>> table = new LinkedHashMap<>();
        conditions.forEach(cond -> table.put(cond, new LinkedHashMap<>()));
        figures.forEach(f -> table.get(Condition.of(f.key())).put(f.key().observer(), f));

        String title = group.scenario() + ", " + Figures.loadWords(group);
        c.md.append("### ").append(RunReport.shortBenchmark(group.benchmark())).append(' ').append(title).append("\n\n");
        List<String> header = new ArrayList<>(List.of("placement", ">idle"));
        observers.forEach(o -> header.add(">" + o + " median (CI)"));
        AlignedTable t = new AlignedTable(header.toArray(String[]::new));
        for (Map.Entry<Condition, Map<Observer, BenchmarkFigure>> row : table.entrySet()) {
            List<String> cells = new ArrayList<>(List.of(row.getKey().placement().name(),
                    Figures.idle(row.getKey().idleMicros())));
            observers.forEach(o -> cells.add(Optional.ofNullable(row.getValue().get(o))
                    .map(BenchmarkFigure::medianWithInterval).orElse("-")));
            t.row(cells.toArray(String[]::new));
        }
        c.table(t);
        c.md.append(sentence(table, observers)).append("\n\n");

        List<ConditionChart.Series> series = new ArrayList<>();
        for (Observer o : observers) {
            List<ConditionChart.Point> points = new ArrayList<>();
            List<String> sampleSizes = new ArrayList<>();
            for (int i = 0; i < conditions.size(); i++) {
                BenchmarkFigure f = table.get(conditions.get(i)).get(o);
                if (f != null) {
                    points.add(new ConditionChart.Point(i, f.median().estimate(), f.median().interval()));
                }
                sampleSizes.add(f == null ? "-" : ChartStyle.forksAndIterations(f.sample()));
            }
            series.add(new ConditionChart.Series(o.name(), points, sampleSizes));
        }
        String file = "conditions-" + RunReport.safe(RunReport.shortBenchmark(group.benchmark())) + "-"
                + RunReport.safe(group.scenario()) + "-load" + group.loadConnections() + "-cpu" + group.cpuBurners() + ".png";
        c.chart(ConditionChart.of(group.scenario() + ": median detection latency by placement and idle time",
                RunReport.shortBenchmark(group.benchmark()) + ", " + Figures.loadWords(group) + "; run " + c.run.name(),
                conditions.stream().map(Condition::label).toList(), series, c.level), file,
                group.scenario() + ", " + Figures.loadWords(group) + ": median by placement and idle time",
                CHART_WIDTH, CHART_HEIGHT);
    }

    /** How far the conditions move one model, against how far the models differ under one condition. */
    static String sentence(Map<Condition, Map<Observer, BenchmarkFigure>> table, List<Observer> observers) {
        Spread byConditions = null;
        for (Observer o : observers) {
            List<Map.Entry<Condition, BenchmarkFigure>> of = new ArrayList<>();
            table.forEach((cond, row) -> Optional.ofNullable(row.get(o)).ifPresent(f -> of.add(Map.entry(cond, f))));
            byConditions = Spread.wider(byConditions, Spread.of(o.name(), of, e -> "at " + e.getKey().words()));
        }
        Spread byModels = null;
        for (Map.Entry<Condition, Map<Observer, BenchmarkFigure>> row : table.entrySet()) {
            List<Map.Entry<Observer, BenchmarkFigure>> of = new ArrayList<>(row.getValue().entrySet());
            byModels = Spread.wider(byModels, Spread.of(row.getKey().words(), of, e -> "with " + e.getKey().name()));
        }
        if (byConditions == null) {
            return "No model ran under two of these placements and idle times: nothing to put side by side.";
        }
        String conditions = "Placement and idle time move " + byConditions.subject() + "'s median "
                + Figures.factor(byConditions.factor()) + "-fold (" + byConditions.lowText() + ", "
                + byConditions.highText() + ")";
        if (byModels == null) {
            return conditions + "; only one model ran under each, so the API cannot be set against them.";
        }
        String models = "under one placement and idle time the models differ at most " + Figures.factor(byModels.factor())
                + "-fold (at " + byModels.subject() + ": " + byModels.lowText() + ", " + byModels.highText() + ")";
        String decides = byConditions.factor() > byModels.factor()
                ? "here placement and idle time decide the figure more than the API does"
                : "here the API decides the figure more than placement and idle time do";
        return conditions + "; " + models + ": " + decides + ".";
    }

    /** The widest ratio of medians within one set of figures. */
    record Spread(String subject, double factor, String lowText, String highText) {

        static <T> Spread of(String subject, List<Map.Entry<T, BenchmarkFigure>> figures,
                java.util.function.Function<Map.Entry<T, BenchmarkFigure>, String> name) {
            if (figures.size() < 2) {
                return null;
            }
            Map.Entry<T, BenchmarkFigure> low = figures.get(0);
            Map.Entry<T, BenchmarkFigure> high = figures.get(0);
            for (Map.Entry<T, BenchmarkFigure> e : figures) {
                if (e.getValue().median().estimate() < low.getValue().median().estimate()) {
                    low = e;
                }
                if (e.getValue().median().estimate() > high.getValue().median().estimate()) {
                    high = e;
                }
            }
            long l = low.getValue().median().estimate();
            long h = high.getValue().median().estimate();
            return new Spread(subject, (double) h / l, ThreeFigureDuration.of(l) + " " + name.apply(low),
                    ThreeFigureDuration.of(h) + " " + name.apply(high));
        }

        static Spread wider(Spread a, Spread b) {
            return a == null ? b : b == null ? a : b.factor > a.factor ? b : a;
        }
    }
}
