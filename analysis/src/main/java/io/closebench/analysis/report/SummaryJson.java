package io.closebench.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.closebench.schema.MetadataKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} beside {@code report.md}: the same answer for a machine. The run (name, commit,
 * date, kernel, JDK), each matrix row's verdict with its dominant outcome and median, each
 * benchmark figure's median with its interval, each S1 group's median and measured over rule, and
 * the problems the report lists; times in nanoseconds, figures as the report computes them.
 */
final class SummaryJson {

    /** The file's name. */
    static final String FILE = "summary.json";

    private SummaryJson() {
    }

    static Path write(ReportContext c) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("folder", c.run.name());
        for (String key : List.of(MetadataKey.GIT_COMMIT, MetadataKey.DATE, MetadataKey.KERNEL, MetadataKey.JDK,
                MetadataKey.JOB)) {
            run.put(key, c.run.metadata().get(key).orElse(null));
        }
        run.put("status", c.run.status().describe());
        run.put("partial", c.run.isPartial());
        root.put("run", run);

        List<Map<String, Object>> matrix = new ArrayList<>();
        c.run.matrix().forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.caseId());
            m.put("scenario", r.scenarioId());
            m.put("observer", r.observer().map(Enum::name).orElse(null));
            m.put("placement", r.placement().map(Enum::name).orElse(null));
            m.put("verdict", r.verdict().name());
            m.put("note_linux", r.noteLinux());
            m.put("dominant_outcome", r.dominantOutcome().map(Enum::name).orElse(null));
            m.put("repetitions", r.repetitions());
            m.put("agreeing", r.agreeing());
            m.put("median_latency_ns", r.medianLatencyNanos() >= 0 ? r.medianLatencyNanos() : null);
            m.put("why", r.why().isEmpty() ? null : r.why());
            matrix.add(m);
        });
        root.put("matrix", matrix);

        List<Map<String, Object>> benchmarks = new ArrayList<>();
        c.figures.values().forEach(f -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("benchmark", f.key().benchmark());
            b.put("scenario", f.key().scenario());
            b.put("observer", f.key().observer().name());
            b.put("placement", f.key().placement().name());
            b.put("idle_before_fault_us", f.key().idleBeforeFaultMicros());
            b.put("load_connections", f.key().loadConnections());
            b.put("cpu_burners", f.key().cpuBurners());
            b.put("jdk", f.jdk());
            b.put("forks", f.forksFinished());
            b.put("median_ns", f.median().estimate());
            boolean defined = f.median().interval().isDefined();
            b.put("median_interval_ns", defined ? List.of(f.median().interval().low(), f.median().interval().high()) : null);
            b.put("interval_level", f.median().interval().level());
            b.put("interval_design", f.median().design());
            benchmarks.add(b);
        });
        root.put("benchmarks", benchmarks);

        List<Map<String, Object>> s1 = new ArrayList<>();
        CableFigures.byFault(c.run.cable()).values().forEach(groups -> groups.forEach(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fault", g.fault());
            m.put("mechanism", g.mechanism());
            m.put("settings", g.settings());
            m.put("observer", g.observer().name());
            m.put("connections", g.rows().size());
            m.put("dominant_outcome", g.dominantOutcome().name());
            m.put("median_detection_ns", g.medianDetection().isPresent() ? g.medianDetection().getAsLong() : null);
            m.put("median_rule_ns", g.medianTheory().isPresent() ? g.medianTheory().getAsLong() : null);
            m.put("median_measured_over_rule", g.medianRatio().isPresent() ? g.medianRatio().getAsDouble() : null);
            s1.add(m);
        }));
        root.put("s1", s1);
        root.put("problems", AnswerSection.problems(c));

        Path file = c.out.resolve(FILE);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        return file;
    }
}
