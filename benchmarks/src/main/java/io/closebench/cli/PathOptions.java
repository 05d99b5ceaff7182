package io.closebench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The folders a command writes into ({@code --results}, {@code --out}, a report's folder), made sure
 * of before anything runs: an I/O error there is bad input, refused in one line naming the option and
 * the path (exit status 2), not a stack trace after the run has started.
 */
final class PathOptions {

    private PathOptions() {
    }

    /**
     * Creates {@code folder} if needed and checks that a file can be made in it.
     *
     * @throws ParameterException naming {@code option}, the path and what the file system said
     */
    static Path writableFolder(CommandSpec spec, String option, Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".closebench-", ".probe");
            Files.delete(probe);
            return folder;
        } catch (IOException | SecurityException e) {
            throw refusal(spec, option, folder, e);
        }
    }

    /** The refusal for an I/O error {@code e} on {@code path}, given as {@code option}. */
    static ParameterException refusal(CommandSpec spec, String option, Path path, Exception e) {
        return new ParameterException(spec.commandLine(), (option.isEmpty() ? "" : option + " ") + path + ": "
                + why(path, e));
    }

    /** What the file system said, in words: "not a folder (it is a file)", "permission denied", ... */
    static String why(Path path, Exception e) {
        if (e instanceof FileAlreadyExistsException already) {
            Path existing = already.getFile() == null ? path : Path.of(already.getFile());
            return Files.isDirectory(existing) ? "cannot be created" : existing.equals(path)
                    ? "is a file, not a folder" : existing + " is a file, not a folder";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be written (permission denied)";
        }
        if (e instanceof NoSuchFileException missing) {
            return "cannot be created (no such file or directory: " + missing.getFile() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return "cannot be written (" + fs.getReason() + ")";
        }
        return "cannot be written (" + e.getMessage() + ")";
    }
}
