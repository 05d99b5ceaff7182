package io.closebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.schema.ResultFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job writes its own report.md once everything has run, by the code of {@code closebench report}:
 * shown here with a job that runs nothing (the main job itself takes minutes), through the same
 * {@link RunLifecycle} and {@link Closebench#report}.
 */
@Timeout(120)
class MainJobReportTest {

    @TempDir
    Path results;

    @Test
    void aRunThatCompletedGetsItsReportAfterItsStatusSaysCompleteAndPrintsItsPath() throws Exception {
        Path[] during = new Path[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = RunLifecycle.start(results, "main (a test: nothing measured)", folder -> Map.of(),
                    (folder, control) -> during[0] = folder.dir(), folder -> {
                        assertThat(folder.dir().resolve(ResultFile.STATUS.fixedName())).content().isEqualTo("complete\n");
                        Closebench.report(folder);
                    });
        } finally {
            System.setOut(stdout);
        }

        assertThat(status).isZero();
        Path report = during[0].resolve("report.md");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("main (a test: nothing measured)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("results: " + during[0])
                .contains("report: " + report);
    }

    @Test
    void aRunThatFailedGetsNoReport() {
        Path[] during = new Path[1];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunLifecycle.start(results, "main (a test)",
                folder -> Map.of(), (folder, control) -> {
                    during[0] = folder.dir();
                    throw new IllegalStateException("broken on purpose");
                }, Closebench::report)).hasMessage("broken on purpose");

        assertThat(during[0].resolve("report.md")).doesNotExist();
    }
}
