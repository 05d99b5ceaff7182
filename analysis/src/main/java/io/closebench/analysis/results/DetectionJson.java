package io.closebench.analysis.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JMH's JSON ({@code jmh-<profile>.json}) made for JMH's visualizers: the same entries, each with
 * detection latency as its primary metric, written beside it as {@code detection-<profile>.json}.
 *
 * <p>Why: in JMH's own file each benchmark's primary metric is the harness's throughput (repetitions
 * per second, each one a connection set up, broken and detected), which a visualizer shows as "the"
 * figure; the detection latency closebench measures is a secondary metric ({@code detect.p50} etc., from
 * {@code DetectionProfiler}). Here {@code detect.p50} (us; the mean over iterations of each iteration's
 * median, as JMH aggregates it) becomes {@code primaryMetric}, {@code mode} becomes {@code avgt} so that a
 * visualizer reads lower as better, and the throughput stays as the secondary metric
 * {@value #THROUGHPUT}; every other secondary metric is kept as it is. An entry without
 * {@code detect.p50} (a benchmark that detects nothing by design, {@code HarnessBaselines.setUpAndTearDown},
 * or one whose every repetition timed out: see its {@code detect.timeouts}) stays as JMH wrote it, its
 * throughput the only figure it has. The file is derived: {@code report} reads {@code jmh-*.json}, never
 * this.
 */
public final class DetectionJson {

    /** The file name's start; {@code detection-quick.json} for {@code jmh-quick.json}. */
    public static final String PREFIX = "detection-";
    /** The secondary metric the visualizers' file primary becomes. */
    public static final String LATENCY = "detect.p50";
    /** The name under which JMH's own primary metric (throughput) is kept. */
    public static final String THROUGHPUT = "harness.throughput";

    private static final String JMH_PREFIX = "jmh-";

    private DetectionJson() {
    }

    /** {@code detection-<profile>.json} beside {@code jmh-<profile>.json}. */
    public static Path fileFor(Path jmhJson) {
        String name = jmhJson.getFileName().toString();
        String rest = name.startsWith(JMH_PREFIX) ? name.substring(JMH_PREFIX.length()) : name;
        return jmhJson.resolveSibling(PREFIX + rest);
    }

    /**
     * Writes {@link #fileFor(Path)} from {@code jmhJson}.
     *
     * @return the file written
     * @throws ResultsFileException naming {@code jmhJson} when it is not JMH's JSON
     * @throws IOException when the file cannot be written
     */
    public static Path write(Path jmhJson) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(jmhJson.toFile());
        } catch (JacksonException e) {
            throw new ResultsFileException(jmhJson, "not readable JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new ResultsFileException(jmhJson, "not JMH's result format: expected a JSON array of benchmarks");
        }
        Path out = fileFor(jmhJson);
        mapper.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), transform((ArrayNode) root));
        return out;
    }

    /** Each entry with detection latency as its primary metric (a new array; {@code jmh} is not changed). */
    static ArrayNode transform(ArrayNode jmh) {
        ArrayNode out = jmh.deepCopy();
        for (JsonNode e : out) {
            if (!(e instanceof ObjectNode entry)) {
                continue;
            }
            JsonNode latency = entry.path("secondaryMetrics").path(LATENCY);
            if (!latency.isObject()) {
                continue;
            }
            JsonNode throughput = entry.path("primaryMetric");
            Map<String, JsonNode> secondary = new LinkedHashMap<>();
            if (!throughput.isMissingNode()) {
                secondary.put(THROUGHPUT, throughput);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                secondary.put(s.getKey(), s.getValue());
            }
            entry.set("primaryMetric", latency.deepCopy());
            ObjectNode metrics = entry.putObject("secondaryMetrics");
            secondary.forEach(metrics::set);
            entry.put("mode", "avgt");
        }
        return out;
    }
}
