package io.closebench.results;

import io.closebench.schema.CsvLog;
import io.closebench.schema.MetadataColumn;
import io.closebench.schema.ResultFile;
import io.closebench.schema.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.closebench.schema.MetadataColumn.KEY;
import static io.closebench.schema.MetadataColumn.VALUE;

/**
 * One run's folder under {@code results/}, named {@code <UTC date-time>-<host>-<short id>}. Its
 * status file says "running pid=... started=..." from the start and "complete" only at the very end
 * ({@link RunStatus}), so a run that crashed, was killed or was stopped says so in its own files
 * instead of passing for a finished one.
 */
public final class ResultsFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private ResultsFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates a new run folder below {@code root} and marks it running by this process. */
    public static ResultsFolder create(Path root) throws IOException {
        String name = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + safe(RunMetadata.hostName()) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        ResultsFolder folder = new ResultsFolder(Files.createDirectories(root.resolve(name)));
        // the process's own start instant, as the kernel has it: a reader tells "that pid is still this run" exactly
        ProcessHandle self = ProcessHandle.current();
        folder.markStatus(RunStatus.running(self.pid(), self.info().startInstant().orElse(java.time.Instant.now())));
        return folder;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public void writeMetadata(RunMetadata metadata) throws IOException {
        try (CsvLog<MetadataColumn> csv = CsvLog.create(file(ResultFile.METADATA.fixedName()), MetadataColumn.class)) {
            for (Map.Entry<String, String> e : metadata.values().entrySet()) {
                csv.row().set(KEY, e.getKey()).set(VALUE, e.getValue()).append();
            }
        }
    }

    /** Replaces the status line, atomically: a reader never sees a half-written status. */
    public synchronized void markStatus(RunStatus status) throws IOException {
        Path tmp = file(ResultFile.STATUS.fixedName() + ".tmp");
        Files.writeString(tmp, status.text() + System.lineSeparator());
        Files.move(tmp, file(ResultFile.STATUS.fixedName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
