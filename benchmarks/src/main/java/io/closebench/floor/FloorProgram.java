package io.closebench.floor;

import io.closebench.netns.BoundedCommand;
import io.closebench.netns.CommandFailedException;
import io.closebench.netns.CommandResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native floor program, compiled from {@code floor.c} (a class path resource, so it ships in
 * the jar) with whatever C compiler the machine has, and the bounded runs of it.
 *
 * <p>Why compile at run time: the floor must be what <em>this</em> kernel and libc cost, so it is
 * built where it runs; a binary shipped in the jar would pin one architecture and one libc.
 *
 * <p>Nothing here throws for what the machine lacks or what a run meets: no compiler gives a
 * figure "skipped: ...", a compiler error, a crash or an overrun gives one "failed: ...".
 */
public final class FloorProgram {

    /** The reason given on a machine without a compiler. */
    public static final String NO_COMPILER = "skipped: no C compiler (cc, gcc, clang) on PATH";
    /** Tried in this order, each on every PATH entry, as the shell would find them. */
    public static final List<String> COMPILERS = List.of("cc", "gcc", "clang");
    /** The flags the source is kept clean under: warnings would be printed, not hidden. */
    public static final List<String> COMPILER_FLAGS = List.of("-O2", "-Wall", "-Wextra", "-pthread");

    static final String SOURCE_FILE = "floor.c";
    static final String EXECUTABLE_FILE = "floor";
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);
    /** What every run gets; an idle time adds (warmup + repetitions) x idle on top. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;
    private final String compilerDiagnostics;
    private final String unavailableReason;

    private FloorProgram(Path executable, String compilerDiagnostics, String unavailableReason) {
        this.executable = executable;
        this.compilerDiagnostics = compilerDiagnostics;
        this.unavailableReason = unavailableReason;
    }

    static FloorProgram unavailable(String reason) {
        return new FloorProgram(null, "", reason);
    }

    /** The first of {@link #COMPILERS} found on {@code pathVariable} (a PATH value). */
    public static Optional<Path> findCompiler(String pathVariable) {
        String[] directories = pathVariable == null ? new String[0] : pathVariable.split(File.pathSeparator);
        for (String name : COMPILERS) {
            for (String directory : directories) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Extracts the source into {@code directory} and compiles it there with the compiler found on
     * {@code pathVariable}. The directory is the caller's, and so is its deletion.
     */
    public static FloorProgram build(String pathVariable, Path directory) {
        Optional<Path> compiler = findCompiler(pathVariable);
        if (compiler.isEmpty()) {
            return unavailable(NO_COMPILER);
        }
        Path source = directory.resolve(SOURCE_FILE);
        Path executable = directory.resolve(EXECUTABLE_FILE);
        try (InputStream in = FloorProgram.class.getResourceAsStream(SOURCE_FILE)) {
            if (in == null) {
                return unavailable("failed: " + SOURCE_FILE + " is missing from the class path");
            }
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return unavailable("failed: could not extract " + SOURCE_FILE + " into " + directory + ": " + e.getMessage());
        }
        List<String> command = new ArrayList<>();
        command.add(compiler.get().toString());
        command.addAll(COMPILER_FLAGS);
        command.addAll(List.of("-o", executable.toString(), source.toString()));
        try {
            CommandResult result = BoundedCommand.run(COMPILE_TIMEOUT, command);
            if (!result.succeeded()) {
                return new FloorProgram(null, result.stderr(), "failed: " + compiler.get() + " could not compile "
                        + SOURCE_FILE + " (exit " + result.exitCode() + "): " + result.stderr().strip());
            }
            return new FloorProgram(executable, result.stderr(), "");
        } catch (CommandFailedException e) {
            return unavailable("failed: " + e.getMessage());
        }
    }

    public boolean available() {
        return executable != null;
    }

    /**
     * The compiled program, for its other mode: {@code floor observe}, the C observer the matrix
     * runs as a model ({@code transport.NativeObserverProcess}). One program serves both.
     *
     * @throws IllegalStateException with {@link #unavailableReason()} when it is not {@link #available()}
     */
    public Path executable() {
        if (executable == null) {
            throw new IllegalStateException(unavailableReason);
        }
        return executable;
    }

    /** Empty when {@link #available()}; else "skipped: ..." or "failed: ...". */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** What the compiler printed although it succeeded (warnings); empty for a clean build. */
    public String compilerDiagnostics() {
        return compilerDiagnostics;
    }

    /** Runs one case. */
    public NativeFloorFigure run(FloorCase c, int warmupRepetitions, int repetitions) {
        return run(List.of(), c, warmupRepetitions, repetitions);
    }

    /**
     * Runs one case under {@code taskset -c cpuList}: the program's affinity mask is then that list,
     * which is how a machine with fewer CPUs (and the CROSS_CPU skip) can be tried on this one.
     */
    public NativeFloorFigure runOnCpus(String cpuList, FloorCase c, int warmupRepetitions, int repetitions) {
        return run(List.of("taskset", "-c", cpuList), c, warmupRepetitions, repetitions);
    }

    private NativeFloorFigure run(List<String> launcher, FloorCase c, int warmupRepetitions, int repetitions) {
        if (warmupRepetitions < 0 || repetitions < 1) {
            throw new IllegalArgumentException("needs warmup >= 0 and repetitions >= 1, got " + warmupRepetitions
                    + " and " + repetitions);
        }
        if (!available()) {
            return NativeFloorFigure.notMeasured(c, warmupRepetitions, repetitions, "", unavailableReason);
        }
        List<String> command = new ArrayList<>(launcher);
        command.add(executable.toString());
        command.addAll(c.arguments(warmupRepetitions, repetitions));
        Duration limit = RUN_TIMEOUT.plus(Duration.ofNanos(1000 * c.idleMicros() * (warmupRepetitions + (long) repetitions)));
        CommandResult result;
        try {
            result = BoundedCommand.run(limit, command);
        } catch (CommandFailedException e) {
            return NativeFloorFigure.notMeasured(c, warmupRepetitions, repetitions, "", "failed: " + e.getMessage());
        }
        if (!result.succeeded()) {
            return NativeFloorFigure.notMeasured(c, warmupRepetitions, repetitions, "", "failed: "
                    + String.join(" ", command) + " exited with status " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        try {
            return ProgramOutput.parse(c, warmupRepetitions, repetitions, result.stdout());
        } catch (IllegalArgumentException e) {
            return NativeFloorFigure.notMeasured(c, warmupRepetitions, repetitions, "", "failed: " + e.getMessage());
        }
    }
}
