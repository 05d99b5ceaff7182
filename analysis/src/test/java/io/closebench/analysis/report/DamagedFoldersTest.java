package io.closebench.analysis.report;

import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.schema.csv.ResultsFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report on mass-death and soak folders damaged as a stopped run or a lost file leaves them: every
 * CSV cut at several places, each kind of file deleted. Each either gives a report or is refused by
 * name ({@link ResultsFileException}); nothing else may come out.
 */
@Timeout(180)
class DamagedFoldersTest {

    private static final BootstrapSettings FAST = BootstrapSettings.defaults().withResamples(100);

    @TempDir
    Path temp;

    @Test
    void aMassDeathOrSoakFolderCutAnywhereOrMissingAFileGivesAReportOrARefusalByName() throws IOException {
        List<String> outcomes = new ArrayList<>();
        int n = 0;
        for (String folder : List.of(TestFolders.MASS_DEATH_JDK17_HOST, TestFolders.SOAK)) {
            Path source = TestFolders.source(folder);
            List<Path> files;
            try (var list = Files.list(source)) {
                files = list.sorted().toList();
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.equals("metadata.csv")) {
                    continue;
                }
                long size = Files.size(f);
                if (name.endsWith(".csv")) {
                    for (double at : new double[] {0.0, 0.03, 0.5, 0.97}) {
                        Path copy = TestFolders.copy(folder, temp.resolve("c" + n++));
                        TestFolders.cut(copy.resolve(name), (long) (size * at));
                        outcomes.add(report(copy, name + " cut at " + at));
                    }
                }
                if (name.endsWith(".csv") || name.equals("status.txt") || name.contains("-BLOCKING-OS-n10-")) {
                    Path copy = TestFolders.copy(folder, temp.resolve("d" + n++));
                    Files.delete(copy.resolve(name));
                    outcomes.add(report(copy, name + " deleted"));
                }
            }
        }
        assertThat(outcomes).isNotEmpty().allSatisfy(o -> assertThat(o).doesNotContain("threw"));
        assertThat(outcomes).anySatisfy(o -> assertThat(o).contains("partial report"));
    }

    /** "partial report", "whole report", or "refused: <message>"; "threw ..." for anything else. */
    private static String report(Path folder, String damage) {
        try {
            WrittenReport written = RunReport.write(RunFolder.read(folder), FAST);
            assertThat(written.markdown()).exists();
            return damage + ": " + (written.isPartial() ? "partial report" : "whole report");
        } catch (ResultsFileException e) {
            assertThat(e.getMessage()).startsWith(folder.toString());
            return damage + ": refused: " + e.getMessage();
        } catch (Exception | AssertionError e) {
            return damage + ": threw " + e;
        }
    }
}
