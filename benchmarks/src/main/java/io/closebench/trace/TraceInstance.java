package io.closebench.trace;

import io.closebench.netns.LeftoverSweep;
import io.closebench.netns.NamespaceNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One tracefs instance ({@code instances/<name>}: a ring buffer, clock, options and event switches
 * of its own, independent of the global trace and of other instances), named so that it is this
 * project's and says which JVM owns it: {@code cb-<pid>-trace-<n>}, the scheme of
 * {@link NamespaceNames}. {@code mkdir} creates it, {@code rmdir} removes it and frees its buffer
 * (the kernel refuses while one of its files is open: EBUSY).
 */
final class TraceInstance {

    private static final String TAG = "trace-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(NamespaceNames.PROJECT_PREFIX) + "[1-9][0-9]{0,9}-"
            + TAG + "[0-9]{1,9}");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Path directory;

    private TraceInstance(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates a new instance under {@code root/instances}. A directory already carrying the chosen
     * name can only be left by an earlier, dead process that had this JVM's pid (the counter never
     * repeats in one JVM), so it is removed first.
     *
     * @throws KernelTraceException with the kernel's refusal
     */
    static TraceInstance create(Path root) {
        Path directory = root.resolve("instances").resolve(NamespaceNames.ownedByThisJvm(TAG + NEXT.getAndIncrement()));
        try {
            try {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException e) {
                Files.delete(directory);
                Files.createDirectory(directory);
            }
        } catch (IOException e) {
            throw new KernelTraceException("cannot create the trace instance " + directory + ": " + e, e);
        }
        return new TraceInstance(directory);
    }

    Path directory() {
        return directory;
    }

    String name() {
        return directory.getFileName().toString();
    }

    /** A file of the instance. */
    Path file(String relative) {
        return directory.resolve(relative);
    }

    /**
     * Removes it (and its buffer); an instance already gone counts as removed.
     *
     * @throws KernelTraceException when the kernel refuses
     */
    void remove() {
        removeDirectory(directory);
    }

    /** True while the kernel still has it. */
    boolean exists() {
        return Files.isDirectory(directory);
    }

    /**
     * Removes the instances of this project whose owner pid is no longer alive
     * ({@link LeftoverSweep#isAlive(long)}), and nothing else: names of other programs, names
     * without a pid, and instances of running JVMs (this one included) stay.
     *
     * @return the names removed
     * @throws KernelTraceException when a leftover could not be removed (the others were tried)
     */
    static List<String> sweepLeftovers(Path root) {
        List<String> removed = new ArrayList<>();
        KernelTraceException failure = null;
        try (DirectoryStream<Path> instances = Files.newDirectoryStream(root.resolve("instances"))) {
            for (Path instance : instances) {
                String name = instance.getFileName().toString();
                OptionalLong owner = NamespaceNames.ownerPid(name);
                if (OURS.matcher(name).matches() && owner.isPresent() && !LeftoverSweep.isAlive(owner.getAsLong())) {
                    try {
                        removeDirectory(instance);
                        removed.add(name);
                    } catch (KernelTraceException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new KernelTraceException("cannot list " + root.resolve("instances") + ": " + e, e);
        }
        if (failure != null) {
            throw failure;
        }
        return removed;
    }

    private static void removeDirectory(Path directory) {
        try {
            Files.delete(directory);
        } catch (NoSuchFileException e) {
            // already gone: removed
        } catch (IOException e) {
            throw new KernelTraceException("cannot remove the trace instance " + directory + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
