package io.closebench.analysis.report;

import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.GrowthWithN;
import io.closebench.analysis.stats.TrialSpread;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * One observer's mass deaths under one condition (fault and mechanism, placement, load, JDK), at
 * every N measured: its trials, and the figures over them with the trial as the unit. A trial that
 * ran as designed and detected every connection by the bound has a time to all (its last detection);
 * one that did not is counted, never dropped, and its N leaves the growth fit. Skipped combinations'
 * rows are not trials and are kept apart.
 *
 * @param condition what the series shares with the other observers of its chart
 * @param observer the server's I/O model
 * @param trials per N, the trials that ran (failed ones included), in file order
 */
record MassDeathSeries(Condition condition, Observer observer, SortedMap<Integer, List<MassDeathTrialRecord>> trials) {

    /**
     * What the observers of one chart share.
     *
     * @param fault KILL, KILL_UNREAD, ABORT, HOST
     * @param mechanism HOST's mechanism, empty otherwise
     * @param placement where the threads ran
     * @param loadConnections background connections
     * @param jdk the server's JDK
     */
    record Condition(String fault, String mechanism, Placement placement, int loadConnections, String jdk) {

        static Condition of(MassDeathTrialRecord t) {
            return new Condition(t.fault(), t.mechanism(), t.placement(), t.loadConnections(), t.jdk());
        }

        /** @return "placement OS, no load, JDK 25.0.3+9-LTS", for a sentence */
        String words() {
            return "placement " + placement + ", " + (loadConnections == 0 ? "no load"
                    : "load " + loadConnections + " connections") + ", JDK " + Figures.jdk(jdk);
        }

        /** @return "placement OS (unpinned: the scheduler decides), no load, JDK OpenJDK ... 25.0.3+9-LTS (...)" */
        String longWords() {
            return "placement " + placement + " (" + placement.description() + "), " + (loadConnections == 0 ? "no load"
                    : "load " + loadConnections + " connections") + ", JDK " + jdk;
        }

        /** @return "KILL", or "HOST, keepalive 2 s + 1 s x 3" */
        String faultWords() {
            return fault + (mechanism.isEmpty() ? "" : ", " + MassDeathWords.mechanism(mechanism));
        }
    }

    /**
     * @param rows every trial row of a folder, skipped ones included
     * @return per condition (in row order), its observers' series (in observer order)
     */
    static Map<Condition, Map<Observer, MassDeathSeries>> of(List<MassDeathTrialRecord> rows) {
        Map<Condition, Map<Observer, SortedMap<Integer, List<MassDeathTrialRecord>>>> grouped = new LinkedHashMap<>();
        for (MassDeathTrialRecord t : rows) {
            if (t.skippedReason().isPresent()) {
                continue;
            }
            grouped.computeIfAbsent(Condition.of(t), k -> new TreeMap<>()).computeIfAbsent(t.observer(), o -> new TreeMap<>())
                    .computeIfAbsent(t.connections(), n -> new ArrayList<>()).add(t);
        }
        Map<Condition, Map<Observer, MassDeathSeries>> out = new LinkedHashMap<>();
        grouped.forEach((condition, byObserver) -> {
            Map<Observer, MassDeathSeries> series = new LinkedHashMap<>();
            byObserver.forEach((o, byN) -> series.put(o, new MassDeathSeries(condition, o, byN)));
            out.put(condition, series);
        });
        return out;
    }

    /** @return the largest N measured */
    int largestN() {
        return trials.lastKey();
    }

    /** @return the trials at N that detected every connection by the bound */
    List<MassDeathTrialRecord> complete(int n) {
        return trials.getOrDefault(n, List.of()).stream().filter(MassDeathTrialRecord::allDetected).toList();
    }

    /** @return whether every trial at N ran as designed and detected every connection */
    boolean allComplete(int n) {
        List<MassDeathTrialRecord> at = trials.getOrDefault(n, List.of());
        return !at.isEmpty() && complete(n).size() == at.size();
    }

    /** @return the time until every connection was detected, over the complete trials at N */
    Optional<TrialSpread> timeToAll(int n) {
        return spread(complete(n), MassDeathTrialRecord::lastNanos);
    }

    /** @return the first detection, over the trials at N that detected anything */
    Optional<TrialSpread> first(int n) {
        return spread(trials.getOrDefault(n, List.of()), MassDeathTrialRecord::firstNanos);
    }

    /** @return the median detection, over the trials at N that detected anything */
    Optional<TrialSpread> median(int n) {
        return spread(trials.getOrDefault(n, List.of()), MassDeathTrialRecord::p50Nanos);
    }

    /** @return the 99th-percentile detection, over the trials at N that detected anything */
    Optional<TrialSpread> p99(int n) {
        return spread(trials.getOrDefault(n, List.of()), MassDeathTrialRecord::p99Nanos);
    }

    /** @return the server's CPU per dead peer, over the trials at N where it was measured */
    Optional<TrialSpread> cpuPerPeer(int n) {
        return spread(trials.getOrDefault(n, List.of()), MassDeathTrialRecord::cpuNanosPerPeer);
    }

    /** @return the server's CPU from t0 to the last detection, over the trials at N where it was measured */
    Optional<TrialSpread> serverCpu(int n) {
        return spread(complete(n), MassDeathTrialRecord::serverCpuNanos);
    }

    /** @return heap allocated per dead peer, over the trials at N where it was measured */
    Optional<TrialSpread> allocatedPerPeer(int n) {
        return spread(trials.getOrDefault(n, List.of()), MassDeathTrialRecord::allocatedBytesPerPeer);
    }

    /** @return how time to all grows with N, over the N at which every trial detected every connection */
    GrowthWithN growth(BootstrapSettings settings) {
        TreeMap<Integer, double[]> byN = new TreeMap<>();
        for (int n : trials.keySet()) {
            if (n > 0 && allComplete(n) && complete(n).stream().allMatch(t -> t.lastNanos() > 0)) {
                byN.put(n, complete(n).stream().mapToDouble(MassDeathTrialRecord::lastNanos).toArray());
            }
        }
        return GrowthWithN.of(byN, settings);
    }

    /** @return the N at which some trial did not detect every connection (or failed), ascending */
    List<Integer> incomplete() {
        return trials.keySet().stream().filter(n -> !allComplete(n)).toList();
    }

    private static Optional<TrialSpread> spread(List<MassDeathTrialRecord> rows, ToLongFunction<MassDeathTrialRecord> value) {
        double[] v = rows.stream().filter(t -> t.failure().isEmpty()).mapToLong(value).filter(x -> x >= 0)
                .asDoubleStream().toArray();
        return v.length == 0 ? Optional.empty() : Optional.of(TrialSpread.of(v));
    }
}
