package io.closebench.floor;

import io.closebench.schema.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the program's summary (the format is described at the top of {@code floor.c}) into a
 * figure. Strict on purpose: a summary that misses a record, or whose outcomes do not add up to
 * the repetitions asked for, is refused rather than turned into a plausible-looking figure.
 */
final class ProgramOutput {

    private ProgramOutput() {
    }

    /** @throws IllegalArgumentException naming what is missing or inconsistent */
    static NativeFloorFigure parse(FloorCase c, int warmupRepetitions, int repetitions, String stdout) {
        String kernel = null;
        Map<String, String> run = null;
        Map<String, String> outcomes = null;
        Map<String, String> latency = null;
        Integer asleep = null;
        List<String> details = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            int space = line.indexOf(' ');
            String record = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            switch (record) {
                case "kernel" -> kernel = rest;
                case "skipped" -> {
                    return NativeFloorFigure.notMeasured(c, warmupRepetitions, repetitions, orEmpty(kernel),
                            "skipped: " + rest);
                }
                case "run" -> run = fields(rest);
                case "outcomes" -> outcomes = fields(rest);
                case "detail" -> details.add(detail(rest));
                case "asleep" -> asleep = Integer.parseInt(rest.strip());
                case "latency_ns" -> latency = fields(rest);
                default -> {
                    if (!line.isBlank()) {
                        throw new IllegalArgumentException("unknown line in the program's output: " + line);
                    }
                }
            }
        }
        if (kernel == null || run == null || outcomes == null || asleep == null || latency == null) {
            throw new IllegalArgumentException("incomplete output (needs kernel, run, outcomes, asleep, latency_ns): "
                    + stdout.strip());
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach((name, n) -> counts.put(Outcome.valueOf(name), Integer.parseInt(n)));
        int counted = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (counted != repetitions || Integer.parseInt(required(run, "reps", "run")) != repetitions) {
            throw new IllegalArgumentException("the program counted " + counted + " repetitions, " + repetitions
                    + " were asked for");
        }
        FloorLatency percentiles = new FloorLatency((int) number(latency, "count"), number(latency, "min"),
                number(latency, "p50"), number(latency, "p90"), number(latency, "p99"), number(latency, "max"));
        return new NativeFloorFigure(c, warmupRepetitions, repetitions, counts, details, asleep, percentiles,
                required(run, "observer_cpu", "run"), required(run, "peer_cpu", "run"), kernel, "");
    }

    /** "a=1 b=2" */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.strip().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, found '" + pair + "' in: " + text);
            }
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    /** "outcome=OTHER_ERROR count=3 text=read: Broken pipe" (the text runs to the end of the line) */
    private static String detail(String text) {
        int at = text.indexOf(" text=");
        if (at < 0) {
            throw new IllegalArgumentException("detail without text: " + text);
        }
        Map<String, String> head = fields(text.substring(0, at));
        return head.get("outcome") + " x" + head.get("count") + ": " + text.substring(at + " text=".length());
    }

    private static long number(Map<String, String> latency, String key) {
        return Long.parseLong(required(latency, key, "latency_ns"));
    }

    private static String required(Map<String, String> fields, String key, String record) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException(record + " without " + key);
        }
        return value;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
