package io.closebench.analysis.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run's {@code status.txt}: "running ..." from the start, "complete" only at the very end,
 * "failed: why" when the job threw. Anything but "complete" means the other files may be partial.
 *
 * @param text the file's first line, trimmed; empty when the file is missing
 */
public record FolderStatus(Optional<String> text) {

    /** The status file's name. */
    public static final String FILE = "status.txt";

    /**
     * @param file a {@code status.txt}, possibly missing
     * @return its status; a missing file gives an empty status
     * @throws ResultsFileException if it exists but cannot be read
     */
    public static FolderStatus read(Path file) throws ResultsFileException {
        if (!Files.exists(file)) {
            return new FolderStatus(Optional.empty());
        }
        try {
            String content = Files.readString(file).strip();
            int newline = content.indexOf('\n');
            return new FolderStatus(Optional.of(newline < 0 ? content : content.substring(0, newline).strip()));
        } catch (IOException e) {
            throw new ResultsFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return whether the run finished ("complete") */
    public boolean isComplete() {
        return text.map("complete"::equals).orElse(false);
    }
}
