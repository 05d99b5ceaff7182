package io.closebench.analysis.report;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.results.SoakRun;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import io.closebench.schema.RunStatus;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.SoakRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A soak: the loopback cases round-robin for a duration, every few seconds a sample of what the run
 * holds. Whether anything grew beyond its bound (the samples' violations and the run's status say;
 * the report only reads them), each resource from its baseline (the first sample after warm-up) to
 * its highest and its last, against the bound the soak held it to, the repetitions per second, and
 * the outcomes by case and model from the soak's matrix, with the models skipped here and why.
 */
final class SoakSection {

    private static final String GREW = "grew beyond its bound: ";
    private static final int CHART_WIDTH = 1100;

    private SoakSection() {
    }

    static void append(ReportContext c) {
        SoakRun soak = c.run.soak();
        if (soak.isEmpty()) {
            if (c.run.metadata().ranSoak()) {
                c.md.append("## Soak: what a long run holds\n\nThe soak ran, but its samples are missing from this folder "
                        + "(see above).\n\n");
            }
            return;
        }
        var m = c.run.metadata();
        String bounds = m.get(MetadataKey.SOAK_PREFIX + "bounds").orElse("");
        c.md.append("## Soak: what a long run holds\n\n");
        c.md.append("From `").append(soak.file().isEmpty() ? "(no samples)" : soak.file()).append("` (")
                .append(soak.samples().size()).append(" samples, one every ")
                .append(m.get(MetadataKey.SOAK_PREFIX + "sample_every_seconds").map(s -> s + " s").orElse("few seconds"))
                .append(", each between two repetitions) and `").append(soak.matrixFile().isEmpty() ? "(no soak matrix)"
                        : soak.matrixFile()).append("`: the scenarios ")
                .append(m.getOrUnknown(MetadataKey.SOAK_PREFIX + "scenarios")).append(" round-robin with the models ")
                .append(m.getOrUnknown(MetadataKey.SOAK_PREFIX + "observers")).append(", for ")
                .append(m.get(MetadataKey.SOAK_PREFIX + "duration_seconds").map(s -> s + " s").orElse("its duration"))
                .append(m.get(MetadataKey.SOAK_PREFIX + "max_repetitions").filter(r -> !r.equals("none"))
                        .map(r -> " or " + r + " repetitions, whichever came first").orElse(""))
                .append("; placement ").append(m.getOrUnknown(MetadataKey.SOAK_PREFIX + "placement"))
                .append(", JDK ").append(m.getOrUnknown(MetadataKey.JDK)).append(". Warm-up before the baseline: ")
                .append(warmup(m.getOrUnknown(MetadataKey.SOAK_PREFIX + "warmup"))).append(". The bounds: ")
                .append(bounds.isEmpty() ? "not recorded" : bounds).append('.');
        m.values().forEach((k, why) -> {
            if (k.startsWith(MetadataKey.SOAK_PREFIX + "skipped.")) {
                c.md.append(" Skipped here: ").append(k.substring((MetadataKey.SOAK_PREFIX + "skipped.").length()))
                        .append(", ").append(why).append('.');
            }
        });
        c.md.append("\n\n").append(verdict(c, soak)).append("\n\n");
        rate(c, soak);
        resources(c, soak, bounds);
        outcomes(c, soak);
    }

    /** What the soak found, from its samples' violations and its status. */
    private static String verdict(ReportContext c, SoakRun soak) {
        Optional<SoakRecord> grew = soak.samples().stream().filter(s -> !s.violations().isEmpty()).findFirst();
        Optional<RunStatus> status = c.run.status().status();
        String text = status.map(RunStatus::text).orElse("");
        String sentence;
        if (grew.isPresent()) {
            sentence = "**Something grew beyond its bound**, first at " + seconds(grew.get().elapsedSeconds()) + " ("
                    + Figures.count(grew.get().repetitions()) + " repetitions): " + grew.get().violations() + ".";
        } else if (text.contains(GREW)) {
            sentence = "**Something grew beyond its bound**, the status says: " + text.substring(text.indexOf(GREW)
                    + GREW.length()) + ".";
        } else if (soak.baseline().isEmpty()) {
            sentence = "**Nothing judged**: the soak ended before its warm-up did, so it has no baseline"
                    + (text.isEmpty() ? "" : " (status: " + text + ")") + ".";
        } else if (c.run.status().isComplete()) {
            SoakRecord last = soak.samples().get(soak.samples().size() - 1);
            sentence = "**Nothing grew beyond its bound** in " + Figures.count(last.repetitions()) + " repetitions over "
                    + seconds(last.elapsedSeconds()) + ", the last sample taken after every case had closed.";
        } else {
            SoakRecord last = soak.samples().get(soak.samples().size() - 1);
            sentence = "**Nothing grew beyond its bound up to the last sample** (" + seconds(last.elapsedSeconds()) + ", "
                    + Figures.count(last.repetitions()) + " repetitions), but the soak did not end as planned (status: "
                    + c.run.status().describe() + "): the sample after its end, with every case closed, is missing.";
        }
        c.headlines.add("Soak: " + sentence.replace("**", ""));
        return sentence;
    }

