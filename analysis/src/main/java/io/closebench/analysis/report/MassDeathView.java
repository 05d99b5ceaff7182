package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.MassDeathRun;
import io.closebench.analysis.stats.TrialSpread;
import io.closebench.schema.Observer;
import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Mass death as tables, from the trial records: per condition (fault and mechanism, placement, load,
 * JDK) one row per model and N, medians over the trials with their range ({@link TrialSpread}, the
 * trial as the unit); the combinations that could not run here; the trials that failed. The console
 * prints them as the trials end ({@link #plainText}), the report in its mass-death section, from the
 * same records through the same code.
 */
public final class MassDeathView {

    /** What the console prints under {@link #plainText}. */
    public static final String LEGEND = "(times after t0: the median over the trials, their range in parentheses; time to "
            + "all: when the server knew of every dead peer; per connection: time to all over N; server CPU: the server "
            + "process's CPU from t0 to then, per dead peer beside it; alloc per peer: what the JVM's threads allocated "
            + "meanwhile, per connection, the JDK's exceptions for a reset included; threads, RSS: the server's before t0)";

    private MassDeathView() {
    }

    /**
     * Everything the trials say, for a terminal: per condition a line naming it and its table, then
     * the combinations skipped here and the trials that failed.
     *
     * @param trials every trial row so far, skipped combinations included, in the order they ended
     * @return the text, each line ending with a newline
     */
    public static String plainText(List<MassDeathTrialRecord> trials) {
        StringBuilder out = new StringBuilder();
        MassDeathSeries.of(trials).forEach((condition, series) -> out.append(condition.faultWords()).append(", ")
                .append(condition.words()).append(":\n").append(perN(series).plainText()).append('\n'));
        AlignedTable skipped = skipped(new MassDeathRun(trials, List.of()));
        if (!skipped.isEmpty()) {
            out.append("skipped here:\n").append(skipped.plainText()).append('\n');
        }
        AlignedTable failed = failed(trials);
        if (!failed.isEmpty()) {
            out.append("trials that failed:\n").append(failed.plainText()).append('\n');
        }
        return out.toString();
    }

    /**
     * @param series one condition's models
     * @return one row per model and N: medians over the trials, their range in parentheses
     */
    static AlignedTable perN(Map<Observer, MassDeathSeries> series) {
        AlignedTable t = new AlignedTable("observer", ">N", ">trials", ">detected", ">first", ">median", ">p99",
                ">time to all", ">per connection", ">server CPU", ">CPU per peer", ">alloc per peer", ">threads",
                ">RSS MiB", ">loops", "outcomes");
        for (MassDeathSeries s : series.values()) {
            s.trials().forEach((n, trials) -> {
                long detected = trials.stream().mapToLong(MassDeathTrialRecord::detected).sum();
                long failed = trials.stream().filter(MassDeathTrialRecord::failed).count();
                long incomplete = trials.size() - s.complete(n).size();
                Optional<TrialSpread> all = s.timeToAll(n);
                t.row(s.observer().name(), Figures.count(n), trials.size() + (failed > 0 ? " (" + failed + " failed)" : ""),
                        Figures.count(detected) + "/" + Figures.count((long) n * trials.size())
                                + (incomplete > 0 ? " (" + incomplete + " incomplete)" : ""),
                        shortSpread(s.first(n)), shortSpread(s.median(n)), shortSpread(s.p99(n)), shortSpread(all),
                        all.map(x -> ThreeFigureDuration.of(x.median() / n)).orElse("-"), shortSpread(s.serverCpu(n)),
                        shortSpread(s.cpuPerPeer(n)), s.allocatedPerPeer(n).map(x -> Figures.count(Math.round(x.median()))
                                + " B").orElse("-"),
                        median(trials.stream().mapToLong(MassDeathTrialRecord::serverThreads).filter(x -> x >= 0).toArray()),
                        median(trials.stream().mapToLong(MassDeathTrialRecord::serverRssBytes).filter(x -> x >= 0)
                                .map(x -> x >> 20).toArray()),
                        median(trials.stream().mapToLong(MassDeathTrialRecord::loops).filter(x -> x >= 0).toArray()),
                        OutcomeCounts.parse(trials.stream().map(MassDeathTrialRecord::outcomeCounts).toList()).describe());
            });
        }
        return t;
    }

    /**
     * @param run the trials
     * @return the combinations that could not run here, those of one reason in one row
     */
    static AlignedTable skipped(MassDeathRun run) {
        Map<String, List<MassDeathCombination>> byReason = new LinkedHashMap<>();
        Map<String, MassDeathTrialRecord> rowOf = new LinkedHashMap<>();
        run.skipped().forEach((k, t) -> {
            String key = k.fault() + "\u0000" + k.mechanism() + "\u0000" + k.observer() + "\u0000" + k.placement()
                    + "\u0000" + k.loadConnections() + "\u0000" + t.jdk() + "\u0000" + t.skippedReason().orElseThrow();
            byReason.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
            rowOf.putIfAbsent(key, t);
        });
        AlignedTable t = new AlignedTable("fault", "observer", "N", "placement", "load", "JDK", "why it could not run here");
        byReason.forEach((key, combinations) -> {
            MassDeathCombination k = combinations.get(0);
            MassDeathTrialRecord row = rowOf.get(key);
            t.row(k.fault() + (k.mechanism().isEmpty() ? "" : ", " + MassDeathWords.mechanism(k.mechanism())),
                    k.observer().name(), combinations.stream().map(x -> Figures.count(x.connections()))
                            .collect(Collectors.joining(", ")), k.placement().name(),
                    k.loadConnections() == 0 ? "none" : k.loadConnections() + " connections", Figures.jdk(row.jdk()),
                    row.skippedReason().orElseThrow());
        });
        return t;
    }

    /**
     * @param trials trial rows
     * @return the trials that ran and that the harness could not run as designed, with why
     */
    static AlignedTable failed(List<MassDeathTrialRecord> trials) {
        AlignedTable t = new AlignedTable("fault", "observer", ">N", ">trial", "why the harness could not run it");
        trials.stream().filter(MassDeathTrialRecord::failed).forEach(x -> t.row(x.combination().describe(),
                x.observer().name(), Figures.count(x.connections()), String.valueOf(x.trial()), x.failure()));
        return t;
    }

    /** "3.40 ms (2.32-3.73 ms)", "3.40 ms" for one trial, "-" for none. */
    static String shortSpread(Optional<TrialSpread> s) {
        return s.map(x -> ThreeFigureDuration.of(x.median()) + (x.trials() == 1 ? ""
                : " (" + ThreeFigureDuration.range(x.min(), x.max()) + ")")).orElse("-");
    }

    private static String median(long[] values) {
        if (values.length == 0) {
            return "-";
        }
        java.util.Arrays.sort(values);
        return Figures.count(values[(values.length - 1) / 2]);
    }
}
