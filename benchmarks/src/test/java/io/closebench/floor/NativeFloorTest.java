package io.closebench.floor;

import io.closebench.schema.FloorApi;
import io.closebench.schema.Placement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.closebench.schema.Outcome;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The native floor reports the scenarios' outcomes and its invariants; no timing thresholds. */
class NativeFloorTest {

    private static final int WARMUP = 20;
    private static final int REPETITIONS = 200;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sameCpuRepetitionsAllReportTheScenariosOutcomeWithTheObserverAsleep(@TempDir Path folder) throws IOException {
        compiledOrSkipped();
        List<FloorCase> cases = FloorCase.grid(List.of(FloorScenario.values()), List.of(FloorApi.values()),
                List.of(Placement.SAME_CPU), List.of(0L));

        List<NativeFloorFigure> figures = NativeFloor.measure(cases, WARMUP, REPETITIONS);

        assertThat(figures).hasSize(cases.size());
        for (NativeFloorFigure f : figures) {
            Outcome expected = f.floorCase().scenario().expectedOutcome();
            assertThat(f.skippedReason()).as("%s", f.floorCase()).isEmpty();
            assertThat(f.outcomeCountsText()).as("%s: %s", f.floorCase(), f.outcomeDetails())
                    .isEqualTo(expected + "=" + REPETITIONS);
            // 50 ms of spinning is many scheduler slices: on one CPU the woken observer gets to drain
            // and fall asleep meanwhile. A shortfall means the asleep check or the hand-over is broken.
            assertThat(f.asleepAtFault()).as("%s", f.floorCase()).isEqualTo(REPETITIONS);
            FloorLatency l = f.latency();
            assertThat(l.count()).as("%s", f.floorCase()).isEqualTo(REPETITIONS);
            assertThat(l.minNanos()).as("%s", f.floorCase()).isPositive();
            assertThat(List.of(l.minNanos(), l.p50Nanos(), l.p90Nanos(), l.p99Nanos(), l.maxNanos()))
                    .as("%s", f.floorCase()).isSorted();
            assertThat(f.observerCpu()).as("%s", f.floorCase()).isEqualTo(f.peerCpu()).isNotEqualTo("any");
            assertThat(f.kernel()).startsWith("Linux ");
        }

        List<CSVRecord> rows = readCsv(NativeFloorCsv.write(figures, folder));
        assertThat(rows).hasSize(figures.size());
        CSVRecord first = rows.get(0);
        assertThat(first.get("scenario_id")).isEqualTo(cases.get(0).scenario().id());
        assertThat(first.get("placement")).isEqualTo("SAME_CPU");
        assertThat(first.get("repetitions")).isEqualTo(Integer.toString(REPETITIONS));
        assertThat(first.get("asleep_at_fault")).isEqualTo(Integer.toString(REPETITIONS));
        assertThat(first.get("skipped_reason")).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void crossCpuWithOneCpuInTheMaskIsSkippedWithTheReasonWhileSameCpuRuns() {
        compiledOrSkipped();
        assumeTrue(onPath("taskset"), "taskset is not on PATH: cannot give the program a one-CPU mask");
        FloorCase cross = new FloorCase(FloorScenario.S2_INPROC, FloorApi.NIO, Placement.CROSS_CPU, 0);
        FloorCase same = new FloorCase(FloorScenario.S2_INPROC, FloorApi.NIO, Placement.SAME_CPU, 0);

        List<NativeFloorFigure> figures = NativeFloor.measureOnCpus("0", List.of(cross, same), 0, 20);

        assertThat(figures.get(0).measured()).isFalse();
        assertThat(figures.get(0).skippedReason())
                .isEqualTo("skipped: CROSS_CPU needs two CPUs in this process's affinity mask, it holds 1 (0)");
        assertThat(figures.get(0).outcomeCounts()).isEmpty();
        assertThat(figures.get(1).skippedReason()).isEmpty();
        assertThat(figures.get(1).count(Outcome.EOF)).isEqualTo(20);
        assertThat(figures.get(1).observerCpu()).isEqualTo("0");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void compilesWithoutWarnings() {
        FloorProgram program = compiledOrSkipped();
        assertThat(program.compilerDiagnostics()).as("flags %s", FloorProgram.COMPILER_FLAGS).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void withoutACompilerEveryCaseIsSkippedWithTheReason(@TempDir Path folder) throws IOException {
        Path emptyPath = Files.createDirectory(folder.resolve("bin"));
        FloorProgram program = FloorProgram.build(emptyPath.toString(), folder);
        FloorCase c = new FloorCase(FloorScenario.X1_LINGER0, FloorApi.BLOCKING, Placement.OS, 0);

        NativeFloorFigure f = program.run(c, 0, 10);

        assertThat(program.available()).isFalse();
        assertThat(f.skippedReason()).isEqualTo("skipped: no C compiler (cc, gcc, clang) on PATH");
        assertThat(f.latency()).isEqualTo(FloorLatency.NONE);
        List<CSVRecord> rows = readCsv(NativeFloorCsv.write(List.of(f), folder));
        assertThat(rows.get(0).get("skipped_reason")).isEqualTo(FloorProgram.NO_COMPILER);
        assertThat(rows.get(0).get("p50_ns")).isEqualTo("-1");
    }

    /** The program where a compiler exists; a failing compile fails the test, only a missing compiler skips. */
    private static FloorProgram compiledOrSkipped() {
        assumeTrue(NativeFloor.findCompiler().isPresent(), FloorProgram.NO_COMPILER);
        FloorProgram program = NativeFloor.program();
        assertThat(program.available()).as(program.unavailableReason()).isTrue();
        return program;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(parser.getHeaderNames()).isEqualTo(io.closebench.schema.Column.headers(io.closebench.schema.NativeFloorColumn.class));
            return parser.getRecords();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theConsoleTableHasOneRowPerCaseWithItsDurationsOrWhyNot() {
        FloorCase measured = new FloorCase(FloorScenario.S2_INPROC, FloorApi.BLOCKING, Placement.SAME_CPU, 0);
        FloorCase skipped = new FloorCase(FloorScenario.X1_LINGER0, FloorApi.POLL, Placement.CROSS_CPU, 10_000);
        NativeFloorFigure figure = new NativeFloorFigure(measured, 200, 2000, java.util.Map.of(Outcome.EOF, 2000),
                List.of(), 2000, new FloorLatency(2000, 2_200, 2_540, 3_000, 4_150, 61_700), "1", "1", "Linux 6.18", "");
        NativeFloorFigure notRun = NativeFloorFigure.notMeasured(skipped, 200, 300, "", "skipped: no C compiler on PATH");

        assertThat(NativeFloor.table(List.of(figure, notRun)).plainText()).isEqualTo(""
                + "case        API       placement  idle us  reps  asleep  outcomes  t1-t0 min      p50      p90      p99  "
                + "    max  CPUs o/p  notes\n"
                + "----------  --------  ---------  -------  ----  ------  --------  ---------  -------  -------  -------  "
                + "-------  --------  -----\n"
                + "S2-inproc   BLOCKING  SAME_CPU         0  2000    2000  EOF=2000    2.20 us  2.54 us  3.00 us  4.15 us  "
                + "61.7 us  1 / 1\n"
                + "X1-linger0  POLL      CROSS_CPU    10000     -       -  -                 -        -        -        -  "
                + "      -  -         skipped: no C compiler on PATH\n");
    }
}