    private static void rate(ReportContext c, SoakRun soak) {
        List<SoakRecord> samples = soak.samples();
        if (samples.size() < 2) {
            return;
        }
        SoakRecord last = samples.get(samples.size() - 1);
        StringBuilder md = c.md.append("Repetitions per second: ").append(perSecond(samples.get(0), last))
                .append(" over the whole soak");
        soak.baseline().filter(b -> last.elapsedSeconds() > b.elapsedSeconds()).ifPresent(b -> {
            md.append(", ").append(perSecond(b, last)).append(" after warm-up");
            double low = Double.MAX_VALUE;
            double high = 0;
            for (int i = samples.indexOf(b) + 1; i < samples.size(); i++) {
                double dt = samples.get(i).elapsedSeconds() - samples.get(i - 1).elapsedSeconds();
                if (dt > 0) {
                    double r = (samples.get(i).repetitions() - samples.get(i - 1).repetitions()) / dt;
                    low = Math.min(low, r);
                    high = Math.max(high, r);
                }
            }
            if (high > 0) {
                md.append(" (from ").append(Figures.fixed(low, 1)).append(" to ").append(Figures.fixed(high, 1))
                        .append(" between two samples)");
            }
        });
        md.append(". Unexpected outcomes counted by the soak: ").append(Figures.count(last.unexpectedOutcomes()))
                .append("; harness failures: ").append(Figures.count(last.harnessFailures())).append(".\n\n");
    }

    private static String perSecond(SoakRecord from, SoakRecord to) {
        double dt = to.elapsedSeconds() - from.elapsedSeconds();
        return dt > 0 ? Figures.fixed((to.repetitions() - from.repetitions()) / dt, 1) : "-";
    }

    private static void resources(ReportContext c, SoakRun soak, String bounds) {
        Optional<SoakRecord> baseline = soak.baseline();
        if (soak.samples().isEmpty()) {
            return;
        }
        SoakRecord first = soak.samples().get(0);
        SoakRecord last = soak.samples().get(soak.samples().size() - 1);
        List<SoakRecord> after = baseline.map(b -> soak.samples().subList(soak.samples().indexOf(b) + 1,
                soak.samples().size())).orElse(List.of());
        AlignedTable t = new AlignedTable("resource", ">at the start", ">baseline", ">highest after it", ">last",
                "bound", ">headroom at the highest", "beyond its bound");
        for (SoakResource r : SoakResource.values()) {
            Optional<SoakRecord> highest = after.stream().filter(s -> r.of(s) >= 0)
                    .max(java.util.Comparator.comparingDouble(r::of));
            String beyond = "-";
            String headroom = "-";
            if (baseline.isPresent() && highest.isPresent()) {
                OptionalDouble limit = r.bound(bounds, baseline.get(), highest.get());
                headroom = limit.isPresent() ? r.format(Math.max(0, limit.getAsDouble() - r.of(highest.get()))) : "-";
                List<String> times = new ArrayList<>();
                for (SoakRecord s : after) {
                    OptionalDouble b = r.bound(bounds, baseline.get(), s);
                    if (b.isPresent() && r.of(s) > b.getAsDouble()) {
                        times.add(seconds(s.elapsedSeconds()));
                    }
                }
                beyond = times.isEmpty() ? (r.bound(bounds, baseline.get(), highest.get()).isPresent() ? "no"
                        : "not checked here: bound not readable") : "**yes**, at " + String.join(", ", times);
            }
            t.row(r.label(), r.format(r.of(first)), baseline.map(b -> r.format(r.of(b))).orElse("-"),
                    highest.map(h -> r.format(r.of(h)) + " at " + seconds(h.elapsedSeconds())).orElse("-"),
                    r.format(r.of(last)), r.clause(bounds).orElse("not recorded"), headroom, beyond);
        }
        c.md.append("Each resource at the first sample, at the baseline").append(baseline.map(b -> " (" + seconds(
                b.elapsedSeconds()) + ")").orElse(" (none: the soak ended during its warm-up)")).append(", at its "
                + "highest after the baseline, and at the last sample; the bound as the soak stated it, and how far the "
                + "highest stayed below it (TIME_WAIT's bound grows with the connections closed in the last 65 s, so its "
                + "headroom is at that sample). The soak itself decides growth as each sample is taken; the column "
                + "\"beyond its bound\" repeats that check from the numbers.\n\n");
        c.table(t);
    }

