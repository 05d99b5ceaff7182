package io.closebench.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closebench.schema.ResultFile;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code detection-<profile>.json}: JMH's own results with detection latency as each benchmark's primary metric. */
@Timeout(60)
class DetectionJsonTest {

    @TempDir
    Path temp;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyEntryKeepsItsPlaceWithItsDetectionMedianAsThePrimaryMetricAndItsThroughputAsASecondary() throws IOException {
        Path jmh = TestFolders.copy(TestFolders.BENCH, temp).resolve("jmh-quick.json");

        Path written = DetectionJson.write(jmh);

        assertThat(written).isEqualTo(jmh.resolveSibling("detection-quick.json"));
        JsonNode before = mapper.readTree(jmh.toFile());
        JsonNode after = mapper.readTree(written.toFile());
        assertThat(after).hasSize(before.size()).isNotEmpty();
        int converted = 0;
        for (int i = 0; i < before.size(); i++) {
            JsonNode b = before.get(i);
            JsonNode a = after.get(i);
            assertThat(a.get("benchmark")).isEqualTo(b.get("benchmark"));
            assertThat(a.get("params")).isEqualTo(b.get("params"));
            assertThat(b.get("primaryMetric").get("scoreUnit").asText()).isEqualTo("ops/s");
            if (!b.get("secondaryMetrics").has("detect.p50")) {
                // HarnessBaselines.setUpAndTearDown detects nothing: JMH's entry as it was
                assertThat(b.get("benchmark").asText()).endsWith(".setUpAndTearDown");
                assertThat(a).isEqualTo(b);
                continue;
            }
            converted++;
            assertThat(a.get("primaryMetric")).isEqualTo(b.get("secondaryMetrics").get("detect.p50"));
            assertThat(a.get("primaryMetric").get("scoreUnit").asText()).isEqualTo("us");
            assertThat(a.get("mode").asText()).as("a visualizer reads lower as better").isEqualTo("avgt");
            assertThat(a.get("secondaryMetrics").get(DetectionJson.THROUGHPUT)).isEqualTo(b.get("primaryMetric"));
            List<String> kept = new ArrayList<>();
            b.get("secondaryMetrics").fieldNames().forEachRemaining(kept::add);
            for (String name : kept) {
                assertThat(a.get("secondaryMetrics").get(name)).as(name).isEqualTo(b.get("secondaryMetrics").get(name));
            }
            assertThat(a.get("jvm")).isEqualTo(b.get("jvm"));
            assertThat(a.get("forks")).isEqualTo(b.get("forks"));
        }
        assertThat(converted).as("the entries that detect").isEqualTo(12);
    }

    @Test
    void theDerivedFileIsNotTakenForJmhsResultsByTheReader() throws IOException {
        Path folder = TestFolders.copy(TestFolders.BENCH, temp);
        int results = RunFolder.read(folder).jmh().size();

        DetectionJson.write(folder.resolve("jmh-quick.json"));

        assertThat(ResultFile.of("detection-quick.json")).isEmpty();
        assertThat(RunFolder.read(folder).jmh()).hasSize(results);
    }

    @Test
    void aFileThatIsNotJmhsJsonIsRefusedByName() throws IOException {
        Path bad = java.nio.file.Files.writeString(temp.resolve("jmh-quick.json"), "{\"not\": \"an array\"}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectionJson.write(bad))
                .isInstanceOf(ResultsFileException.class).hasMessageContaining(bad.toString());
    }
}
