package io.closebench.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.results.RunFolder;
import io.closebench.analysis.results.TestFolders;
import io.closebench.analysis.stats.BootstrapSettings;
import io.closebench.schema.Observer;
import io.closebench.schema.Outcome;
import io.closebench.schema.Placement;
import io.closebench.schema.Verdict;
import io.closebench.schema.row.MatrixRecord;
import io.closebench.schema.row.PeerHost;
import io.closebench.schema.row.SummaryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's tables and the report's are one view of the same records: a row the console prints
 * has, cell for cell, the values the report shows for it, through the same formatter.
 */
@Timeout(120)
class ConsoleAndReportTest {

    @TempDir
    Path temp;

    @Test
    void theConsolesMassDeathRowsAreTheReportsCellForCell() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.MASS_DEATH, temp));
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();

        List<List<String>> console = plainRows(MassDeathView.plainText(run.massDeath().trials()));
        List<List<String>> report = markdownRows(md, "| observer | N | trials | detected |");

        assertThat(console).as("a row per model and N of each fault").hasSize(report.size()).hasSizeGreaterThan(10);
        assertThat(console).containsExactlyElementsOf(report);
        assertThat(console).anySatisfy(row -> assertThat(row).startsWith("NIO", "100", "3", "300/300"));
    }

    @Test
    void theConsolesCableRowsAreTheReportsCellForCellTheFaultAndWhatItMeansBesides() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.CABLE_A, temp));
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();
        List<TableColumn<CableFigures>> columns = new ArrayList<>(List.of(CableView.FAULT));
        columns.addAll(CableView.COLUMNS);

        List<List<String>> console = plainRows(TableColumn.table(columns, CableFigures.of(run.cable())).plainText());
        List<List<String>> report = markdownRows(md, "| mechanism | settings | observer | placement |");

        assertThat(console).hasSameSizeAs(report).isNotEmpty();
        for (int i = 0; i < console.size(); i++) {
            assertThat(console.get(i).subList(1, console.get(i).size()))
                    .isEqualTo(report.get(i).subList(0, report.get(i).size() - 1));
        }
        assertThat(report).anySatisfy(row -> assertThat(row.get(5)).contains("reached the bound"));
    }

    @Test
    void theConsoleNumbersEachSentenceOfTheReasonsOnceWhereTheReportSaysThemInFull() {
        MatrixRecord c3a = departing("C3a", "Linux delivers data already received. 'RST ahead of the data' is Windows.");
        MatrixRecord c3b = departing("C3b", "'RST ahead of the data' is Windows. The JDK repeats a reset.");

        String console = MatrixView.plainTextWithNotes(List.of(c3a, c3b));
        String md = TableColumn.table(TableColumn.concat(MatrixView.COLUMNS, MatrixView.WHY), List.of(c3a, c3b)).markdown();

        assertThat(console).contains("[1] Linux delivers data already received.\n", "[2] 'RST ahead of the data' is Windows.\n",
                "[3] The JDK repeats a reset.\n").doesNotContain("[4]");
        List<List<String>> rows = plainRows(console.substring(0, console.indexOf("\n\n") + 1));
        assertThat(rows.get(0)).endsWith("DIFFERS", "[1] [2]");
        assertThat(rows.get(1)).endsWith("DIFFERS", "[2] [3]");
        List<List<String>> full = markdownRows(md, "| case | scenario |");
        assertThat(full.get(0)).endsWith("DIFFERS", c3a.why());
        for (int i = 0; i < 2; i++) {
            assertThat(rows.get(i).subList(0, MatrixView.COLUMNS.size()))
                    .isEqualTo(full.get(i).subList(0, MatrixView.COLUMNS.size()));
        }
        assertThat(rows.get(0)).contains("C3a", "NIO", "RESET, some lost", "RESET 19, TIMEOUT 1", "lost in 3/20 (90% arrived)",
                ThreeFigureDuration.of(45_600));
    }

    @Test
    void theBenchmarkSummaryIsOneLinePerCombinationWithEveryModelSideBySideInTheReportToo() throws IOException {
        RunFolder run = RunFolder.read(TestFolders.copy(TestFolders.JDK17, temp));
        String md = RunReport.write(run, BootstrapSettings.defaults()).text();
        AlignedTable table = SummaryView.sideBySide(run.summary());

        assertThat(md).contains("### Every model side by side", table.markdown());
        SummaryRecord nio = run.summary().stream().filter(r -> r.key().observer() == Observer.NIO && !r.isSkipped()
                && r.count() > 0).findFirst().orElseThrow();
        assertThat(table.plainText()).contains(ThreeFigureDuration.of(nio.p50Nanos()) + " / "
                + ThreeFigureDuration.of(nio.p99Nanos()), "skipped");
        assertThat(SummaryView.skippedReasons(run.summary())).singleElement().asString().startsWith("VIRTUAL: ");
    }

    private static MatrixRecord departing(String scenario, String why) {
        return new MatrixRecord("C3", scenario, "v", "CLIENT", "in-process", "close()", "READ_UNTIL_OUTCOME", "p",
                Optional.of(Observer.NIO), Optional.of(Placement.SAME_CPU), 20, 20, false, "", "", Outcome.RESET,
                "SOME_LOST", true, "RESET=19;TIMEOUT=1", Optional.of(Outcome.RESET), 0, Verdict.DIFFERS, 1000, 900, 3,
                "0", "RESET", "BROKEN_PIPE", 45_600, 20, "", why, -1, "", "", MatrixRecord.Wire.NOT_RUN, PeerHost.UNKNOWN);
    }

    /** The cells of a plain-text table's rows, cut where its rule of dashes says each column is. */
    static List<List<String>> plainRows(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i + 1).startsWith("-")) {
                continue;
            }
            String rule = lines.get(i + 1);
            List<int[]> spans = new ArrayList<>();
            for (int at = 0; at < rule.length(); ) {
                int end = rule.indexOf(' ', at);
                end = end < 0 ? rule.length() : end;
                spans.add(new int[] {at, end});
                at = end;
                while (at < rule.length() && rule.charAt(at) == ' ') {
                    at++;
                }
            }
            int j = i + 2;
            // a table ends at a blank line, or where the next table's header (a line above a rule) begins
            for (; j < lines.size() && !lines.get(j).isBlank()
                    && !(j + 1 < lines.size() && lines.get(j + 1).startsWith("-")); j++) {
                String line = lines.get(j);
                List<String> cells = new ArrayList<>();
                for (int k = 0; k < spans.size(); k++) {
                    int from = Math.min(spans.get(k)[0], line.length());
                    int to = k == spans.size() - 1 ? line.length() : Math.min(spans.get(k + 1)[0], line.length());
                    cells.add(line.substring(from, to).strip());
                }
                out.add(cells);
            }
            i = j;
        }
        return out;
    }

    /** The cells of every Markdown table whose header starts with {@code header}, in the order they stand. */
    static List<List<String>> markdownRows(String md, String header) {
        List<List<String>> out = new ArrayList<>();
        List<String> lines = md.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(header)) {
                continue;
            }
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                String row = lines.get(j);
                List<String> cells = new ArrayList<>();
                for (String cell : row.substring(2, row.length() - 2).split(" \\| ", -1)) {
                    cells.add(cell.replace("\\|", "|").replace("\\\\", "\\"));
                }
                out.add(cells);
            }
        }
        return out;
    }
}
