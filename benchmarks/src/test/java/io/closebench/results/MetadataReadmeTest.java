package io.closebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every key a run writes into {@code metadata.csv} about the machine, the JDK and the build is named in the
 * metadata section of {@code results/README.md}, by itself or by a documented prefix ({@code net.ipv4.tcp_*}):
 * the analysis module's {@code ResultsReadmeTest} checks the schema's fixed keys, this the ones only the
 * writer knows. Surefire runs a module's tests from the module's own folder, so the README is one level up.
 */
@Timeout(60)
class MetadataReadmeTest {

    private static final Path README = Path.of("../results/README.md");

    @Test
    void everyKeyRunMetadataWritesIsDescribedInTheReadme() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## `metadata.csv`");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> named = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(section);
        while (m.find()) {
            named.add(m.group(1));
        }
        List<String> missing = new ArrayList<>();
        for (String key : RunMetadata.capture(Map.of()).values().keySet()) {
            boolean described = named.stream().anyMatch(n -> n.equals(key)
                    || n.endsWith("*") && key.startsWith(n.substring(0, n.length() - 1)));
            if (!described) {
                missing.add(key);
            }
        }
        assertThat(missing).as("metadata keys results/README.md does not describe").isEmpty();
    }
}