    /** Per model, then per case and model where a row's outcomes were not all one (skipped models are in the intro). */
    private static void outcomes(ReportContext c, SoakRun soak) {
        List<MatrixRecord> rows = soak.matrix();
        if (rows.isEmpty()) {
            return;
        }
        Map<Observer, long[]> perModel = new EnumMap<>(Observer.class);
        AlignedTable mixed = new AlignedTable("case", "scenario", "observer", ">repetitions", "outcomes",
                ">besides the usual one");
        for (MatrixRecord r : rows) {
            if (r.verdict() == Verdict.SKIPPED || r.observer().isEmpty()) {
                continue;
            }
            OutcomeCounts counts = OutcomeCounts.parse(List.of(r.outcomeCounts()));
            long usual = counts.sorted().values().stream().findFirst().orElse(0L);
            long besides = counts.total() - usual;
            long failures = counts.asMap().getOrDefault("HARNESS_FAILURE", 0L) + counts.asMap().getOrDefault("TIMEOUT", 0L);
            long[] sum = perModel.computeIfAbsent(r.observer().get(), o -> new long[4]);
            sum[0]++;
            sum[1] += r.repetitions();
            sum[2] += besides;
            sum[3] += failures;
            if (besides > 0) {
                mixed.row(r.caseId(), r.scenarioId(), r.observerName(), Figures.count(r.repetitions()), counts.describe(),
                        Figures.count(besides));
            }
        }
        AlignedTable t = new AlignedTable("observer", ">scenarios", ">repetitions", ">outcomes besides each row's usual one",
                ">timeouts and harness failures");
        perModel.forEach((o, s) -> t.row(o.name(), String.valueOf(s[0]), Figures.count(s[1]), Figures.count(s[2]),
                Figures.count(s[3])));
        long total = perModel.values().stream().mapToLong(s -> s[2]).sum();
        c.md.append("### Soak: outcomes by case and model\n\nFrom `").append(soak.matrixFile()).append("`: every "
                + "repetition's outcome, counted per scenario and model. The soak counts an outcome as unexpected when it "
                + "is not the one Linux gives for the scenario and model; that expectation is not in the file, so per row "
                + "the table counts the outcomes besides the row's most frequent one (its usual outcome), timeouts and "
                + "harness failures included. Over all rows: ").append(Figures.count(total)).append(", against ")
                .append(soak.samples().isEmpty() ? "an unknown number"
                        : Figures.count(soak.samples().get(soak.samples().size() - 1).unexpectedOutcomes()))
                .append(" unexpected by the soak's own count.\n\n");
        c.table(t);
        if (!mixed.isEmpty()) {
            c.md.append("Rows whose outcomes were not all one:\n\n");
            c.table(mixed);
        } else {
            c.md.append("Every row's repetitions all ended with one outcome.\n\n");
        }
    }

    static void charts(ReportContext c) throws IOException {
        SoakRun soak = c.run.soak();
        if (soak.samples().size() < 2) {
            return;
        }
        c.md.append("### Soak: each resource over time\n\nOne panel per resource against the time since the soak "
                + "started: the samples (dots), the baseline (dashed), the bound (red; TIME_WAIT's follows the "
                + "connections closed in the last 65 s) and the warm-up (shaded), then the repetitions per second "
                + "between two samples.\n\n");
        String bounds = c.run.metadata().get(MetadataKey.SOAK_PREFIX + "bounds").orElse("");
        c.chart(SoakChart.of("Soak: what the run held over time", c.run.name() + ", " + soak.file(), soak, bounds),
                "soak-resources.png", "Soak: each resource over time", CHART_WIDTH, SoakChart.height());
    }

    /** "60 s or 9223372036854775807 repetitions" (no repetition limit, as the soak writes it) is "60 s". */
    private static String warmup(String text) {
        return text.replace(" or " + Long.MAX_VALUE + " repetitions", "");
    }

    private static String seconds(double s) {
        return Figures.fixed(s, 1) + " s";
    }
}
