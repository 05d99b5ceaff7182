package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RunComparisonTest {

    @TempDir
    Path temp;

    private WrittenReport compare(String a, String b) throws IOException {
        return RunComparison.write(RunFolder.read(TestFolders.copy(a, temp.resolve("a"))),
                RunFolder.read(TestFolders.copy(b, temp.resolve("b"))), BootstrapSettings.defaults(), temp.resolve("out"));
    }

    @Test
    void aRunComparedWithItselfHasNothingBeyondNoise() throws IOException {
        WrittenReport written = compare(TestFolders.BENCH, TestFolders.BENCH);

        assertThat(written.headlines()).isEmpty();
        String md = written.text();
        assertThat(md).contains("Decided together: Benjamini-Hochberg at q = 0.05 over the 12 judged figures (both runs "
                + "with two forks or more)");
        assertThat(md).contains("None of the 12 figures the two runs share moved beyond noise.");
        assertThat(md).contains("Both runs' metadata agree (besides the date).");
        assertThat(md.lines().filter(l -> l.contains(": no change beyond noise (median 0%"))).hasSize(12);
        assertThat(md).doesNotContain("The JDKs differ");
    }

    @Test
    void aJdk17RunAgainstAJdk25RunComparesTheSameFiguresAndSaysTheJdksDiffer() throws IOException {
        WrittenReport written = compare(TestFolders.BENCH, TestFolders.JDK17);
        String md = written.text();

        assertThat(md).contains("**The JDKs differ**: run A's forks ran on OpenJDK 64-Bit Server VM 25.0.3+9-LTS "
                + "(Eclipse Adoptium), run B's on OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian) (4 of the "
                + "4 benchmark figures both runs have). Every change below may be the JDK's.");
        assertThat(md).contains("| bench.jvm | OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium) | OpenJDK "
                + "64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian) at /usr/lib/jvm/java-17-openjdk-amd64/bin/java |");
        // the HarnessBaselines figures both ran, decided together; the rest is listed as measured in one run only
        assertThat(md).contains("over the 4 judged figures");
        assertThat(md).contains("| HarnessBaselines S2-arrived NIO, SAME_CPU, idle 0 us before the fault, no load | "
                + "2 forks x 2 iterations each / 2 forks x 2 iterations each |");
        assertThat(md).contains("## Benchmarks measured in one run only", "| HarnessBaselines S2-arrived VIRTUAL, "
                + "SAME_CPU, idle 0 us before the fault, no load, JDK 25.0.3+9-LTS / 17.0.15+6-Debian-1deb12u1 | not run | "
                + "skipped: virtual threads need JDK 21 or later");
        assertThat(written.headlines().get(0)).startsWith("The JDKs differ: ");
        assertThat(written.headlines().subList(1, written.headlines().size())).allSatisfy(h -> assertThat(h)
                .contains("significant after Benjamini-Hochberg at q = 0.05 over 4 figures"));
    }

    @Test
    void twoRunsThatDifferOnlyInTheForksJdkSayItFirstAndShowVirtualAsMeasuredOnJdk25Only() throws IOException {
        WrittenReport written = compare(TestFolders.PAIR_JDK17, TestFolders.PAIR_JDK25);
        String md = written.text();

        String jdks = "**The JDKs differ**: run A's forks ran on OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 "
                + "(Debian), run B's on OpenJDK 64-Bit Server VM 25.0.3+9-LTS (Eclipse Adoptium) (4 of the 4 benchmark "
                + "figures both runs have). Every change below may be the JDK's. 2 benchmark figures were measured in one "
                + "run only: VIRTUAL (2 figures) in run B only, run A skipped: virtual threads need JDK 21 or later";
        // first, right under the title, before the runs themselves
        assertThat(md).startsWith("# closebench comparison: " + TestFolders.PAIR_JDK17 + " against " + TestFolders.PAIR_JDK25
                + "\n\n" + jdks);
        assertThat(written.headlines().get(0)).startsWith(jdks.replace("**", ""));
        // the harness ran on one JDK in both: only the forks' JVM (and what it could run) differs in the metadata
        String setup = md.substring(md.indexOf("## What differs in the set-up"), md.indexOf("## Figures that changed"));
        assertThat(setup.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| metadata") && !l.startsWith("| ---"))
                .map(l -> l.substring(2, l.indexOf(" |")))).containsExactlyInAnyOrder("bench.profile",
                        "bench.benchmarks", "bench.skipped", "bench.jvm");
        for (String scenario : new String[] {"S2-arrived", "X1-arrived"}) {
            assertThat(md).contains("| HarnessBaselines " + scenario + " VIRTUAL, SAME_CPU, idle 0 us before the fault, no "
                    + "load, JDK 17.0.15+6-Debian-1deb12u1 / 25.0.3+9-LTS | skipped: virtual threads need JDK 21 or later; "
                    + "the forks run OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian) | measured |");
        }
        assertThat(md).contains("| HarnessBaselines X1-arrived NIO, SAME_CPU, idle 0 us before the fault, no load | "
                + "2 forks x 2 iterations each / 2 forks x 2 iterations each |");
    }

    @Test
    void figuresOfOneForkAreShownAndNotJudged() throws IOException {
        WrittenReport written = compare(TestFolders.PLACEMENT, TestFolders.PLACEMENT);
        String md = written.text();

        assertThat(written.headlines()).isEmpty();
        assertThat(md).contains("No figure could be judged: a change is decided only where both runs have two forks or "
                + "more (then together, by Benjamini-Hochberg at q = 0.05); 8 figures have one fork in a run: "
                + "run-to-run noise unknown (one fork), not judged.");
        assertThat(md.lines().filter(l -> l.contains("run-to-run noise is unknown (one fork in run A and run B): not "
                + "judged"))).hasSize(8);
    }

    @Test
    void twoCableRunsAreComparedPerGroupAsSingleProcessesWithoutAJudgement() throws IOException {
        WrittenReport written = compare(TestFolders.CABLE_A, TestFolders.CABLE_B);
        String md = written.text();

        assertThat(written.markdown()).isEqualTo(temp.resolve("out/compare.md"));
        assertThat(md).doesNotContain("| date |");
        assertThat(md).contains("## S1: detection time, run B against run A");
        assertThat(md).contains("| a / keepalive / NIO | 1 process x 5 connections / 1 process x 5 connections |");
        assertThat(md).contains("a / keepalive / NIO: run-to-run noise is unknown (one fork in run A and run B): not "
                + "judged");
        assertThat(md).contains("a / defaults / NIO: cannot compare: nothing detected by the bound in either run");
        assertThat(written.headlines()).isEmpty();
        assertThat(written.charts()).contains(temp.resolve("out/charts/compare-cable.png"),
                temp.resolve("out/charts/compare-cable.svg"));
    }

    @Test
    void withoutAFolderNamedTheComparisonGoesNextToTheFirstRun() {
        Path a = temp.resolve("results/20261125-100230-vm-39255e");
        Path b = temp.resolve("elsewhere/20261126-090000-vm-abcdef");
        assertThat(RunComparison.defaultFolder(a, b))
                .isEqualTo(temp.resolve("results/compare-20261125-100230-vm-39255e-vs-20261126-090000-vm-abcdef"));
    }
}
