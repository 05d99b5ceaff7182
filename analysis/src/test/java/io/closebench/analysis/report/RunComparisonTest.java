package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.CableRecord;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.EmpiricalQuantile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {

    @TempDir
    Path temp;

    @Test
    void aRunComparedWithItselfHasNothingBeyondNoise() throws IOException {
        RunFolder a = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp.resolve("a")));
        RunFolder b = RunFolder.read(TestFolders.copy(TestFolders.BENCH, temp.resolve("b")));

        WrittenReport written = RunComparison.write(a, b, BootstrapSettings.defaults(), temp.resolve("out"));

        assertThat(written.headlines()).isEmpty();
        String md = Files.readString(written.markdown());
        // 8 benchmark combinations and 8 matrix scenario/observer pairs
        assertThat(md).contains("None of the 16 figures the two runs share moved beyond noise.");
        assertThat(md).contains("Both runs' metadata agree (besides the date).");
        assertThat(md).contains("Every scenario and observer both runs ran has the same verdict and dominant outcome.");
        assertThat(md.lines().filter(l -> l.contains("no change beyond noise (median 0.0%"))).hasSize(16);
    }

    @Test
    void twoCableRunsShowWhatMovedLargestFirst() throws IOException {
        RunFolder a = RunFolder.read(TestFolders.source(TestFolders.CABLE_A));
        RunFolder b = RunFolder.read(TestFolders.source(TestFolders.CABLE_B));

        WrittenReport written = RunComparison.write(a, b, BootstrapSettings.defaults(), temp);
        String md = Files.readString(written.markdown());

        assertThat(written.markdown()).isEqualTo(temp.resolve("compare.md"));
        assertThat(md).contains("| git.commit | 9eccffe3dc4e0426c4da0880fb33281f09f0ce91-dirty | "
                + "47177fbb8ed80418974bf234ab5f0cc56acc88aa |");
        assertThat(md).doesNotContain("| date |");
        assertThat(written.headlines()).isNotEmpty().allSatisfy(h -> assertThat(h).endsWith("beyond noise"));
        double previous = Double.MAX_VALUE;
        Pattern change = Pattern.compile("median (rose|fell) ([0-9.]+)%");
        for (String h : written.headlines()) {
            Matcher m = change.matcher(h);
            assertThat(m.find()).as(h).isTrue();
            double size = Double.parseDouble(m.group(2));
            // printed with 1 to 3 decimals as the interval needs: allow the coarsest rounding
            assertThat(size).as("largest change first: " + h).isLessThanOrEqualTo(previous + 0.05);
            previous = size;
        }

        long medianA = medianDetection(a, "b", "tcp_retries2=5");
        long medianB = medianDetection(b, "b", "tcp_retries2=5");
        assertThat(md).contains("| b / tcp_retries2=5 / BLOCKING | 10/10 | " + Figures.duration(medianA) + " | "
                + Figures.duration(medianB) + " | ");
        assertThat(md).contains("a / defaults / NIO: nothing detected by the bound in either run (A: TIMEOUT 10; B: TIMEOUT 10)");
        assertThat(written.charts()).contains(temp.resolve("charts/compare-cable.png"), temp.resolve("charts/compare-matrix.svg"));
    }

    @Test
    void withoutAFolderNamedTheComparisonGoesNextToTheFirstRun() {
        Path a = temp.resolve("results/20261125-100230-vm-39255e");
        Path b = temp.resolve("elsewhere/20261126-090000-vm-abcdef");
        assertThat(RunComparison.defaultFolder(a, b))
                .isEqualTo(temp.resolve("results/compare-20261125-100230-vm-39255e-vs-20261126-090000-vm-abcdef"));
    }

    private static long medianDetection(RunFolder run, String fault, String mechanism) {
        long[] values = run.cable().stream().filter(r -> r.fault().equals(fault) && r.mechanism().equals(mechanism))
                .mapToLong(CableRecord::detectionNanos).toArray();
        return EmpiricalQuantile.of(values, 0.5);
    }
}
