package io.closebench.cli;

import io.closebench.analysis.report.RunReport;
import io.closebench.analysis.report.WrittenReport;
import io.closebench.analysis.results.FolderGap;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code closebench report FOLDER}: report.md and its charts, written into the results folder, one
 * coherent report for whatever the folder holds (a main job's matrix, S1, benchmarks and mass death
 * together, or one job's files). A
 * folder that is not a results folder, is of another results schema, or holds a corrupt file, is
 * refused with the file's name and exit status 2; a run cut short (stopped, killed, or a file whose
 * last line was cut mid-write) gets a partial report, and the command says what is missing.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes report.md and charts/ (PNG and SVG) into a results folder: the conformance matrix, "
                + "then every benchmark figure with its placement, idle time and JDK and intervals that resample forks "
                + "and iterations, the models side by side as fork-aware verdicts, what decides the figure (placement "
                + "and idle time against the API), the harness's share, the native floor, iteration-to-iteration "
                + "splits, S1 against each mechanism's rule, mass death (per fault, placement, load and JDK: how soon "
                + "each model knew of all N dead peers and the CPU it took, over trials; how that grows with N), the soak "
                + "(each resource against its bound, whether anything grew, outcomes by case and model), and how every "
                + "figure was computed.",
                "A folder without metadata.csv, of another results schema, or with a corrupt file, or one that cannot be "
                + "written, is refused with the file's name (exit status 2); a run cut short gets a partial report that "
                + "says what is missing. The main job (closebench without a command) writes the same report at its end."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS-FOLDER", description = "A run's folder, e.g. results/20261125-100230-vm-39255e.")
    Path folder;

    @Mixin
    BootstrapOptions bootstrap = new BootstrapOptions();

    @Override
    public Integer call() throws Exception {
        var settings = bootstrap.settings(spec.commandLine());
        RunFolder run = read(spec, folder);
        PathOptions.writableFolder(spec, "", folder);
        WrittenReport written;
        try {
            written = write(run, settings);
        } catch (IOException e) {
            throw PathOptions.refusal(spec, "", folder, e);
        }
        print(written, "report", true);
        return 0;
    }

    /**
     * The report of a folder already read: what {@code closebench report} writes, and what the main job
     * writes at its end.
     */
    static WrittenReport write(RunFolder run, BootstrapSettings settings) throws IOException {
        System.setProperty("java.awt.headless", "true");
        return RunReport.write(run, settings);
    }

    /** Reads a results folder, turning a bad one into a ParameterException (exit status 2) naming the file. */
    static RunFolder read(CommandSpec spec, Path folder) {
        try {
            return RunFolder.read(folder);
        } catch (ResultsFileException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, folder.toString());
        }
    }

    /** What is missing, the headline sentences if asked for, and the file written. */
    static void print(WrittenReport written, String what, boolean headlines) {
        for (FolderGap gap : written.gaps()) {
            System.err.println("partial: " + gap);
        }
        if (headlines) {
            written.headlines().forEach(System.out::println);
        }
        System.out.println((written.isPartial() ? "partial " : "") + what + ": " + written.markdown() + " ("
                + written.charts().size() + " chart files)");
    }
}
