package io.closebench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.CableColumn;
import io.closebench.schema.S1TimelineColumn;
import io.closebench.schema.Column;
import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.MatrixColumn;
import io.closebench.schema.MetadataColumn;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.NativeFloorColumn;
import io.closebench.schema.ObservationColumn;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.PercentileColumn;
import io.closebench.schema.Placement;
import io.closebench.schema.ResultFile;
import io.closebench.schema.RunStatus;
import io.closebench.schema.SoakColumn;
import io.closebench.schema.SummaryColumn;
import io.closebench.schema.Verdict;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code results/README.md} against the schema module, so that the two cannot drift: every column of
 * every column enum is named in its file's section, every column enum has such a section, and every
 * file kind, status word, metadata key and vocabulary word is named. Surefire runs a module's tests
 * from the module's own folder, so the README is one level up.
 */
@Timeout(60)
class ResultsReadmeTest {

    private static final Path README = Path.of("../results/README.md");

    /** Each column enum and the file whose section ("### `pattern`...") describes its columns. */
    private static final Map<Class<? extends Column>, String> SECTIONS = Map.ofEntries(
            Map.entry(MatrixColumn.class, ResultFile.MATRIX.pattern()),
            Map.entry(ObservationColumn.class, ResultFile.OBSERVATIONS.pattern()),
            Map.entry(CableColumn.class, ResultFile.CABLE.pattern()),
            Map.entry(S1TimelineColumn.class, ResultFile.S1_TIMELINE.pattern()),
            Map.entry(PercentileColumn.class, ResultFile.PERCENTILES.pattern()),
            Map.entry(SummaryColumn.class, ResultFile.SUMMARY.pattern()),
            Map.entry(NativeFloorColumn.class, ResultFile.NATIVE_FLOOR.pattern()),
            Map.entry(MassDeathTrialColumn.class, ResultFile.MASS_DEATH_TRIALS.pattern()),
            Map.entry(MassDeathConnectionColumn.class, ResultFile.MASS_DEATH_CONNECTIONS.pattern()),
            Map.entry(SoakColumn.class, ResultFile.SOAK.pattern()),
            Map.entry(MetadataColumn.class, ResultFile.METADATA.pattern()));

    @Test
    void everyColumnOfEveryColumnEnumIsNamedInItsFilesSection() throws IOException {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Class<? extends Column>, String> e : SECTIONS.entrySet()) {
            String section = section(readme, e.getValue());
            if (section.isEmpty()) {
                missing.add("no section \"### `" + e.getValue() + "`\" for " + e.getKey().getSimpleName());
                continue;
            }
            for (Column c : e.getKey().getEnumConstants()) {
                if (!section.contains("`" + c.header() + "`")) {
                    missing.add(e.getKey().getSimpleName() + "." + c.name() + " (`" + c.header() + "` in the section of `"
                            + e.getValue() + "`)");
                }
            }
        }
        assertThat(missing).as("columns results/README.md does not describe").isEmpty();
    }

    @Test
    void everyColumnEnumOfTheSchemaHasItsSectionHere() throws Exception {
        assertThat(columnEnums()).as("column enums of the schema module: add each to SECTIONS and describe its columns "
                + "in results/README.md").isNotEmpty().allSatisfy(c -> assertThat(SECTIONS.keySet()).contains(
                        c.asSubclass(Column.class)));
    }

    @Test
    void everyFileKindStatusWordMetadataKeyAndWordIsNamed() throws Exception {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (ResultFile kind : ResultFile.values()) {
            String[] parts = kind.pattern().split("\\*", -1);
            String name = parts.length == 1 ? Pattern.quote(parts[0])
                    : Pattern.quote(parts[0]) + "[^`]*" + Pattern.quote(parts[1]);
            if (!Pattern.compile("`" + name + "`").matcher(readme).find()) {
                missing.add("file " + kind + " (" + kind.pattern() + ")");
            }
        }
        for (RunStatus s : List.of(RunStatus.running(1, Instant.EPOCH), RunStatus.complete(), RunStatus.failed("x"),
                RunStatus.interrupted("SIGINT", "x", 1))) {
            String word = s.text().split("[ =]", 2)[0];
            if (!readme.contains("`" + word)) {
                missing.add("status word " + word);
            }
        }
        for (Field f : MetadataKey.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && !readme.contains("`" + f.get(null))) {
                missing.add("metadata key " + f.getName() + " (" + f.get(null) + ")");
            }
        }
        for (Class<? extends Enum<?>> words : List.of(Observer.class, Placement.class, Outcome.class, Verdict.class)) {
            for (Enum<?> w : words.getEnumConstants()) {
                if (!readme.contains("`" + w.name() + "`")) {
                    missing.add(words.getSimpleName() + "." + w.name());
                }
            }
        }
        assertThat(missing).as("what results/README.md does not name").isEmpty();
    }

    /** From the heading that names the file in backticks to the next heading. */
    private static String section(String readme, String pattern) {
        int start = readme.indexOf("\n### `" + pattern + "`");
        if (start < 0) {
            return "";
        }
        int next = readme.indexOf("\n#", start + 1);
        return readme.substring(start, next < 0 ? readme.length() : next);
    }

    /** Every enum of the schema module that implements {@link Column}, found where its classes are. */
    private static TreeSet<Class<?>> columnEnums() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(Column.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = Column.class.getPackageName().replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(folder))) {
                files.map(p -> p.getFileName().toString()).forEach(n -> names.add(folder + n));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder)).forEach(names::add);
            }
        }
        TreeSet<Class<?>> enums = new TreeSet<>(java.util.Comparator.comparing(Class::getName));
        for (String n : names) {
            if (!n.endsWith(".class") || n.substring(folder.length()).contains("/")) {
                continue;
            }
            Class<?> c = Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
            if (c.isEnum() && Arrays.asList(c.getInterfaces()).contains(Column.class)) {
                enums.add(c);
            }
        }
        return enums;
    }
}
