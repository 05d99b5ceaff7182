package io.closebench.analysis.results;

import io.closebench.schema.RunStatus;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run's {@code status.txt} ({@link RunStatus}) and what it means for the folder's other files.
 * Only "complete" means they are whole. A run that was stopped by a signal says so
 * ("interrupted: ..."); one that was killed outright (SIGKILL, a crash, a machine that went down)
 * cannot, and its status stays "running pid=N started=T". Such a line is only true while process N
 * is that run's process, so it is checked: a process N that is gone, or that started at another time
 * than the run (its pid was reused), means the run was cut short.
 *
 * <p>The check compares the process's start with the line's instant: the run writes the line just
 * after its JVM starts, truncated to the second, so the run's own process started no later than one
 * second after it and, allowing for a slow start, no earlier than {@link #START_WINDOW} before it.
 * A folder copied from another machine thus almost never matches a process of this one by chance.
 *
 * @param status the status line, empty when {@code status.txt} is missing
 * @param gap what the status means for the other files, empty for "complete"
 */
public record FolderStatus(Optional<RunStatus> status, Optional<String> gap) {

    /** How long before the status line's instant the run's own process may have started. */
    static final Duration START_WINDOW = Duration.ofMinutes(1);

    /** Validates the parts. */
    public FolderStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gap, "gap");
    }

    /**
     * @param file a {@code status.txt}, possibly missing
     * @return its status and, unless complete, what that means
     * @throws ResultsFileException if it exists but cannot be read
     */
    public static FolderStatus read(Path file) throws ResultsFileException {
        if (!Files.exists(file)) {
            return new FolderStatus(Optional.empty(), Optional.of("missing: whether the run finished is unknown"));
        }
        String content;
        try {
            content = Files.readString(file).strip();
        } catch (IOException e) {
            throw new ResultsFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        int newline = content.indexOf('\n');
        RunStatus status = RunStatus.parse(newline < 0 ? content : content.substring(0, newline));
        return new FolderStatus(Optional.of(status), meaning(status));
    }

    private static Optional<String> meaning(RunStatus status) {
        String quoted = "\"" + status.text() + "\"";
        return switch (status.state()) {
            case COMPLETE -> Optional.empty();
            case RUNNING -> Optional.of(running(status, quoted));
            case INTERRUPTED -> Optional.of("the run was stopped: " + quoted + "; what completed is written, and a "
                    + "matrix row cut short is marked partial");
            case FAILED -> Optional.of("says " + quoted + ", not \"complete\": the run failed and its files may be partial");
            case UNKNOWN -> Optional.of("says " + quoted + ", not \"complete\": the run was cut short and its files may "
                    + "be partial");
        };
    }

    private static String running(RunStatus status, String quoted) {
        OptionalLong pid = status.pid();
        Optional<Instant> started = status.started();
        if (pid.isEmpty() || started.isEmpty()) {
            return "says " + quoted + ", naming no process to check: the run was cut short or is still running, and "
                    + "its files may be partial";
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        Optional<Instant> processStart = process.flatMap(p -> p.info().startInstant());
        boolean same = process.isPresent() && processStart.map(s -> !s.isAfter(started.get().plusSeconds(1))
                && !s.isBefore(started.get().minus(START_WINDOW))).orElse(true);
        if (same) {
            return "says " + quoted + " and its process " + pid.getAsLong() + " is still running: the run is in progress "
                    + "and its files are partial";
        }
        return "cut short (its process " + pid.getAsLong() + " is gone): the file still says " + quoted
                + ", so the run was killed or crashed; what it finished is read";
    }

    /** @return the status line, or "unknown (no status.txt)" */
    public String describe() {
        return status.map(RunStatus::text).orElse("unknown (no status.txt)");
    }

    /** @return whether the run finished ("complete") */
    public boolean isComplete() {
        return status.map(RunStatus::isComplete).orElse(false);
    }
}
