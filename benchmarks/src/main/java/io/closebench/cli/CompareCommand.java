package io.closebench.cli;

import io.closebench.analysis.report.RunComparison;
import io.closebench.analysis.report.WrittenReport;
import io.closebench.analysis.results.RunFolder;
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

    @Mixin
    BootstrapOptions bootstrap = new BootstrapOptions();

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        var settings = bootstrap.settings(spec.commandLine());
        RunFolder runA = ReportCommand.read(spec, a);
        RunFolder runB = ReportCommand.read(spec, b);
        WrittenReport written = RunComparison.write(runA, runB, settings,
                out != null ? out : RunComparison.defaultFolder(a, b));
        ReportCommand.print(written, "comparison");
        return 0;
    }
}
