package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.CableRecord;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.ObservationRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The top of a report: the answer this run gives, before any detail. Case by case, what each model
 * saw and how soon (one row per scenario, the models as columns, the note's claim beside it); per
 * model, how its rows compare with the note; for S1, what each mechanism gave on each fault, over
 * the models; and everything that went wrong (harness failures, rows that did not run, a cut run).
 * Each figure is the one the detail files give, from the same rows.
 */
final class AnswerSection {

    private AnswerSection() {
    }

    static void append(ReportContext c) {
        c.md.append("## The answer, from this run\n\n");
        matrix(c);
        verdictsPerModel(c);
        benchmarks(c);
        cable(c);
        wentWrong(c);
    }

    /** One row per scenario: what the note says, then per model its dominant outcome and median t1 - t0. */
    private static void matrix(ReportContext c) {
        List<MatrixRecord> rows = c.run.matrix().stream().filter(r -> !r.scenarioId().isEmpty()).toList();
        if (rows.isEmpty()) {
            return;
        }
        Set<Observer> models = EnumSet.noneOf(Observer.class);
        rows.forEach(r -> r.observer().ifPresent(models::add));
        Map<String, Map<Observer, MatrixRecord>> byScenario = new LinkedHashMap<>();
        rows.forEach(r -> r.observer().ifPresent(o -> byScenario.computeIfAbsent(r.scenarioId(),
                s -> new EnumMap<>(Observer.class)).put(o, r)));
        List<String> header = new ArrayList<>(List.of("scenario", "the note says (Linux)"));
        models.forEach(m -> header.add(m.name()));
        header.add("against the note");
        AlignedTable t = new AlignedTable(header.toArray(String[]::new));
        byScenario.forEach((scenario, cells) -> {
            MatrixRecord any = cells.values().iterator().next();
            List<String> row = new ArrayList<>(List.of(scenario, any.noteLinux()));
            for (Observer m : models) {
                MatrixRecord r = cells.get(m);
                row.add(r == null ? "" : cell(r));
            }
            row.add(against(cells));
            t.row(row.toArray(String[]::new));
        });
        c.md.append("### What a program sees, case by case\n\n");
        c.md.append("Per scenario and model: the outcome most repetitions gave and its median t1 - t0 (`*`: not what "
                + "the note says; `skipped`: the model cannot run here). Placement, idle time and the "
                + "repetitions behind each cell are in the conformance matrix's file.\n\n");
        c.table(t);
    }

    private static String cell(MatrixRecord r) {
        if (r.verdict() == Verdict.SKIPPED) {
            return "skipped";
        }
        String outcome = r.dominantOutcome().map(Enum::name).orElse("-");
        String time = r.medianLatencyNanos() >= 0 ? " " + ThreeFigureDuration.of(r.medianLatencyNanos()) : "";
        return outcome + time + (r.verdict() == Verdict.AGREES || r.verdict() == Verdict.PENDING ? "" : " *");
    }

    /** "agrees", or which models differ or partly agree. */
    private static String against(Map<Observer, MatrixRecord> cells) {
        Map<Verdict, List<String>> by = new EnumMap<>(Verdict.class);
        cells.forEach((o, r) -> by.computeIfAbsent(r.verdict(), v -> new ArrayList<>()).add(o.name()));
        if (by.keySet().stream().allMatch(v -> v == Verdict.AGREES || v == Verdict.SKIPPED)) {
            return "agrees";
        }
        List<String> parts = new ArrayList<>();
        for (Verdict v : List.of(Verdict.DIFFERS, Verdict.PARTLY)) {
            if (by.containsKey(v)) {
                parts.add(v.name().toLowerCase() + ": " + (by.get(v).size() == cells.size() ? "every model"
                        : String.join(", ", by.get(v))));
            }
        }
        return String.join("; ", parts);
    }

    /** Per model: its rows' verdicts, its timeouts and harness failures over all its repetitions. */
    private static void verdictsPerModel(ReportContext c) {
        if (c.run.matrix().isEmpty()) {
            return;
        }
        Map<Observer, Map<Verdict, Long>> verdicts = new EnumMap<>(Observer.class);
        c.run.matrix().forEach(r -> r.observer().ifPresent(o -> verdicts.computeIfAbsent(o, x -> new EnumMap<>(Verdict.class))
                .merge(r.verdict(), 1L, Long::sum)));
        Map<Observer, long[]> counts = new EnumMap<>(Observer.class);
        for (ObservationRecord o : c.run.observations()) {
            long[] n = counts.computeIfAbsent(o.observer(), x -> new long[3]);
            n[0]++;
            n[1] += o.outcome() == Outcome.TIMEOUT ? 1 : 0;
            n[2] += o.outcome() == Outcome.HARNESS_FAILURE ? 1 : 0;
        }
        AlignedTable t = new AlignedTable("model", ">agrees", ">partly", ">differs", ">skipped", ">repetitions",
                ">TIMEOUT", ">harness failures");
        verdicts.forEach((o, v) -> {
            long[] n = counts.getOrDefault(o, new long[3]);
            t.row(o.name(), count(v, Verdict.AGREES), count(v, Verdict.PARTLY), count(v, Verdict.DIFFERS),
                    count(v, Verdict.SKIPPED), String.valueOf(n[0]), String.valueOf(n[1]), String.valueOf(n[2]));
        });
        c.md.append("### Each model against the note\n\n");
        c.md.append("Rows of the conformance matrix per verdict (\"differs\" is a finding about this OS, not a failure), "
                + "and over every repetition how many ended by their deadline (TIMEOUT: a local timer; expected where "
                + "the case says so) or could not run as designed.\n\n");
        c.table(t);
    }

    private static String count(Map<Verdict, Long> v, Verdict which) {
        return String.valueOf(v.getOrDefault(which, 0L));
    }

    /**
     * The benchmarks' medians with their intervals, per benchmark, scenario and placement, the models
     * side by side, where the observer slept no time before the fault and nothing else ran; the other
     * conditions are in the detail.
     */
    private static void benchmarks(ReportContext c) {
        Map<String, Map<Observer, BenchmarkFigure>> rows = new LinkedHashMap<>();
        Set<Observer> models = EnumSet.noneOf(Observer.class);
        for (BenchmarkFigure f : c.figures.values()) {
            var k = f.key();
            if (k.idleBeforeFaultMicros() != 0 || k.loadConnections() != 0 || k.cpuBurners() != 0) {
                continue;
            }
            String benchmark = k.benchmark().replace(".repetition", "");
            rows.computeIfAbsent(benchmark + "|" + k.scenario() + "|" + k.placement(), x -> new EnumMap<>(Observer.class))
                    .put(k.observer(), f);
            models.add(k.observer());
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("benchmark", "scenario", "placement"));
        models.forEach(m -> header.add(">" + m.name()));
        AlignedTable t = new AlignedTable(header.toArray(String[]::new));
        rows.forEach((key, cells) -> {
            List<String> row = new ArrayList<>(List.of(key.split("\\|")));
            for (Observer m : models) {
                BenchmarkFigure f = cells.get(m);
                row.add(f == null ? "" : ThreeFigureDuration.of(f.median().estimate()) + " ("
                        + Figures.durationInterval(f.median().interval()) + ")");
            }
            t.row(row.toArray(String[]::new));
        });
        c.md.append("### How soon, measured by the benchmarks\n\n");
        c.md.append("Median t1 - t0 per model with its ").append(c.level).append(" interval, the observer asleep 0 us "
                + "before the fault, no load; JMH forks, every figure's forks and iterations, the other idle times and "
                + "loads, and which model is faster where, are in the detail. ").append(c.intervalNote()).append("\n\n");
        c.table(t);
    }

    /** Per fault and mechanism, over the models: their median t1 - t0 and measured over rule. */
    private static void cable(ReportContext c) {
        if (c.run.cable().isEmpty()) {
            return;
        }
        Map<String, Map<String, List<CableFigures>>> byFault = new LinkedHashMap<>();
        for (List<CableFigures> fault : CableFigures.byFault(c.run.cable()).values()) {
            for (CableFigures g : fault) {
                byFault.computeIfAbsent(g.fault() + ": " + g.faultDescription(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(g.mechanism() + " (" + g.settings() + ")", m -> new ArrayList<>()).add(g);
            }
        }
        AlignedTable t = new AlignedTable("fault", "mechanism", "what the server saw", ">median t1 - t0, by model",
                ">measured/rule");
        byFault.forEach((fault, mechanisms) -> mechanisms.forEach((mechanism, groups) -> t.row(fault, mechanism,
                groups.stream().map(CableFigures::dominantOutcome).distinct().map(Enum::name).collect(Collectors.joining(", ")),
                range(groups.stream().map(CableFigures::medianDetection).filter(java.util.OptionalLong::isPresent)
                        .mapToLong(java.util.OptionalLong::getAsLong).toArray(), groups),
                ratios(groups))));
        c.md.append("### S1: how long until the server noticed\n\n");
        c.md.append("Per fault and mechanism, over the models that ran it: the outcome, the range of the models' median "
                + "t1 - t0 (for a connection that noticed nothing, how long it waited), and the range of their median "
                + "measured/rule (1: the rule explains the time).\n\n");
        c.table(t);
    }

    private static String range(long[] medians, List<CableFigures> groups) {
        if (medians.length == 0) {
            return "-";
        }
        java.util.Arrays.sort(medians);
        String span = medians[0] == medians[medians.length - 1] || ThreeFigureDuration.of(medians[0])
                .equals(ThreeFigureDuration.of(medians[medians.length - 1])) ? ThreeFigureDuration.of(medians[0])
                : ThreeFigureDuration.of(medians[0]) + " - " + ThreeFigureDuration.of(medians[medians.length - 1]);
        return span + (groups.stream().allMatch(g -> g.rows().stream().allMatch(CableRecord::reachedBound))
                ? " (nothing noticed)" : "");
    }

    private static String ratios(List<CableFigures> groups) {
        double[] r = groups.stream().map(CableFigures::medianRatio).filter(java.util.OptionalDouble::isPresent)
                .mapToDouble(java.util.OptionalDouble::getAsDouble).sorted().toArray();
        if (r.length == 0) {
            return "-";
        }
        String low = String.format(java.util.Locale.ROOT, "%.2f", r[0]);
        String high = String.format(java.util.Locale.ROOT, "%.2f", r[r.length - 1]);
        return low.equals(high) ? low : low + " - " + high;
    }

    /** Everything that kept a figure from being what the run set out to measure, one sentence each. */
    static List<String> problems(ReportContext c) {
        List<String> lines = new ArrayList<>();
        Map<String, Long> failures = new TreeMap<>();
        Map<String, String> firstReason = new TreeMap<>();
        for (ObservationRecord o : c.run.observations()) {
            if (o.outcome() == Outcome.HARNESS_FAILURE) {
                String where = o.scenarioId() + " " + o.observer();
                failures.merge(where, 1L, Long::sum);
                firstReason.putIfAbsent(where, o.failure());
            }
        }
        failures.forEach((where, n) -> lines.add(where + ": " + n + " repetitions the harness could not run as designed ("
                + firstReason.get(where) + ")"));
        long cableFailures = c.run.cable().stream().filter(r -> r.outcome() == Outcome.HARNESS_FAILURE).count();
        if (cableFailures > 0) {
            lines.add("S1: " + cableFailures + " connections the harness could not run as designed ("
                    + c.run.cable().stream().filter(r -> r.outcome() == Outcome.HARNESS_FAILURE).map(CableRecord::failure)
                    .findFirst().orElse("") + ")");
        }
        c.run.matrix().stream().filter(r -> r.verdict() == Verdict.SKIPPED || r.verdict() == Verdict.PENDING)
                .map(r -> (r.scenarioId().isEmpty() ? r.caseId() : r.scenarioId()) + r.observer().map(o -> " " + o).orElse("")
                        + ": " + r.verdict().name().toLowerCase() + " (" + r.why() + ")")
                .distinct().forEach(lines::add);
        c.run.gaps().forEach(g -> lines.add(g.subject() + ": " + g.detail()));
        return lines;
    }

    private static void wentWrong(ReportContext c) {
        List<String> lines = problems(c);
        c.md.append("### What went wrong\n\n");
        if (lines.isEmpty()) {
            c.md.append("Nothing: every repetition ran as designed, every model ran, every file is there.\n\n");
            return;
        }
        lines.forEach(l -> c.md.append("- ").append(l).append('\n'));
        c.md.append('\n');
    }
}
