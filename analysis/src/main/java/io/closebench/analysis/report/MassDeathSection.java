package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.MassDeathRun;
import io.closebench.analysis.stats.GrowthWithN;
import io.closebench.analysis.stats.TrialSpread;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Mass death: N connections whose peers all die at once, one server watching them with one model.
 * Per fault (and HOST's mechanism), placement, load and JDK: a plain verdict per model at the largest
 * N (how soon it knew of every dead peer, and the CPU that took), every trial's figures per N, how the
 * time to all grows with N ({@link GrowthWithN}: the fitted exponent, the local slopes, where it
 * departs from linear), and the charts. The trial is the unit of every range and interval; trials
 * that did not detect every connection, connections that went undetected, combinations skipped here
 * and trials that failed are all shown.
 */
final class MassDeathSection {

    private static final int CHART_WIDTH = 1100;
    private static final int CHART_HEIGHT = 560;
    /** Taller: its legend names each model's line and first-to-median bar. */
    private static final int TIME_CHART_HEIGHT = 640;
    private static final int LISTED_CONNECTIONS = 20;

    private MassDeathSection() {
    }

    static void append(ReportContext c) {
        MassDeathRun run = c.run.massDeath();
        if (run.isEmpty()) {
            if (c.run.metadata().ranMassDeath()) {
                c.md.append("## Mass death: N peers at once\n\nThe mass death ran, but its trials are missing from this "
                        + "folder (see above).\n\n");
            }
            return;
        }
        c.md.append("## Mass death: N peers at once\n\n");
        intro(c, run);
        MassDeathSeries.of(run.trials()).forEach((condition, series) -> condition(c, condition, series));
        skipped(c, run);
        failed(c, run);
        undetected(c, run);
    }

    private static void intro(ReportContext c, MassDeathRun run) {
        var m = c.run.metadata();
        TreeSet<Integer> ns = new TreeSet<>();
        run.trials().forEach(t -> ns.add(t.connections()));
        String files = c.run.filesRead().stream().filter(f -> f.startsWith("massdeath-") && f.endsWith(".csv"))
                .map(f -> "`" + f + "`").collect(Collectors.joining(", "));
        c.md.append("From ").append(files).append(" and one HdrHistogram log per combination: N connections to one "
                + "server, all their peers dead at t0, watched by one I/O model; N = ")
                .append(ns.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(", ")
                .append(m.get(MetadataKey.MASS_DEATH_PREFIX + "trials").map(t -> t + " trials per combination")
                        .orElse("the trials the rows say"))
                .append(m.get(MetadataKey.MASS_DEATH_PREFIX + "warmup_trials").map(w -> " (warm-up trials: " + w + ")")
                        .orElse(""))
                .append(", a connection not detected ")
                .append(m.get(MetadataKey.MASS_DEATH_PREFIX + "bound_seconds").map(b -> b + " s").orElse("by its bound"))
                .append(" after t0 counting as undetected. Per trial: the first detection, the median, and the **time to "
                        + "all**, when the server knew of every dead peer (its last detection); the server's CPU from t0 "
                        + "to then (an in-process peer's own work taken out), in all and per dead peer; the heap allocated "
                        + "per dead peer.\n\n");
        run.trials().stream().mapToLong(t -> t.peerHost().t0BoundNanos()).max().ifPresent(bound -> {
            if (bound > 0) {
                c.md.append("The N peers were on another host (").append(m.getOrUnknown("peer.home")).append("): t0 was read "
                        + "there, right before they were killed, and converted to this host's clock; every figure below "
                        + "counts from it and is within its trial's bound (`t0_bound_ns`), at most ")
                        .append(ThreeFigureDuration.of(bound)).append(".\n\n");
            }
        });
        c.md.append("**Ranges and intervals are over trials, not connections**: the N connections of one trial share its "
                + "moment, so the trial is the unit. A figure is the median over the trials, with their range (the "
                + "fastest to the slowest trial) in parentheses: the range of n trials holds the median trial with "
                + "probability 1 - 2^(1-n), 75 % for 3 trials, 93.75 % for 5. A trial that did not detect every connection "
                + "by the bound has no time to all; it is counted, never left out, and its N leaves the growth fit.\n\n");
        c.md.append("**How time to all grows with N**: the exponent b of time ~ N^b, the least-squares slope of "
                + "ln(time to all) on ln N with every trial one point, over the N named (those at which every trial "
                + "detected every connection), with a ").append(c.level).append(" percentile-bootstrap interval (")
                .append(c.settings.resamples()).append(" resamples, seed ").append(c.settings.seed())
                .append(") that redraws the trials within each N: 1 is linear (a constant time per connection), below 1 "
                        + "a fixed cost dominating, above 1 a time per connection that grows with N. The local slope "
                        + "between two consecutive N is ln(T2/T1) / ln(N2/N1) of the medians over trials. **It departs "
                        + "from linear** at the smallest N whose local slope from the previous N exceeds ")
                .append(Figures.fixed(GrowthWithN.DEPARTURE_SLOPE, 1))
                .append(": there the time per connection grows by more than N^0.2 (1.58-fold from N = 100 to 1000); "
                        + "\"beyond the trials' spread\" when even the slowest trial at the smaller N and the fastest at "
                        + "the larger give a slope above it. The exponent over all N mixes a fixed cost at small N with "
                        + "the growth at large N; the local slopes say where each holds.\n\n");
    }

    private static void condition(ReportContext c, MassDeathSeries.Condition condition,
            Map<Observer, MassDeathSeries> series) {
        c.md.append("### ").append(condition.faultWords()).append(": ").append(MassDeathWords.fault(condition.fault()))
                .append("\n\n").append(capitalised(condition.longWords())).append(".\n\n");
        verdicts(c, condition, series);
        perN(c, series);
        growth(c, series);
        boolean lateForBound = series.values().stream().flatMap(s -> s.trials().values().stream())
                .flatMap(List::stream).anyMatch(t -> t.lastNanos() > t.boundNanos() && t.boundNanos() > 0);
        if (lateForBound) {
            c.md.append("Some trials detected connections after the bound their rows state (").append(boundWords(series))
                    .append("), and count them detected: here the harness that watches the host applies its own bound, "
                            + "not the row's.\n\n");
        }
    }

    /** One sentence per model at the largest N any model reached, fastest first; those that did not run there say why. */
    private static void verdicts(ReportContext c, MassDeathSeries.Condition condition,
            Map<Observer, MassDeathSeries> series) {
        int n = series.values().stream().mapToInt(MassDeathSeries::largestN).max().orElseThrow();
        String lead = "With " + Figures.count(n) + " peer" + (n == 1 ? "" : "s") + " " + MassDeathWords.died(condition.fault())
                + " (" + condition.faultWords() + "; " + condition.words() + "), ";
        List<MassDeathSeries> at = series.values().stream().filter(s -> s.trials().containsKey(n))
                .sorted(Comparator.comparingDouble((MassDeathSeries s) -> s.timeToAll(n).map(TrialSpread::median)
                        .orElse(Double.MAX_VALUE))).toList();
        List<String> sentences = new ArrayList<>();
        for (MassDeathSeries s : at) {
            sentences.add(lead + verdict(s, n) + ".");
        }
        for (MassDeathSeries s : series.values()) {
            if (!s.trials().containsKey(n)) {
                sentences.add(lead + MassDeathWords.model(s.observer(), loops(s)) + " was not measured at this N (its "
                        + "largest: N = " + Figures.count(s.largestN()) + ").");
            }
        }
        c.run.massDeath().skipped().forEach((k, t) -> {
            if (k.connections() == n && matches(k, condition)) {
                sentences.add(lead + MassDeathWords.model(k.observer(), 0) + " could not run here: "
                        + t.skippedReason().orElseThrow() + ".");
            }
        });
        sentences.forEach(s -> c.md.append("- ").append(s).append('\n'));
        c.md.append('\n');
        c.headlines.addAll(sentences);
    }

    private static String verdict(MassDeathSeries s, int n) {
        String model = MassDeathWords.model(s.observer(), loops(s));
        List<MassDeathTrialRecord> trials = s.trials().get(n);
        List<MassDeathTrialRecord> complete = s.complete(n);
        if (complete.isEmpty()) {
            List<String> failures = trials.stream().map(MassDeathTrialRecord::failure).filter(f -> !f.isEmpty()).distinct()
                    .toList();
            if (!failures.isEmpty() && trials.stream().allMatch(MassDeathTrialRecord::failed)) {
                return model + " could not be measured: " + String.join("; ", failures);
            }
            return model + " did not know of all of them within the bound in any of its " + trials.size() + " trial"
                    + (trials.size() == 1 ? "" : "s") + " (" + undetectedWords(trials) + ")";
        }
        TrialSpread all = s.timeToAll(n).orElseThrow();
        StringBuilder out = new StringBuilder(model).append(" knew of all of them in ").append(spread(all));
        s.serverCpu(n).ifPresentOrElse(cpu -> out.append(", using ").append(ThreeFigureDuration.of(cpu.median()))
                .append(" of server CPU").append(cpu.trials() == 1 ? "" : " (" + ThreeFigureDuration.range(cpu.min(), cpu.max())
                        + ")"),
                () -> out.append("; its server CPU was not measured (the server is another process)"));
        if (complete.size() < trials.size()) {
            out.append("; but in ").append(trials.size() - complete.size()).append(" of its ").append(trials.size())
                    .append(" trials it did not know of all of them within the bound (").append(undetectedWords(trials))
                    .append(")");
        }
        return out.toString();
    }

    private static String undetectedWords(List<MassDeathTrialRecord> trials) {
        return trials.stream().filter(t -> !t.allDetected())
                .map(t -> "trial " + t.trial() + ": " + (t.failed() ? "failed, " + t.failure()
                        : t.undetected() + " of " + Figures.count(t.connections()) + " undetected by "
                                + ThreeFigureDuration.of(t.boundNanos())))
                .collect(Collectors.joining("; "));
    }

    /** "3.40 ms (2.32-3.73 ms over 3 trials)", "3.40 ms (1 trial)". */
    static String spread(TrialSpread s) {
        return ThreeFigureDuration.of(s.median()) + " (" + (s.trials() == 1 ? "1 trial"
                : ThreeFigureDuration.range(s.min(), s.max()) + " over " + s.trials() + " trials") + ")";
    }

    private static void perN(ReportContext c, Map<Observer, MassDeathSeries> series) {
        AlignedTable t = MassDeathView.perN(series);
        c.md.append("Per model and N: medians over the trials, their range in parentheses; \"per connection\" is the "
                + "time to all over N; threads and RSS are the server's before t0; loops are the event loops or threads that "
                + "watched the connections.\n\n");
        c.table(t);
    }

    private static void growth(ReportContext c, Map<Observer, MassDeathSeries> series) {
        AlignedTable t = new AlignedTable("observer", "N fitted", ">exponent b (" + c.level + " CI)", ">R\u00b2",
                "local slopes", "departs from linear", "left out of the fit");
        for (MassDeathSeries s : series.values()) {
            GrowthWithN g = s.growth(c.settings);
            List<Integer> fitted = g.points().stream().map(GrowthWithN.Point::n).toList();
            String slopes = g.steps().stream().map(x -> x.fromN() + "-" + x.toN() + ": " + Figures.fixed(x.slope(), 2))
                    .collect(Collectors.joining(", "));
            List<Integer> out = s.incomplete();
            t.row(s.observer().name(), fitted.isEmpty() ? "-" : fitted.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")),
                    g.fit().map(f -> Figures.fixed(f.exponent(), 2) + (f.interval().isDefined() ? " (" + Figures.fixed(
                            f.interval().low(), 2) + " to " + Figures.fixed(f.interval().high(), 2) + ")" : " (no interval: "
                            + f.interval().undefinedReason().orElse("") + ")")).orElse("- (fewer than 2 N)"),
                    g.fit().map(f -> Figures.fixed(f.rSquared(), 3)).orElse("-"), slopes.isEmpty() ? "-" : slopes,
                    departure(g),
                    out.isEmpty() ? "-" : "N = " + out.stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + ": not every trial detected every connection");
        }
        c.md.append("How time to all grows with N (definitions above):\n\n");
        c.table(t);
    }

    private static String departure(GrowthWithN g) {
        if (g.steps().isEmpty()) {
            return "-";
        }
        return g.departure().map(d -> "at N = " + Figures.count(d.toN()) + " (slope " + Figures.fixed(d.slope(), 2)
                + " from N = " + Figures.count(d.fromN()) + "; " + (d.beyondSpread() ? "beyond the trials' spread"
                : "within the trials' spread: the lowest slope they allow is " + Figures.fixed(d.lowestSlope(), 2)) + ")")
                .orElse("no, up to N = " + Figures.count(g.points().get(g.points().size() - 1).n()) + " (largest local slope "
                        + Figures.fixed(g.steps().stream().mapToDouble(GrowthWithN.Step::slope).max().orElseThrow(), 2)
                        + ")");
    }

    private static void skipped(ReportContext c, MassDeathRun run) {
        AlignedTable t = MassDeathView.skipped(run);
        if (t.isEmpty()) {
            return;
        }
        c.md.append("### Mass death: combinations skipped here\n\n");
        c.table(t);
    }

    private static void failed(ReportContext c, MassDeathRun run) {
        AlignedTable t = MassDeathView.failed(run.trials());
        if (!t.isEmpty()) {
            c.md.append("### Mass death: trials that failed\n\nThese trials are in no figure above but their counts.\n\n");
            c.table(t);
        }
    }

    /** Every undetected connection, grouped by trial, outcome and exception, each with its indices. */
    private static void undetected(ReportContext c, MassDeathRun run) {
        if (run.undetected().isEmpty()) {
            return;
        }
        Map<String, List<MassDeathRun.Undetected>> groups = new LinkedHashMap<>();
        run.undetected().forEach(u -> groups.computeIfAbsent(u.trial().combination().describe() + "\u0000" + u.trial().trial()
                + "\u0000" + u.connection().outcome() + "\u0000" + u.connection().exception(), k -> new ArrayList<>()).add(u));
        AlignedTable t = new AlignedTable("combination", ">trial", ">undetected", "outcome", "exception", "connections");
        groups.values().forEach(g -> {
            MassDeathRun.Undetected first = g.get(0);
            String indices = g.stream().limit(LISTED_CONNECTIONS).map(u -> String.valueOf(u.connection().connection()))
                    .collect(Collectors.joining(", ")) + (g.size() > LISTED_CONNECTIONS ? " and " + (g.size()
                    - LISTED_CONNECTIONS) + " more" : "");
            t.row(first.trial().combination().describe(), String.valueOf(first.trial().trial()), Figures.count(g.size()),
                    first.connection().outcome().name(), first.connection().exception().isEmpty() ? "-"
                            : first.connection().exception(), indices);
        });
        c.md.append("### Mass death: connections not detected by the bound\n\n").append(Figures.count(run.undetected().size()))
                .append(" connection").append(run.undetected().size() == 1 ? "" : "s").append(" of trials that ran were "
                        + "not detected by their trial's bound; every one is in `massdeath-connections-*.csv` with latency "
                        + "-1. Here by trial, outcome and exception:\n\n");
        c.table(t);
    }

    /** The charts: per condition, time to all against N, and the server's CPU per dead peer against N. */
    static void charts(ReportContext c) throws IOException {
        Map<MassDeathSeries.Condition, Map<Observer, MassDeathSeries>> all = MassDeathSeries.of(c.run.massDeath().trials());
        if (all.isEmpty()) {
            return;
        }
        c.md.append("### Mass death: time to all and CPU per dead peer against N\n\n");
        c.md.append("Per fault: time after t0 against N, both on log scales, one line per model through the median time "
                + "to all over the trials (bars: the trials' range; the legend gives the trials per N), beside each N one "
                + "bar per model, side by side in the models' colours, from the median first detection to the median of "
                + "the median detections (each named in the legend); a dotted grey line of slope 1 (linear growth) through the "
                + "fastest model's smallest N for reference. Then the server's CPU per dead peer against N, bars the "
                + "trials' range. Only trials that detected every connection give a time to all.\n\n");
        boolean severalJdks = all.keySet().stream().map(MassDeathSeries.Condition::jdk).distinct().count() > 1;
        for (Map.Entry<MassDeathSeries.Condition, Map<Observer, MassDeathSeries>> e : all.entrySet()) {
            MassDeathSeries.Condition k = e.getKey();
            String base = "massdeath-" + RunReport.safe(k.fault()) + (k.mechanism().isEmpty() ? ""
                    : "-" + RunReport.safe(k.mechanism().replace(':', '_'))) + "-" + k.placement() + "-load"
                    + k.loadConnections() + (severalJdks ? "-jdk" + RunReport.safe(Figures.jdk(k.jdk())) : "");
            List<MassDeathSeries> series = List.copyOf(e.getValue().values());
            String subtitle = capitalised(k.words()) + "; run " + c.run.name();
            c.chart(MassDeathChart.timeToAll(k.faultWords() + ": time until the server knew of all N dead peers", subtitle,
                    series), base + ".png", k.faultWords() + ": time to all against N", CHART_WIDTH, TIME_CHART_HEIGHT);
            if (series.stream().anyMatch(s -> s.trials().keySet().stream().anyMatch(n -> s.cpuPerPeer(n).isPresent()))) {
                c.chart(MassDeathChart.cpuPerPeer(k.faultWords() + ": server CPU per dead peer", subtitle, series),
                        base + "-cpu.png", k.faultWords() + ": CPU per dead peer against N", CHART_WIDTH, CHART_HEIGHT);
            }
        }
    }

    private static boolean matches(MassDeathCombination k, MassDeathSeries.Condition condition) {
        return k.fault().equals(condition.fault()) && k.mechanism().equals(condition.mechanism())
                && k.placement() == condition.placement() && k.loadConnections() == condition.loadConnections();
    }

    private static long loops(MassDeathSeries s) {
        return s.trials().values().stream().flatMap(List::stream).mapToLong(MassDeathTrialRecord::loops).max().orElse(1);
    }

    private static String boundWords(Map<Observer, MassDeathSeries> series) {
        return series.values().stream().flatMap(s -> s.trials().values().stream()).flatMap(List::stream)
                .map(t -> ThreeFigureDuration.of(t.boundNanos())).distinct().collect(Collectors.joining(", "));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
