package io.closebench.cli;

import io.closebench.analysis.report.RunComparison;
import io.closebench.analysis.report.WrittenReport;
import io.closebench.analysis.results.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code closebench compare A B [--out DIR]}: which figures moved beyond noise between two runs,
 * decided together (fork-aware changes, Benjamini-Hochberg over all of them).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs (two machines, two JDKs, before and after): what differs in their set-up "
                + "(the JDKs first), and every figure they share (benchmark latency, matrix verdicts and latency, S1 "
                + "detection times), run B against run A: beyond noise only where forks, iterations and "
                + "Benjamini-Hochberg over all figures agree; a figure of one fork is not judged. Figures only one run "
                + "has (VIRTUAL on JDK 21+ only) are listed with the other run's reason. Mass death and soak are left "
                + "to each run's report. Writes compare.md and charts/ (PNG and SVG).",
                "A folder without metadata.csv, of another results schema, or with a corrupt file, is refused with the "
                + "file's name (exit status 2)."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER-A", description = "The baseline run's folder.")
    Path a;

    @Parameters(index = "1", paramLabel = "FOLDER-B", description = "The candidate run's folder.")
    Path b;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where compare.md goes (default: next to FOLDER-A, in compare-<A>-vs-<B>).")
    Path out;

    @Option(names = "--fail-on-change",
            description = "Exit status 1 when the comparison found a change: a figure that moved beyond noise, or a "
                    + "matrix row whose verdict or dominant outcome changed (0 when it found none; 2 for bad input, as "
                    + "always), so that CI can gate on it.")
    boolean failOnChange;

    @Mixin
    BootstrapOptions bootstrap = new BootstrapOptions();

    /** The exit status of {@code --fail-on-change} when something changed. */
    static final int CHANGED = 1;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        var settings = bootstrap.settings(spec.commandLine());
        RunFolder runA = ReportCommand.read(spec, a);
        RunFolder runB = ReportCommand.read(spec, b);
        Path into = out != null ? out : RunComparison.defaultFolder(a, b);
        String option = out != null ? "--out" : "";
        PathOptions.writableFolder(spec, option, into);
        WrittenReport written;
        try {
            written = RunComparison.write(runA, runB, settings, into);
        } catch (IOException e) {
            throw PathOptions.refusal(spec, option, into, e);
        }
        ReportCommand.print(written, "comparison", true);
        if (failOnChange && !written.changes().isEmpty()) {
            System.out.println("--fail-on-change: " + written.changes().size() + " change"
                    + (written.changes().size() == 1 ? "" : "s") + " found: exit status " + CHANGED);
            return CHANGED;
        }
        return 0;
    }
}
