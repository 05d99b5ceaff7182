package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SoakSectionTest {

    @TempDir
    Path temp;

    private WrittenReport write(Path folder) throws IOException {
        return RunReport.write(RunFolder.read(folder), BootstrapSettings.defaults());
    }

    @Test
    void aSoakThatHeldSaysSoWithEachResourceAgainstItsBoundAndTheRate() throws IOException {
        WrittenReport written = write(TestFolders.copy(TestFolders.SOAK, temp));
        String md = written.text();

        assertThat(written.isPartial()).isFalse();
        assertThat(md).contains("## Soak: what a long run holds", "From `soak-30s.csv` (7 samples, one every 5.0 s",
                "Warm-up before the baseline: 5 s.", "The bounds: fds <= baseline + 16; threads <= baseline + 8;");
        assertThat(md).contains("**Nothing grew beyond its bound** in 389 repetitions over 30.1 s");
        assertThat(written.headlines()).contains("Soak: Nothing grew beyond its bound in 389 repetitions over 30.1 s, "
                + "the last sample taken after every case had closed.");
        // 389 repetitions from the first sample (0.2 s) to the last (30.1 s); (389 - 29) in (30.1 - 5.5) s after the baseline
        assertThat(md).contains("Repetitions per second: 13.0 over the whole soak, 14.6 after warm-up");
        assertThat(md).contains("| file descriptors | 118 | 122 | 122 at 10.8 s | 17 | fds <= baseline + 16 | 16 | no |",
                "| live child processes | 0 | 0 | 0 at 10.8 s | 0 | no live child between repetitions | 0 | no |",
                "| TIME_WAIT sockets | " + Figures.count(1661) + " | 0 | 23 at 26.5 s | 22 | TIME_WAIT <= baseline + connections closed in the "
                        + "last 65 s + 500 | 859 | no |");
        assertThat(md).contains("### Soak: outcomes by case and model", "| NETTY_IOURING | 20 | 64 | 0 | 0 |",
                "Over all rows: 0, against 0 unexpected by the soak's own count.");
        // the soak's matrix is not the conformance matrix
        assertThat(md).contains("## Conformance matrix\n\nThis run did not run the conformance matrix.");
        assertThat(written.charts()).contains(written.markdown().resolveSibling("charts").resolve("soak-resources.png"));
        assertThat(Files.readString(written.markdown().resolveSibling("charts").resolve("soak-resources.svg")))
                .contains("Soak: what the run held over time", "seconds since the soak started");
    }

    @Test
    void aSoakThatGrewSaysWhatGrewAndWhen() throws IOException {
        Path folder = TestFolders.copy(TestFolders.SOAK, temp);
        // a damaged copy: the last sample holds 19 more descriptors than the bound allows, as a leak would
        TestFolders.editRows(folder.resolve("soak-30s.csv"), r -> r.get("elapsed_s").equals("30.1"),
                Map.of("fds", "157", "violations", "fds 157 > 138 (baseline 122 + 16)"));
        Files.writeString(folder.resolve("status.txt"), "failed: grew beyond its bound: fds 157 > 138 (baseline 122 + 16)\n");

        WrittenReport written = write(folder);
        String md = written.text();

        assertThat(md).contains("**Something grew beyond its bound**, first at 30.1 s (389 repetitions): fds 157 > 138 "
                + "(baseline 122 + 16).");
        assertThat(md).contains("| file descriptors | 118 | 122 | 157 at 30.1 s | 157 | fds <= baseline + 16 | 0 | **yes**, "
                + "at 30.1 s |");
        assertThat(written.headlines()).anySatisfy(h -> assertThat(h).startsWith("Soak: Something grew beyond its bound"));
        assertThat(written.gaps()).anySatisfy(g -> assertThat(g.detail()).contains("failed: grew beyond its bound"));
    }

    @Test
    void aSoakStoppedBeforeItsEndIsJudgedUpToItsLastSampleAndSaysWhatIsMissing() throws IOException {
        Path folder = TestFolders.copy(TestFolders.SOAK, temp);
        Files.delete(folder.resolve("matrix-soak-30s.csv"));
        List<String> lines = Files.readAllLines(folder.resolve("soak-30s.csv"));
        Files.write(folder.resolve("soak-30s.csv"), lines.subList(0, 5));
        Files.writeString(folder.resolve("status.txt"), "interrupted: SIGINT during soak S2-jvm NIO after 264 repetitions\n");

        WrittenReport written = write(folder);
        String md = written.text();

        assertThat(written.isPartial()).isTrue();
        assertThat(md).contains("**Nothing grew beyond its bound up to the last sample** (16.2 s, 264 repetitions), but "
                + "the soak did not end as planned (status: interrupted: SIGINT during soak S2-jvm NIO after 264 "
                + "repetitions)");
        assertThat(md).doesNotContain("### Soak: outcomes by case and model");
    }

    @Test
    void aSoakThatEndedDuringItsWarmUpJudgesNothing() throws IOException {
        Path folder = TestFolders.copy(TestFolders.SOAK, temp);
        List<String> lines = Files.readAllLines(folder.resolve("soak-30s.csv"));
        Files.write(folder.resolve("soak-30s.csv"), lines.subList(0, 2));
        Files.writeString(folder.resolve("status.txt"), "failed: the soak ended before its warm-up did: no baseline, "
                + "nothing judged (run longer than --warmup)\n");

        String md = write(folder).text();

        assertThat(md).contains("**Nothing judged**: the soak ended before its warm-up did, so it has no baseline");
        assertThat(md).contains("| file descriptors | 118 | - | - | 118 | fds <= baseline + 16 | - | - |");
    }
}
