package io.closebench.floor;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.report.NativeFloorView;
import io.closebench.schema.FloorApi;
import io.closebench.schema.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The native floor: the harness's detection protocol run by a small C program, so that the report
 * can show beside each Java figure what the kernel and libc alone cost on the same machine.
 *
 * <p>The program is compiled once per JVM, on first use, into a temporary directory that is deleted
 * when the JVM exits. Every case is one bounded run of it; a case that cannot run (no compiler, a
 * placement this machine cannot give) or that fails comes back as a figure with its reason.
 */
public final class NativeFloor {

    private static FloorProgram program;

    private NativeFloor() {
    }

    /** The compiler {@link FloorProgram#build} would use, from this process's PATH. */
    public static Optional<Path> findCompiler() {
        return FloorProgram.findCompiler(System.getenv("PATH"));
    }

    /** The program, compiled on the first call; later calls return the same one. */
    public static synchronized FloorProgram program() {
        if (program == null) {
            program = compileIntoTemporaryDirectory();
        }
        return program;
    }

    /** Runs every case in turn, {@code warmupRepetitions} unmeasured then {@code repetitions} measured each. */
    public static List<NativeFloorFigure> measure(List<FloorCase> cases, int warmupRepetitions, int repetitions) {
        return cases.stream().map(c -> program().run(c, warmupRepetitions, repetitions)).toList();
    }

    /** {@link #measure}, each run under {@code taskset -c cpuList} (see {@link FloorProgram#runOnCpus}). */
    public static List<NativeFloorFigure> measureOnCpus(String cpuList, List<FloorCase> cases, int warmupRepetitions,
                                                        int repetitions) {
        return cases.stream().map(c -> program().runOnCpus(cpuList, c, warmupRepetitions, repetitions)).toList();
    }

    private static FloorProgram compileIntoTemporaryDirectory() {
        Path directory;
        try {
            directory = Files.createTempDirectory("closebench-floor-");
        } catch (IOException e) {
            return FloorProgram.unavailable("failed: no temporary directory to compile in: " + e.getMessage());
        }
        // deleted in the reverse order of registration: the files first, then the directory
        directory.toFile().deleteOnExit();
        directory.resolve(FloorProgram.SOURCE_FILE).toFile().deleteOnExit();
        directory.resolve(FloorProgram.EXECUTABLE_FILE).toFile().deleteOnExit();
        return FloorProgram.build(System.getenv("PATH"), directory);
    }

    /**
     * Tries the floor by hand and prints a table of the cases; with {@code --out=DIR} also writes
     * native-floor.csv there. Options (defaults in brackets): {@code --reps=N [2000]
     * --warmup=N [200] --scenarios=S2-inproc,X1-linger0 --apis=BLOCKING,NIO,POLL
     * --placements=OS,SAME_CPU,CROSS_CPU --idle-us=0[,10000...] --cpus=LIST --out=DIR}.
     */
    public static void main(String[] args) throws IOException {
        int reps = 2000;
        int warmup = 200;
        List<FloorScenario> scenarios = List.of(FloorScenario.values());
        List<FloorApi> apis = List.of(FloorApi.values());
        List<Placement> placements = List.of(Placement.values());
        List<Long> idle = List.of(0L);
        String cpus = null;
        Path out = null;
        for (String arg : args) {
            String[] option = arg.split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("expected --option=value, got " + arg);
            }
            switch (option[0]) {
                case "--reps" -> reps = Integer.parseInt(option[1]);
                case "--warmup" -> warmup = Integer.parseInt(option[1]);
                case "--scenarios" -> scenarios = list(option[1], FloorScenario::byId);
                case "--apis" -> apis = list(option[1], FloorApi::valueOf);
                case "--placements" -> placements = list(option[1], Placement::valueOf);
                case "--idle-us" -> idle = list(option[1], Long::valueOf);
                case "--cpus" -> cpus = option[1];
                case "--out" -> out = Path.of(option[1]);
                default -> throw new IllegalArgumentException("unknown option " + option[0]);
            }
        }
        List<FloorCase> cases = FloorCase.grid(scenarios, apis, placements, idle);
        List<NativeFloorFigure> figures = new ArrayList<>();
        for (FloorCase c : cases) {
            NativeFloorFigure f = cpus == null ? program().run(c, warmup, reps) : program().runOnCpus(cpus, c, warmup, reps);
            figures.add(f);
        }
        System.out.print(table(figures).plainText());
        if (!figures.isEmpty() && !figures.get(0).kernel().isEmpty()) {
            System.out.println("kernel: " + figures.get(0).kernel());
        }
        if (out != null) {
            System.out.println("wrote " + NativeFloorCsv.write(figures, out));
        }
    }

    private static <T> List<T> list(String text, Function<String, T> parse) {
        return Arrays.stream(text.split(",")).map(String::strip).map(parse).toList();
    }

    /**
     * The cases as a table, from the rows {@code native-floor.csv} holds ({@link NativeFloorCsv#record}),
     * drawn by the report's {@link NativeFloorView}: per case its outcomes and t1 - t0 percentiles, or in
     * the last column why it was not measured.
     */
    public static AlignedTable table(List<NativeFloorFigure> figures) {
        return NativeFloorView.table(figures.stream().map(NativeFloorCsv::record).toList());
    }
}
