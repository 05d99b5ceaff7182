package io.closebench.schema.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a results folder that cannot be used as {@code results/README.md} describes it: absent
 * where it must exist ({@code metadata.csv}), unparseable, missing a column, truncated, or
 * contradicting another file of the same run. The message always starts with the file's path, so
 * that a person knows which file to look at; {@link #file()} gives it to code.
 *
 * <p>A file that is merely absent from a run that was cut short is not an error but a
 * gap of the folder (the analysis module's {@code FolderGap}): the report is then partial and says what is missing.
 */
public final class ResultsFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the offending file (or the folder, when the folder itself is wrong)
     * @param problem what is wrong with it, in words a person can act on
     */
    public ResultsFileException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + problem);
        this.file = file;
    }

    /**
     * @param file the offending file
     * @param problem what is wrong with it
     * @param cause the parser's own exception
     */
    public ResultsFileException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
    }

    /** @return the file the message names */
    public Path file() {
        return file;
    }
}
