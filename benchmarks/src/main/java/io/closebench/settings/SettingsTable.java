package io.closebench.settings;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.cable.CableFault;
import io.closebench.cable.Theory;
import io.closebench.analysis.report.CableFigures;
import io.closebench.s1.CableCsv;
import io.closebench.s1.CableSample;
import io.closebench.schema.DetectedBy;
import io.closebench.schema.Outcome;
import io.closebench.schema.TheoryKind;
import io.closebench.schema.row.CableRecord;
import io.closebench.cable.Workload;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        List<CableFigures> groups = groups(plan, samples);
        for (SettingsPlan.FaultPlan f : plan.faults()) {
            // the settings' own rows first, then the stand-in measured beside a rule-only one
            for (boolean standIn : new boolean[] {false, true}) {
                for (CableFigures g : groups) {
                    if (g.fault().equals(f.fault().letter()) && standIn != isTheSettings(g, plan)) {
                        answers.add(answer(f.fault(), g, standIn));
                    }
                }
            }
        }
        return answers;
    }

    /** The samples as the cable CSV's rows, grouped as the console and the report group them. */
    private static List<CableFigures> groups(SettingsPlan plan, List<CableSample> samples) {
        return CableFigures.of(CableCsv.records(samples, plan.cable().placement().placement()));
    }

    private static boolean isTheSettings(CableFigures g, SettingsPlan plan) {
        return g.mechanism().equals(plan.settings().label()) && g.settings().equals(plan.settings().settings());
    }

    private static boolean ruleOnly(CableFigures g) {
        return g.rows().stream().allMatch(r -> r.detectedBy() == DetectedBy.RULE);
    }

    private static boolean nothingNoticed(CableFigures g) {
        return g.rows().stream().allMatch(CableRecord::reachedBound);
    }

    private static Answer answer(CableFault fault, CableFigures g, boolean standIn) {
        String who = g.observer().name();
        String settings = standIn ? "stand-in: " + g.mechanism() : g.mechanism();
        if (ruleOnly(g)) {
            return new Answer(fault, settings, who, "rule only", "", "not measured: beyond --max-wait", rule(g), "",
                    g.theoryText());
        }
        OptionalLong median = timeMedian(fault, g);
        OptionalLong max = fault.reconnects() ? g.maxSinceReference() : g.maxDetection();
        boolean nothing = nothingNoticed(g);
        boolean never = g.theoryKind().filter(k -> k == TheoryKind.NEVER).isPresent();
        String time = nothing ? (never ? "never" : "not by " + ThreeFigureDuration.of(g.boundNanos()))
                : ThreeFigureDuration.of(median);
        String note = (standIn ? "stand-in " + g.mechanism() + " " + g.settings() + ": " : "")
                + (nothing ? "nothing noticed within " + ThreeFigureDuration.of(g.boundNanos()) + "; " : "") + g.theoryText();
        return new Answer(fault, settings, who, time, nothing ? "" : ThreeFigureDuration.of(max), saw(g), rule(g),
                g.medianRatio().isPresent() ? String.format(Locale.ROOT, "%.2f", g.medianRatio().getAsDouble()) : "-",
                note);
    }

    /** t1 - t0, except for a reconnect: from the connect call (its theory's reference). */
    private static OptionalLong timeMedian(CableFault fault, CableFigures g) {
        return fault.reconnects() ? g.medianSinceReference() : g.medianDetection();
    }

    /** "CONNECTION_TIMED_OUT 5/5: SocketException \"Connection timed out\"", or the timer that fired. */
    static String saw(CableFigures g) {
        Outcome o = g.dominantOutcome();
        DetectedBy by = g.dominantDetectedBy();
        String counts = g.outcomeSummary();
        if (by == DetectedBy.BOUND) {
            return counts + ": nothing";
        }
        if (by == DetectedBy.HEARTBEAT) {
            return counts + ": no pong (the application's heartbeat)";
        }
        if (by == DetectedBy.READ_DEADLINE) {
            return counts + ": read deadline (" + exception(g, o).orElse("a local timer") + ")";
        }
        return counts + exception(g, o).map(e -> ": " + e).orElse("");
    }

    private static Optional<String> exception(CableFigures g, Outcome o) {
        return g.rows().stream().filter(r -> r.outcome() == o && !r.exceptionClass().isEmpty()).findFirst()
                .map(r -> r.exceptionClass() + (r.exceptionMessage().isEmpty() ? "" : " \"" + r.exceptionMessage() + "\""));
    }

    /** The group's rule as the cable table gives it: "never", "not predicted", or its median time and reference. */
    static String rule(CableFigures g) {
        TheoryKind kind = g.theoryKind().orElse(TheoryKind.FINITE);
        if (kind == TheoryKind.NEVER) {
            return "never";
        }
        if (g.medianTheory().isEmpty()) {
            return "not predicted";
        }
        return ThreeFigureDuration.of(g.medianTheory().getAsLong()) + " "
                + Theory.Reference.valueOf(g.theoryReference()).phrase();
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
                + "server's connect call, made " + ThreeFigureDuration.of(Workload.RECONNECT_AFTER.toNanos())
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
        List<CableFigures> groups = groups(plan, samples);
        for (SettingsPlan.FaultPlan f : plan.faults()) {
            List<CableFigures> own = groups.stream().filter(g -> g.fault().equals(f.fault().letter())
                    && isTheSettings(g, plan)).toList();
            if (own.isEmpty()) {
                cells.put(f.fault(), "-");
                continue;
            }
            if (own.stream().allMatch(SettingsTable::ruleOnly)) {
                cells.put(f.fault(), own.get(0).medianTheory().isPresent()
                        ? ThreeFigureDuration.of(own.get(0).medianTheory().getAsLong()) + " (rule)" : rule(own.get(0)));
                continue;
            }
            if (own.stream().allMatch(SettingsTable::nothingNoticed)) {
                boolean never = own.get(0).theoryKind().filter(k -> k == TheoryKind.NEVER).isPresent();
                cells.put(f.fault(), never ? "never" : "not by " + ThreeFigureDuration.of(own.get(0).boundNanos()));
                continue;
            }
            long[] medians = own.stream().map(g -> timeMedian(f.fault(), g)).filter(OptionalLong::isPresent)
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
