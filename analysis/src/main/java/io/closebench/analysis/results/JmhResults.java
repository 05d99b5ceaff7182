package io.closebench.analysis.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closebench.schema.csv.CsvFile;
import io.closebench.schema.csv.CsvRow;
import io.closebench.schema.csv.CsvTable;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's own result files of a run: {@code jmh-<profile>.json} with Jackson (JMH's full record,
 * including how it ran each benchmark), or {@code jmh-<profile>.csv} with commons-csv (the scores
 * and parameters only), for a run that kept one and not the other. Either refuses the whole file,
 * naming it, when it does not parse or an entry lacks the benchmark name or primary score.
 */
public final class JmhResults {

    private static final String PARAM_PREFIX = "Param: ";

    private JmhResults() {
    }

    /**
     * @param file a {@code jmh-*.json}
     * @return one result per benchmark and parameter combination, in file order
     * @throws ResultsFileException naming the file when it is not JMH's JSON
     */
    public static List<JmhResult> readJson(Path file) throws ResultsFileException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ResultsFileException(file, "not readable JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        } catch (IOException e) {
            throw new ResultsFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new ResultsFileException(file, "not JMH's result format: expected a JSON array of benchmarks");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            JsonNode primary = entry.path("primaryMetric");
            if (!entry.path("benchmark").isTextual() || !primary.path("score").isNumber()) {
                throw new ResultsFileException(file, "entry " + (i + 1) + " lacks \"benchmark\" or \"primaryMetric\".\"score\"");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            Map<String, Double> secondary = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                secondary.put(s.getKey(), number(s.getValue().path("score")));
            }
            results.add(new JmhResult(JmhResult.shortName(entry.get("benchmark").asText()), entry.path("mode").asText(),
                    params, primary.get("score").asDouble(), number(primary.path("scoreError")),
                    primary.path("scoreUnit").asText(), secondary, entry.path("jdkVersion").asText(),
                    entry.path("vmVersion").asText(), entry.path("forks").asInt(-1),
                    entry.path("warmupIterations").asInt(-1), entry.path("measurementIterations").asInt(-1),
                    entry.path("measurementTime").asText()));
        }
        return results;
    }

    /**
     * JMH's CSV: one row per primary result, followed by one row per secondary result whose
     * benchmark name carries the secondary's name after a colon.
     *
     * @param file a {@code jmh-*.csv}
     * @return one result per benchmark and parameter combination, in file order
     * @throws ResultsFileException naming the file when it is not JMH's CSV
     */
    public static List<JmhResult> readCsv(Path file) throws ResultsFileException {
        CsvTable table = CsvFile.read(file, List.of("Benchmark", "Mode", "Score", "Score Error (99.9%)", "Unit"));
        if (table.cut().isPresent()) {
            // JMH writes this file once, at its end: a cut one was damaged afterwards
            throw new ResultsFileException(file, table.cut().get() + ", but JMH writes this file in one go at its end");
        }
        List<CsvRow> rows = table.rows();
        Map<String, Builder> byCombination = new LinkedHashMap<>();
        for (CsvRow row : rows) {
            String name = row.text("Benchmark");
            int colon = name.indexOf(':');
            String benchmark = JmhResult.shortName(colon < 0 ? name : name.substring(0, colon));
            Map<String, String> params = new LinkedHashMap<>();
            for (String column : row.headerNames()) {
                if (column.startsWith(PARAM_PREFIX)) {
                    params.put(column.substring(PARAM_PREFIX.length()), row.text(column));
                }
            }
            String combination = benchmark + " " + params;
            if (colon < 0) {
                if (byCombination.containsKey(combination)) {
                    throw row.problem("Benchmark", "a second primary result for " + combination);
                }
                byCombination.put(combination, new Builder(benchmark, row.text("Mode"), params,
                        row.decimalOrNaN("Score"), row.decimalOrNaN("Score Error (99.9%)"), row.text("Unit")));
            } else {
                Builder primary = byCombination.get(combination);
                if (primary == null) {
                    throw row.problem("Benchmark", "secondary result " + name + " before its primary result");
                }
                primary.secondary.put(name.substring(colon + 1), row.decimalOrNaN("Score"));
            }
        }
        List<JmhResult> results = new ArrayList<>();
        for (Builder b : byCombination.values()) {
            results.add(new JmhResult(b.benchmark, b.mode, b.params, b.score, b.error, b.unit, b.secondary, "", "",
                    -1, -1, -1, ""));
        }
        return results;
    }

    /** JMH writes a missing error as the string "NaN". */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        return Double.NaN;
    }

    private static final class Builder {
        final String benchmark;
        final String mode;
        final Map<String, String> params;
        final double score;
        final double error;
        final String unit;
        final Map<String, Double> secondary = new LinkedHashMap<>();

        Builder(String benchmark, String mode, Map<String, String> params, double score, double error, String unit) {
            this.benchmark = benchmark;
            this.mode = mode;
            this.params = params;
            this.score = score;
            this.error = error;
            this.unit = unit;
        }
    }
}
