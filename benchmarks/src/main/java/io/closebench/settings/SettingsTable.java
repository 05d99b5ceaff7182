package io.closebench.settings;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.CableFault;
import io.closebench.cable.Theory;
import io.closebench.s1.CableRow;
import io.closebench.s1.CableSample;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer as a person reads it: per fault and observer, how long the server took to notice
 * (median and max over the connections), what the program saw (the outcome, the exception and its
 * text), what the settings' rule predicts and the ratio; "never" where nothing noticed and the rule
 * says nothing will; the rule alone, marked, where its time is beyond the longest wait, with the
 * stand-in measured beside it. Also the one-line summary per fault that the presets' table is made of.
 */
public final class SettingsTable {

    private SettingsTable() {
    }

    /** One fault's answer for one observer, measured or from the rule. */
    public record Answer(CableFault fault, String settings, String observer, String time, String max, String saw,
                         String rule, String ratio, String note) {
    }

    /** Every answer of the plan, fault by fault, from the samples of its trials (rule-only rows included). */
    public static List<Answer> answers(SettingsPlan plan, List<CableSample> samples) {
        List<Answer> answers = new ArrayList<>();
        List<CableRow> rows = CableRow.of(samples);
        for (SettingsPlan.FaultPlan f : plan.faults()) {
            // the settings' own rows first, then the stand-in measured beside a rule-only one
            for (boolean standIn : new boolean[] {false, true}) {
                for (CableRow row : rows) {
                    if (row.fault() == f.fault() && standIn != row.mechanism().equals(plan.settings())) {
                        answers.add(answer(row, standIn));
                    }
                }
            }
        }
        return answers;
    }

    private static Answer answer(CableRow row, boolean standIn) {
        String who = row.observer().name();
        String settings = standIn ? "stand-in: " + row.mechanism().label() : row.mechanism().label();
        if (row.samples().stream().allMatch(CableSample::ruleOnly)) {
            Theory th = row.samples().get(0).theory();
            return new Answer(row.fault(), settings, who, "rule only", "", "not measured: beyond --max-wait", rule(th), "",
                    th.why());
        }
        OptionalLong median = timeMedian(row);
        OptionalLong max = timeMax(row);
        boolean nothing = row.samples().stream().allMatch(CableSample::reachedBound);
        Theory th = row.theory();
        String time = nothing ? (th.isNever() ? "never" : "not by " + ThreeFigureDuration.of(row.boundNanos()))
                : ThreeFigureDuration.of(median);
        String note = (standIn ? "stand-in " + row.mechanism().label() + " " + row.mechanism().settings() + ": " : "")
                + (nothing ? "nothing noticed within " + ThreeFigureDuration.of(row.boundNanos()) + "; " : "") + th.why();
        return new Answer(row.fault(), settings, who, time, nothing ? "" : ThreeFigureDuration.of(max), saw(row), rule(th),
                row.medianRatio().isPresent() ? String.format("%.2f", row.medianRatio().getAsDouble()) : "-", note);
    }

    /** t1 - t0, except for a reconnect: from the connect call (its theory's reference). */
    private static OptionalLong timeMedian(CableRow row) {
        return row.fault().reconnects() ? row.medianSinceReferenceNanos() : row.medianDetectionNanos();
    }

    private static OptionalLong timeMax(CableRow row) {
        return row.fault().reconnects()
                ? row.samples().stream().mapToLong(CableSample::sinceReferenceNanos).filter(v -> v >= 0).max()
                : row.maxDetectionNanos();
    }

    /** "CONNECTION_TIMED_OUT 5/5: SocketException \"Connection timed out\"", or the timer that fired. */
    static String saw(CableRow row) {
        Outcome o = row.dominantOutcome();
        DetectedBy by = row.dominantDetectedBy();
        String counts = row.outcomeSummary();
        if (by == DetectedBy.BOUND) {
            return counts + ": nothing";
        }
        if (by == DetectedBy.HEARTBEAT) {
            return counts + ": no pong (the application's heartbeat)";
        }
        if (by == DetectedBy.READ_DEADLINE) {
            return counts + ": read deadline (" + exception(row, o).orElse("a local timer") + ")";
        }
        return counts + exception(row, o).map(e -> ": " + e).orElse("");
    }

