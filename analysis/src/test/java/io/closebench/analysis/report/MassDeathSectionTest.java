package io.closebench.analysis.report;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.analysis.stats.GrowthWithN;
import io.closebench.analysis.stats.TrialSpread;
import io.closebench.schema.Observer;
import io.closebench.schema.row.MassDeathTrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class MassDeathSectionTest {

    @TempDir
    Path temp;

    private WrittenReport write(Path folder) throws IOException {
        return RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());
    }

    @Test
    void eachFaultHasAVerdictPerModelThatNamesPlacementLoadAndJdkWithTheRangeOverTrials() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        RunFolder run = RunFolder.read(folder);
        WrittenReport written = RunReport.write(run, BootstrapSettings.defaults());
        String md = written.text();
        List<MassDeathTrialRecord> nio = trials(run, "KILL", Observer.NIO, 100);
        TrialSpread all = TrialSpread.of(nio.stream().mapToDouble(MassDeathTrialRecord::lastNanos).toArray());
        TrialSpread cpu = TrialSpread.of(nio.stream().mapToDouble(MassDeathTrialRecord::serverCpuNanos).toArray());

        String sentence = "With 100 peers killed at once (KILL; placement OS, no load, JDK 25.0.3+9-LTS), NIO on one "
                + "selector knew of all of them in " + ThreeFigureDuration.of(all.median()) + " ("
                + ThreeFigureDuration.range(all.min(), all.max()) + " over 3 trials), using " + ThreeFigureDuration.of(cpu.median())
                + " of server CPU (" + ThreeFigureDuration.range(cpu.min(), cpu.max()) + ").";
        assertThat(md).contains("## Mass death: N peers at once", "### KILL: one child process holding all N connections "
                + "killed with SIGKILL", "### ABORT: an in-process peer closes all N with SO_LINGER 0", "- " + sentence);
        assertThat(written.headlines()).contains(sentence);
        // one verdict per model and fault, every model of the run
        List<String> kill = written.headlines().stream().filter(h -> h.startsWith("With 100 peers killed at once")).toList();
        // the C observers run no mass death
        List<Observer> models = java.util.Arrays.stream(Observer.values()).filter(o -> !o.isC()).toList();
        assertThat(kill).hasSize(models.size());
        for (Observer o : models) {
            String model = MassDeathWords.model(o, trials(run, "KILL", o, 100).get(0).loops());
            assertThat(kill).as(o.name()).filteredOn(h -> h.contains("JDK 25.0.3+9-LTS), " + model + " knew of all"))
                    .hasSize(1);
        }
        assertThat(md).contains("trials, not connections", "1 - 2^(1-n), 75 % for 3 trials",
                "departs from linear** at the smallest N whose local slope from the previous N exceeds 1.2");
        assertThat(md.indexOf("## Mass death")).isLessThan(md.indexOf("### Mass death: time to all and CPU per dead peer"));
    }

    @Test
    void theGrowthTableGivesTheFittedExponentOverTheNItNamesAndTheLocalSlopes() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        RunFolder run = RunFolder.read(folder);
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();
        TreeMap<Integer, double[]> byN = new TreeMap<>();
        for (int n : new int[] {1, 10, 100}) {
            byN.put(n, trials(run, "ABORT", Observer.BLOCKING, n).stream().mapToDouble(MassDeathTrialRecord::lastNanos)
                    .toArray());
        }
        GrowthWithN g = GrowthWithN.of(byN, BootstrapSettings.defaults());
        GrowthWithN.Fit fit = g.fit().orElseThrow();

        String abort = md.substring(md.indexOf("### ABORT"));
        String row = abort.lines().filter(l -> l.startsWith("| BLOCKING | 1, 10, 100 |")).findFirst().orElseThrow();
        assertThat(row).contains("| " + Figures.fixed(fit.exponent(), 2) + " (" + Figures.fixed(fit.interval().low(), 2)
                + " to " + Figures.fixed(fit.interval().high(), 2) + ") |", "| 1-10: " + Figures.fixed(g.steps().get(0).slope(), 2)
                + ", 10-100: " + Figures.fixed(g.steps().get(1).slope(), 2) + " |");
        assertThat(row).containsAnyOf("| no, up to N = 100 (largest local slope ", "| at N = ");
    }

    @Test
    void chartsPerFaultOfTimeToAllAndCpuPerPeerAreWrittenAsPngAndSvg() throws IOException {
        WrittenReport written = write(TestFolders.copy(TestFolders.MASS_DEATH, temp));
        Path charts = written.markdown().resolveSibling("charts");

        for (String fault : List.of("KILL", "ABORT")) {
            assertThat(written.charts()).contains(charts.resolve("massdeath-" + fault + "-OS-load0.png"),
                    charts.resolve("massdeath-" + fault + "-OS-load0.svg"), charts.resolve("massdeath-" + fault
                            + "-OS-load0-cpu.png"));
        }
        String svg = Files.readString(charts.resolve("massdeath-KILL-OS-load0.svg"));
        assertThat(svg).contains("KILL: time until the server knew of all N dead peers", "NIO_PER_CORE", "NETTY_IOURING",
                "linear growth (slope 1)");
        assertThat(written.text()).contains("![KILL: time to all against N](charts/"
                + "massdeath-KILL-OS-load0.png)");
    }

    @Test
    void skippedModelsGiveTheirReasonAndAHostWithoutCpuFiguresSaysSo() throws IOException {
        WrittenReport written = write(TestFolders.copy(TestFolders.MASS_DEATH_JDK17_HOST, temp));
        String md = written.text();

        assertThat(md).contains("### Mass death: combinations skipped here", "| KILL | VIRTUAL | 1, 10, 100 | OS | none | "
                + "17.0.15+6-Debian-1deb12u1 | virtual threads need JDK 21 or later");
        assertThat(md).contains("### HOST, keepalive idle 2 s + 1 s x 3: the client host reboots",
                "### HOST, heartbeat every 100 ms, dead after 3 missed: ");
        assertThat(written.headlines()).anySatisfy(h -> assertThat(h).startsWith("With 100 peers on a host that rebooted "
                + "(HOST, keepalive idle 2 s + 1 s x 3; placement OS, no load, JDK 17.0.15+6-Debian-1deb12u1), a thread "
                + "per connection (BLOCKING) knew of all of them in ").endsWith("; its server CPU was not measured (the "
                + "server is another process)."));
        assertThat(written.headlines()).contains("With 100 peers killed at once (KILL; placement OS, no load, JDK "
                + "17.0.15+6-Debian-1deb12u1), a virtual thread per connection (VIRTUAL) could not run here: virtual "
                + "threads need JDK 21 or later; this JVM is 17.0.15+6-Debian-1deb12u1.");
        assertThat(md).contains("Some trials detected connections after the bound their rows state (1.00 s)");
        Path charts = written.markdown().resolveSibling("charts");
        assertThat(written.charts()).contains(charts.resolve("massdeath-HOST-KEEPALIVE_2_1_3-OS-load0.png"))
                .doesNotContain(charts.resolve("massdeath-HOST-KEEPALIVE_2_1_3-OS-load0-cpu.png"));
    }

    @Test
    void undetectedConnectionsAreShownAndTheirNLeavesTheFit() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        TestFolders.undetect(folder, "KILL", "NIO", "100", "2", 7);
        WrittenReport written = write(folder);
        String md = written.text();

        assertThat(written.isPartial()).isTrue();
        assertThat(written.headlines()).anySatisfy(h -> assertThat(h).contains("NIO on one selector knew of all of them "
                + "in ").contains(" over 2 trials)").endsWith("; but in 1 of its 3 trials it did not know of all of them "
                + "within the bound (trial 2: 7 of 100 undetected by 10.0 s)."));
        assertThat(md).contains("| NIO | 100 | 3 | 293/300 (1 incomplete) |");
        assertThat(md).contains("### Mass death: connections not detected by the bound", "7 connections of trials that "
                + "ran were not detected", "| KILL NIO n100 OS load0 | 2 | 7 | TIMEOUT | - | 0, 1, 2, 3, 4, 5, 6 |");
        String kill = md.substring(md.indexOf("### KILL"), md.indexOf("### ABORT"));
        assertThat(kill).contains("| NIO | 1, 10 | ", "| N = 100: not every trial detected every connection |");
    }

    private static List<MassDeathTrialRecord> trials(RunFolder run, String fault, Observer o, int n) {
        return run.massDeath().trials().stream().filter(t -> t.fault().equals(fault) && t.observer() == o
                && t.connections() == n).toList();
    }
}
