package io.closebench.analysis.results;

import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.csv.ResultsFileException;
import io.closebench.schema.row.MassDeathCombination;
import io.closebench.schema.row.MassDeathTrialRecord;
import io.closebench.schema.row.SoakRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class MassDeathAndSoakReadingTest {

    @TempDir
    Path temp;

    @Test
    void aWholeMassDeathRunIsReadWithEveryTrialItsConnectionsAndItsLogs() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.MASS_DEATH));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.metadata().ranMassDeath()).isTrue();
        // 2 faults x 7 models x N = 1, 10, 100, 3 trials each
        assertThat(run.massDeath().trials()).hasSize(126).allSatisfy(t -> {
            assertThat(t.allDetected()).isTrue();
            assertThat(t.placement()).isEqualTo(Placement.OS);
            assertThat(t.jdk()).contains("25.0.3");
        });
        assertThat(run.massDeath().byCombination()).hasSize(42);
        assertThat(run.massDeath().undetected()).isEmpty();
        assertThat(run.filesRead()).contains("massdeath-trials-OS-load0.csv", "massdeath-connections-OS-load0.csv",
                "massdeath-latency-KILL-NIO_PER_CORE-OS-n100-load0.hlog");
        assertThat(run.matrix()).isEmpty();
    }

    @Test
    void combinationsThatCannotRunHereHaveTheirReasonAndHostMechanismsAreTheirOwnCombinations() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.MASS_DEATH_JDK17_HOST));

        assertThat(run.gaps()).isEmpty();
        Map<MassDeathCombination, MassDeathTrialRecord> skipped = run.massDeath().skipped();
        // VIRTUAL on JDK 17: KILL at 3 N, HOST at 3 N by 2 mechanisms
        assertThat(skipped).hasSize(9).allSatisfy((k, t) -> {
            assertThat(k.observer()).isEqualTo(Observer.VIRTUAL);
            assertThat(t.skippedReason()).hasValueSatisfying(r -> assertThat(r).startsWith("virtual threads need JDK 21"));
        });
        assertThat(run.massDeath().byCombination().keySet().stream().filter(k -> k.fault().equals("HOST"))
                .map(MassDeathCombination::mechanism).distinct()).containsExactly("HEARTBEAT:100:3", "KEEPALIVE:2:1:3");
        assertThat(run.massDeath().undetected()).isEmpty();
    }

    @Test
    void aTrialWhoseConnectionsWereNotAllDetectedKeepsEveryUndetectedOne() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        TestFolders.undetect(folder, "KILL", "NIO", "100", "2", 7);

        RunFolder run = RunFolder.read(folder);

        assertThat(run.massDeath().undetected()).hasSize(7).allSatisfy(u -> {
            assertThat(u.trial().trial()).isEqualTo(2);
            assertThat(u.trial().undetected()).isEqualTo(7);
            assertThat(u.connection().outcome()).isEqualTo(Outcome.TIMEOUT);
        });
        assertThat(run.gaps()).extracting(FolderGap::subject).containsExactly("massdeath-latency-KILL-NIO-OS-n100-load0.hlog");
    }

    @Test
    void aMassDeathStoppedMidWriteIsAGapForEachFileItLeftShort() throws IOException {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        Path trials = folder.resolve("massdeath-trials-OS-load0.csv");
        String content = Files.readString(trials);
        // the last trial row half written: its 100 connections and its interval were written after it
        TestFolders.cut(trials, content.lastIndexOf('\n', content.length() - 3) + 40);

        RunFolder run = RunFolder.read(folder);

        String gaps = run.gaps().stream().map(FolderGap::toString).collect(Collectors.joining("\n"));
        assertThat(run.massDeath().trials()).hasSize(125);
        assertThat(gaps).contains("massdeath-trials-OS-load0.csv: last line cut: the run was stopped mid-write",
                "massdeath-connections-OS-load0.csv: 100 connection rows belong to no trial row",
                "massdeath-latency-ABORT-NETTY_IOURING-OS-n100-load0.hlog: holds 3 intervals for 2 trial rows",
                "ABORT NETTY_IOURING n100 OS load0: 2 of 3 trials (the run stopped)");
    }

    @Test
    void aTrialRowThatContradictsItsConnectionsIsRefusedByName() {
        Path folder = TestFolders.copy(TestFolders.MASS_DEATH, temp);
        TestFolders.editRows(folder.resolve("massdeath-trials-OS-load0.csv"), r -> r.get("fault").equals("ABORT")
                && r.get("observer").equals("BLOCKING") && r.get("connections").equals("10") && r.get("trial").equals("1"),
                Map.of("detected", "9", "undetected", "1"));

        assertThatThrownBy(() -> RunFolder.read(folder)).isInstanceOf(ResultsFileException.class)
                .hasMessageContaining("massdeath-connections-OS-load0.csv: ABORT BLOCKING n10 OS load0 trial 1: 10 of its "
                        + "connections detected, its trial row says 9");
    }

    @Test
    void aSoakIsReadApartFromTheConformanceMatrix() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.source(TestFolders.SOAK));

        assertThat(run.gaps()).isEmpty();
        assertThat(run.metadata().ranSoak()).isTrue();
        assertThat(run.metadata().ranMatrix()).isFalse();
        assertThat(run.matrix()).isEmpty();
        assertThat(run.soak().matrix()).hasSize(120);
        assertThat(run.soak().matrixFile()).isEqualTo("matrix-soak-30s.csv");
        assertThat(run.soak().samples()).hasSize(7);
        SoakRecord baseline = run.soak().baseline().orElseThrow();
        assertThat(baseline.elapsedSeconds()).isEqualTo(5.5);
        assertThat(baseline.fds()).isEqualTo(122);
        assertThat(run.soak().samples()).allSatisfy(s -> assertThat(s.violations()).isEmpty());
    }

    @Test
    void aSoakStoppedBeforeItsEndHasNoMatrixAndSaysSo() throws IOException {
        Path folder = TestFolders.copy(TestFolders.SOAK, temp);
        Files.delete(folder.resolve("matrix-soak-30s.csv"));

        RunFolder run = RunFolder.read(folder);

        assertThat(run.gaps()).extracting(FolderGap::toString).contains("matrix-soak-*.csv: the soak's outcomes by case "
                + "and model are missing: it writes them when it ends, so it was stopped before");
        assertThat(run.soak().samples()).hasSize(7);
    }
}
