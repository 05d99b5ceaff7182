package io.closebench.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One run's folder under {@code results/}, named {@code <UTC date-time>-<host>-<short id>}. Its
 * {@value #STATUS} file says "running" from the start and "complete" only at the very end, so a run
 * that crashed or was stopped says so in its own files instead of passing for a finished one.
 */
public final class ResultsFolder {

    public static final String METADATA = "metadata.csv";
    public static final String STATUS = "status.txt";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private ResultsFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates a new run folder below {@code root} and marks it running. */
    public static ResultsFolder create(Path root) throws IOException {
        String name = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + safe(RunMetadata.hostName()) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        ResultsFolder folder = new ResultsFolder(Files.createDirectories(root.resolve(name)));
        folder.markStatus("running (started, not finished: if this stays, the run was cut short)");
        return folder;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public void writeMetadata(RunMetadata metadata) throws IOException {
        try (Writer w = Files.newBufferedWriter(file(METADATA));
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("key", "value").get())) {
            for (Map.Entry<String, String> e : metadata.values().entrySet()) {
                csv.printRecord(e.getKey(), e.getValue());
            }
        }
    }

    public void markStatus(String status) throws IOException {
        Files.writeString(file(STATUS), status + System.lineSeparator());
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
