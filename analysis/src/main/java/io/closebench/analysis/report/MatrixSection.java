package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.TableColumn;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.ObservationRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's conformance-matrix section: verdict counts, the rows a stopped run left partial, the
 * observers that could not run here and why, the rows that depart from the note and why, what each
 * model found, and the models against each other on the matrix's exact latencies. Every latency is
 * quoted with the placement and idle time it was measured under.
 */
final class MatrixSection {

    private static final Map<Verdict, String> MEANING = Map.of(
            Verdict.AGREES, "every repetition matched the note",
            Verdict.PARTLY, "some repetitions matched, or the outcome matched but not the byte accounting",
            Verdict.DIFFERS, "no repetition matched: a finding about this OS",
            Verdict.PENDING, "not run here",
            Verdict.SKIPPED, "this observer cannot run on this JDK or kernel");

    private MatrixSection() {
    }

    static void append(ReportContext c) {
        StringBuilder md = c.md;
        md.append("## Conformance matrix\n\n");
        List<MatrixRecord> matrix = c.run.matrix();
        if (matrix.isEmpty()) {
            md.append(c.run.metadata().ranMatrix() ? "The matrix is missing from this folder (see above)"
                    + (c.run.observations().isEmpty() ? ".\n\n" : "; its single observations are read below.\n\n")
                    : "This run did not run the conformance matrix.\n\n");
            modelsAgainstEachOther(c);
            return;
        }
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, 0);
        }
        matrix.forEach(r -> verdicts.merge(r.verdict(), 1, Integer::sum));
        List<Long> reps = matrix.stream().filter(MatrixRecord::ran).map(MatrixRecord::repetitionsPlanned).distinct()
                .toList();
        md.append(matrix.size()).append(" rows, one per scenario, observer and placement")
                .append(reps.size() == 1 ? ", " + reps.get(0) + " repetitions planned each" : "").append(". ")
                .append(conditions(c)).append(" The verdict compares what happened with the field note's claim for "
                        + "Linux.\n\n");
        AlignedTable counts = new AlignedTable("verdict", ">rows", "meaning");
        verdicts.forEach((v, n) -> counts.row(v.name(), String.valueOf(n), MEANING.get(v)));
        c.table(counts);

        partialRows(c, matrix);
        skipped(c, matrix);
        departing(c, matrix);
        findingsPerModel(c, matrix);
        WireSection.append(c);
        modelsAgainstEachOther(c);
    }

    /** "Threads placed SAME_CPU (...), the observer idle at least 0 us before each fault; harness on JDK ...". */
    private static String conditions(ReportContext c) {
        var m = c.run.metadata();
        String placement = m.get(MetadataKey.MATRIX_PREFIX + "placement").orElse("as each row says");
        String idle = m.get(MetadataKey.MATRIX_PREFIX + "idle_before_fault_us").filter(us -> us.trim().matches("\\d+"))
                .map(us -> Figures.idle(Long.parseLong(us.trim()))).orElse("unknown");
        return "Placement: " + placement + "; the observer idle " + idle + " before each fault; JDK "
                + m.getOrUnknown(MetadataKey.JDK) + ".";
    }

    private static void partialRows(ReportContext c, List<MatrixRecord> matrix) {
        AlignedTable t = new AlignedTable("case", "scenario", "observer", "placement", ">repetitions", ">planned");
        matrix.stream().filter(MatrixRecord::partial).forEach(r -> t.row(r.caseId(), r.scenarioId(), r.observerName(),
                placement(r), String.valueOf(r.repetitions()), String.valueOf(r.repetitionsPlanned())));
        if (!t.isEmpty()) {
            c.md.append("### Rows cut short\n\nThe run was stopped before these rows had all their repetitions: "
                    + "their outcomes, verdicts and latencies cover only the repetitions that ran (a departing row "
                    + "says \"partial\").\n\n");
            c.table(t);
        }
    }

    private static void skipped(ReportContext c, List<MatrixRecord> matrix) {
        AlignedTable t = new AlignedTable("case", "scenario", "observer", "placement", "why it could not run here");
        matrix.stream().filter(r -> r.verdict() == Verdict.SKIPPED).forEach(r -> t.row(r.caseId(), r.scenarioId(),
                r.observerName(), placement(r), r.why()));
        if (!t.isEmpty()) {
            c.md.append("### Observers skipped here\n\n");
            c.table(t);
        }
    }

    private static void departing(ReportContext c, List<MatrixRecord> matrix) {
        AlignedTable t = TableColumn.table(TableColumn.concat(MatrixView.COLUMNS, MatrixView.WHY), matrix.stream()
                .filter(r -> r.verdict() != Verdict.AGREES && r.verdict() != Verdict.SKIPPED).toList());
        if (!t.isEmpty()) {
            c.md.append("### Rows that depart from the note, and why\n\n");
            c.table(t);
        }
    }

    /**
     * Per model: how its rows came out, in which scenarios it departs from the note, and what the
     * observations say of how it noticed: asleep at the fault (a wake-up was measured), the event
     * already there before its first call (no wake-up at all), hand-offs inside t1 - t0 (there should
     * be none), the events it reported through, and the CPUs it ran on.
     */
    private static void findingsPerModel(ReportContext c, List<MatrixRecord> matrix) {
        Map<Observer, List<MatrixRecord>> byModel = new EnumMap<>(Observer.class);
        matrix.stream().filter(r -> r.observer().isPresent())
                .forEach(r -> byModel.computeIfAbsent(r.observer().get(), o -> new ArrayList<>()).add(r));
        if (byModel.isEmpty()) {
            return;
        }
        c.md.append("### Findings per model\n\n");
        AlignedTable t = new AlignedTable("observer", ">rows", ">agrees", ">partly", ">differs", ">skipped",
                ">partial rows", "departs from the note in", ">asleep at the fault", ">event there before the first call",
                ">hand-offs in t1 - t0", "reported through", "CPUs (observer / peer)");
        for (Map.Entry<Observer, List<MatrixRecord>> e : byModel.entrySet()) {
            List<MatrixRecord> rows = e.getValue();
            List<String> departs = rows.stream().filter(r -> r.verdict() == Verdict.PARTLY || r.verdict() == Verdict.DIFFERS)
                    .map(r -> r.scenarioId() + " (" + r.verdict().name().toLowerCase(java.util.Locale.ROOT) + ")")
                    .toList();
            List<ObservationRecord> seen = c.run.observations().stream().filter(o -> o.observer() == e.getKey()).toList();
            t.row(e.getKey().name(), String.valueOf(rows.size()), count(rows, Verdict.AGREES), count(rows, Verdict.PARTLY),
                    count(rows, Verdict.DIFFERS), count(rows, Verdict.SKIPPED),
                    String.valueOf(rows.stream().filter(MatrixRecord::partial).count()),
                    departs.isEmpty() ? "nowhere" : String.join(", ", departs),
                    share(seen, o -> o.asleepAtFault().equals("yes")),
                    share(seen, o -> o.eventBeforeFirstCallNanos() >= 0),
                    share(seen, ObservationRecord::handOffInMeasuredPath),
                    distinct(seen, o -> o.event().isEmpty() ? "its call's return" : o.event()),
                    distinct(seen, o -> o.observerCpus() + " / " + o.peerCpus()));
        }
        c.table(t);
    }

    /** "12 of 40", or "-" without observations. */
    private static String share(List<ObservationRecord> rows, java.util.function.Predicate<ObservationRecord> which) {
        return rows.isEmpty() ? "-" : rows.stream().filter(which).count() + " of " + rows.size();
    }

    private static String distinct(List<ObservationRecord> rows, java.util.function.Function<ObservationRecord, String> what) {
        return rows.isEmpty() ? "-" : String.join(", ", rows.stream().map(what).distinct().sorted().toList());
    }

    private static String count(List<MatrixRecord> rows, Verdict v) {
        return String.valueOf(rows.stream().filter(r -> r.verdict() == v).count());
    }

    /** Every pair worth asking about, per scenario and placement, on the exact latencies of the observations. */
    private static void modelsAgainstEachOther(ReportContext c) {
        if (c.run.observations().isEmpty()) {
            return;
        }
        Map<String, List<ObservationRecord>> byScenario = new LinkedHashMap<>();
        c.run.observations().forEach(o -> byScenario.computeIfAbsent(o.scenarioId() + "\u0000" + o.placement(),
                k -> new ArrayList<>()).add(o));
        AlignedTable t = new AlignedTable("scenario", "placement", "peer", "models", ">reference median",
                ">challenger median", ">challenger/reference (" + c.level + " CI)", "verdict");
        for (List<ObservationRecord> rows : byScenario.values()) {
            ObservationRecord first = rows.get(0);
            for (ModelPair pair : ModelPair.values()) {
                List<ObservationRecord> reference = of(rows, pair.reference());
                List<ObservationRecord> challenger = of(rows, pair.challenger());
                if (reference.isEmpty() || challenger.isEmpty()) {
                    continue;
                }
                OutcomeCounts outcomes = new OutcomeCounts();
                reference.forEach(o -> outcomes.add(o.outcome().name(), 1));
                challenger.forEach(o -> outcomes.add(o.outcome().name(), 1));
                ObserverVerdict v = ObserverVerdict.of(pair, outcomes.dominant(), timed(reference), timed(challenger),
                        c.settings);
                t.row(first.scenarioId(), first.placement().name(), first.peerRuntime(), pair.label(),
                        v.referenceMedian(), v.challengerMedian(), v.ratio(), v.sentence());
            }
        }
        if (t.isEmpty()) {
            return;
        }
        c.md.append("### Models against each other in the matrix\n\n");
        c.md.append("From the exact latencies of `observations-*.csv`, repetitions that detected the end at a known "
                + "time (timeouts and harness failures left out). The models took turns repetition by repetition on "
                + "the same machine, so the comparison is fair within this run; it says nothing about how another run "
                + "would come out. With so few repetitions only large differences can show. One run is one process: "
                + "each model's repetitions are one fork, so nothing is judged (one fork: not judged); the ratio and its "
                + "iteration-level interval describe this run. Where the reference is a C observer (NATIVE: blocking "
                + "recv()/send(); NATIVE_EPOLL: epoll_wait()), the ratio is the Java model's figure over the C one for "
                + "that case: what the JVM and the library add to the kernel's floor.\n\n");
        c.table(t);
    }

    private static List<ObservationRecord> of(List<ObservationRecord> rows, Observer observer) {
        return rows.stream().filter(o -> o.observer() == observer).toList();
    }

    private static long[] timed(List<ObservationRecord> rows) {
        return rows.stream().filter(ObservationRecord::isTimedDetection).mapToLong(ObservationRecord::latencyNanos)
                .toArray();
    }

    private static String placement(MatrixRecord r) {
        return r.placement().map(Placement::name).orElse("-");
    }
}