    private static Optional<String> exception(CableRow row, Outcome o) {
        return row.samples().stream().filter(s -> s.outcome() == o && !s.exceptionClass().isEmpty()).findFirst()
                .map(s -> s.exceptionClass() + (s.exceptionMessage().isEmpty() ? "" : " \"" + s.exceptionMessage() + "\""));
    }

    static String rule(Theory th) {
        if (th.isNever()) {
            return "never";
        }
        if (!th.isFinite()) {
            return "not predicted";
        }
        return (th.atTheLatest() ? "<= " : "") + ThreeFigureDuration.of(th.boundNanos()) + " " + th.reference().phrase();
    }

    /** Prints the plan's answer. */
    public static void print(SettingsPlan plan, List<CableSample> samples, PrintStream out) {
        AlignedTable t = new AlignedTable("fault", "settings", "observer", "noticed after", "max", "what the program saw", "rule",
                "ratio").separateGroups();
        Map<CableFault, List<String>> notes = new LinkedHashMap<>();
        for (Answer a : answers(plan, samples)) {
            t.row(label(a.fault()), a.settings(), a.observer(), a.time(), a.max(), a.saw(), a.rule(), a.ratio());
            List<String> mine = notes.computeIfAbsent(a.fault(), f -> new ArrayList<>());
            if (!mine.contains(a.note())) {
                mine.add(a.note());
            }
        }
        out.print(t.plainText());
        out.println();
        out.println("noticed after: t1 - t0, the fault at t0 (the pull, the SIGSTOP, the reader stopping); g: from the "
                + "server's connect call, made " + ThreeFigureDuration.of(io.closebench.cable.Workload.RECONNECT_AFTER.toNanos())
                + " after the pull. rule: what the settings give, from the instant named; ratio: measured/rule from that "
                + "instant, median over the connections.");
        notes.forEach((fault, lines) -> lines.forEach(l -> out.println("  " + fault.letter() + ": " + l)));
    }

    /** "a: cable pulled, idle". */
    public static String label(CableFault fault) {
        return fault.letter() + " " + switch (fault) {
            case PULLED_IDLE -> "idle, cable pulled";
            case PULLED_SENDING -> "sending, cable pulled";
            case HOST_REBOOTED -> "host rebooted";
            case PEER_FROZEN -> "peer frozen";
            case PEER_NOT_READING -> "peer not reading";
            case RECONNECT -> "reconnect to dead host";
            default -> fault.description();
        };
    }

    /**
     * One line per fault for the presets' table: the settings' own time (the median of every
     * observer's median), "never", or the rule's time marked "(rule)".
     */
    public static Map<CableFault, String> summary(SettingsPlan plan, List<CableSample> samples) {
        Map<CableFault, String> cells = new LinkedHashMap<>();
        List<CableRow> rows = CableRow.of(samples);
        for (SettingsPlan.FaultPlan f : plan.faults()) {
            List<CableRow> own = rows.stream().filter(r -> r.fault() == f.fault() && r.mechanism().equals(plan.settings()))
                    .toList();
            if (own.isEmpty()) {
                cells.put(f.fault(), "-");
                continue;
            }
            if (own.stream().allMatch(r -> r.samples().stream().allMatch(CableSample::ruleOnly))) {
                cells.put(f.fault(), ThreeFigureDuration.of(own.get(0).samples().get(0).theory().boundNanos()) + " (rule)");
                continue;
            }
            if (own.stream().allMatch(r -> r.samples().stream().allMatch(CableSample::reachedBound))) {
                cells.put(f.fault(), own.get(0).theory().isNever() ? "never" : "not by "
                        + ThreeFigureDuration.of(own.get(0).boundNanos()));
                continue;
            }
            long[] medians = own.stream().map(SettingsTable::timeMedian).filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong).sorted().toArray();
            String outcome = own.get(0).dominantOutcome().name();
            cells.put(f.fault(), medians.length == 0 ? "-" : ThreeFigureDuration.of(medians[(medians.length - 1) / 2])
                    + " " + shortOutcome(outcome));
        }
        return cells;
    }

    private static String shortOutcome(String outcome) {
        return switch (outcome) {
            case "CONNECTION_TIMED_OUT" -> "ETIMEDOUT";
            case "NO_ROUTE_TO_HOST" -> "EHOSTUNREACH";
            case "RESET" -> "RST";
            case "HEARTBEAT_MISSED" -> "heartbeat";
            case "TIMEOUT" -> "timer";
            default -> outcome;
        };
    }
}
