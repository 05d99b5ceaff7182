package io.closebench.cli;

import static io.closebench.cli.CommandRun.execute;
import static io.closebench.cli.ResultFiles.only;
import static io.closebench.cli.ResultFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.ResultFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code closebench soak} from the command line: its samples, its matrix, its status, and bad input. */
@Timeout(120)
class SoakCommandTest {

    @TempDir
    Path results;

    @Test
    void aShortSoakSamplesAsItGoesAndEndsCompleteWhenNothingGrew() throws IOException {
        CommandRun run = execute("soak", "--duration", "4s", "--warmup", "1s", "--sample-every", "500ms", "--cases",
                "S2-inproc,C1", "--observers", "BLOCKING,NIO", "--results", results.toString());

        assertThat(run.status()).as(run.err()).isZero();
        Path folder = ResultFiles.onlyFolder(results);
        assertThat(Files.readString(folder.resolve("status.txt")).trim()).isEqualTo("complete");
        List<CSVRecord> samples = read(only(folder, ResultFile.SOAK));
        assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
        assertThat(samples).filteredOn(r -> r.get("baseline").equals("true")).hasSize(1);
        assertThat(samples).allSatisfy(r -> assertThat(r.get("violations")).isEmpty());
        assertThat(Long.parseLong(samples.get(samples.size() - 1).get("repetitions"))).isPositive();
        assertThat(read(only(folder, ResultFile.MATRIX))).extracting(r -> r.get("scenario_id") + "/" + r.get("observer"))
                .containsExactly("S2-inproc/BLOCKING", "S2-inproc/NIO", "C1/BLOCKING", "C1/NIO");
    }

    @Test
    void aSoakShorterThanItsWarmupHasNoBaselineAndFailsSayingSo() throws IOException {
        CommandRun run = execute("soak", "--duration", "1s", "--warmup", "10s", "--sample-every", "500ms", "--cases",
                "S2-inproc", "--observers", "NIO", "--results", results.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(Files.readString(ResultFiles.onlyFolder(results).resolve("status.txt")))
                .startsWith("failed: the soak ended before its warm-up did");
    }

    @Test
    void badDurationsAndCasesAreRejectedWithStatus2() {
        assertThat(execute("soak", "--duration", "0s").refusal("closebench soak"))
                .isEqualTo("--duration: 0s is no time to run for; give more than 0, e.g. 90s, 30m, 1h30m");
        assertThat(execute("soak", "--duration", "-5s").refusal("closebench soak"))
                .contains("'-5s' is negative; give a duration of 0 or more");
        assertThat(execute("soak", "--sample-every", "10ms").refusal("closebench soak"))
                .isEqualTo("--sample-every: 10ms is below 100ms; give 100ms up to --duration");
        CommandRun bad = execute("soak", "--duration", "ten minutes");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("is not a duration (e.g. 90s, 30m, 1h30m)");
        assertThat(execute("soak", "--cases", "S1").err()).contains("nothing to soak: [S1a").contains("run on network namespaces, not on loopback");
        assertThat(execute("soak", "--cases", "S9").err()).contains("unknown case 'S9'");
    }
}
