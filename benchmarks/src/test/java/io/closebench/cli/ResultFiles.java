package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reading a results folder back in a test: the one file of a kind, a CSV's rows by header. */
final class ResultFiles {

    private ResultFiles() {
    }

    /** The only folder under {@code results}, as a run creates it. */
    static Path onlyFolder(Path results) throws IOException {
        try (Stream<Path> dirs = Files.list(results)) {
            List<Path> found = dirs.filter(Files::isDirectory).toList();
            assertThat(found).as("run folders under " + results).hasSize(1);
            return found.get(0);
        }
    }

    /** The one file of {@code kind} in {@code folder}; fails the test if there are none or several. */
    static Path only(Path folder, ResultFile kind) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> kind.matches(f.getFileName().toString())).toList();
            assertThat(found).as(kind.pattern()).hasSize(1);
            return found.get(0);
        }
    }

    static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }
}
