package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.MassDeathConnectionColumn;
import io.closebench.schema.MassDeathTrialColumn;
import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code closebench mass-death} from the command line: its files, their columns, and what bad input gets. */
@Timeout(120)
class MassDeathCommandTest {

    @TempDir
    Path results;

    @Test
    void aSmallRunWritesEveryTrialEveryConnectionAndAHistogramLogPerCombination() throws IOException {
        CommandRun run = execute("mass-death", "--connections", "1,20", "--observers", "BLOCKING,NIO", "--faults", "KILL,ABORT",
                "--trials", "2", "--warmup-trials", "0", "--results", results.toString());

        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);
        assertThat(Files.readString(folder.resolve("status.txt")).trim()).isEqualTo("complete");
        assertThat(Files.exists(folder.resolve(ResultFile.METADATA.fixedName()))).isTrue();

        List<CSVRecord> trials = read(only(folder, ResultFile.MASS_DEATH_TRIALS));
        assertThat(trials.get(0).getParser().getHeaderNames())
                .containsExactlyElementsOf(Arrays.stream(MassDeathTrialColumn.values()).map(MassDeathTrialColumn::header).toList());
        assertThat(trials).hasSize(2 * 2 * 2 * 2);
        assertThat(trials).allSatisfy(t -> {
            assertThat(t.get("failure")).isEmpty();
            assertThat(t.get("undetected")).isEqualTo("0");
            assertThat(Long.parseLong(t.get("first_ns"))).isPositive().isLessThanOrEqualTo(Long.parseLong(t.get("last_ns")));
        });
        assertThat(trials).extracting(t -> t.get("fault") + " " + t.get("outcome_counts"))
                .contains("KILL EOF=20", "ABORT RESET=20", "KILL EOF=1");

        List<CSVRecord> connections = read(only(folder, ResultFile.MASS_DEATH_CONNECTIONS));
        assertThat(connections.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(
                Arrays.stream(MassDeathConnectionColumn.values()).map(MassDeathConnectionColumn::header).toList());
        assertThat(connections).as("one row per connection of every trial").hasSize(2 * 2 * 2 * (1 + 20));
        assertThat(connections).as("only HOST names a mechanism").allSatisfy(c -> assertThat(c.get("mechanism")).isEmpty());

        Path hlog = folder.resolve("massdeath-latency-KILL-NIO-OS-n20-load0.hlog");
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        int intervals = 0;
        for (Histogram h = (Histogram) reader.nextIntervalHistogram(); h != null; h = (Histogram) reader.nextIntervalHistogram()) {
            assertThat(h.getTotalCount()).isEqualTo(20);
            assertThat(h.getEndTimeStamp()).isGreaterThanOrEqualTo(h.getStartTimeStamp());
            intervals++;
        }
        assertThat(intervals).as("one interval per trial").isEqualTo(2);
    }

    @Test
    void connectionsBeyondTheDescriptorLimitAreRefusedWithTheLimitTheNeedAndHowToRaiseItStatus2() {
        CommandRun run = execute("mass-death", "--connections", "90000", "--faults", "ABORT", "--observers", "NIO",
                "--results", results.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("90000 connections").contains("file descriptors").contains("its limit is")
                .contains("ulimit -n");
        assertThat(results).isEmptyDirectory();
    }

    @Test
    void badCountsAndUnknownFaultsAreRejectedWithStatus2() {
        assertThat(execute("mass-death", "--connections", "0").refusal("closebench mass-death"))
                .isEqualTo("--connections: 0 is below 1; give 1 to 100000");
        assertThat(execute("mass-death", "--bound", "0").refusal("closebench mass-death"))
                .isEqualTo("--bound: 0 s is below 1 s; give 1 to 3600 s");
        assertThat(execute("mass-death", "--trials", "0").status()).isEqualTo(2);
        CommandRun unknown = execute("mass-death", "--faults", "EXPLODE");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("KILL_UNREAD");
    }
}
