package io.closebench.bench;

import io.closebench.analysis.report.SummaryView;
import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.CsvLog;
import io.closebench.schema.ResultFile;
import io.closebench.schema.SummaryColumn;
import io.closebench.schema.row.SummaryRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;

/**
 * The benchmarks' summary: one row per parameter combination ({@link SummaryRecord}), appended to
 * {@code summary-<profile>.csv} the moment the benchmark ends (median and p99 of t1 - t0 over every
 * repetition of every fork, from the .hlog files, the JMH score, unexpected outcomes, the JDK that
 * ran it), and one row per combination that could not run here, with the reason. At the end it
 * prints the rows it wrote as the report does ({@link SummaryView}): one line per benchmark,
 * scenario, placement, idle time and load, one column per model. Ratios measured side by side in one
 * run are what compare across machines, not lone absolute times; the report computes them with
 * intervals that respect forks.
 */
public final class SummaryCsv implements AutoCloseable {

    private final Path folder;
    private final CsvLog<SummaryColumn> csv;
    private final String jdk;
    private final List<SummaryRecord> written = new ArrayList<>();

    /** @param jdk the JDK the forks run on, for every row */
    public SummaryCsv(Path folder, String profile, String jdk) throws IOException {
        this.folder = folder;
        this.jdk = jdk;
        this.csv = CsvLog.create(folder.resolve(ResultFile.SUMMARY.name(profile)), SummaryColumn.class);
    }

    /** A benchmark ended: its row, from its forks' logs. */
    public void add(BenchmarkResult r, BenchmarkKey key) throws IOException {
        Histogram h = ForkLogs.merged(folder, key);
        Result unexpected = r.getSecondaryResults().get("detect.unexpected");
        boolean empty = h.getTotalCount() == 0;
        append(new SummaryRecord(key, jdk, r.getParams().getForks(), h.getTotalCount(),
                empty ? -1 : h.getValueAtPercentile(50), empty ? -1 : h.getValueAtPercentile(99),
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit(),
                unexpected == null ? 0 : Math.round(unexpected.getScore()), Optional.empty()));
    }

    /** A combination that cannot run here: a row with the reason, never a silent omission. */
    public void addSkipped(BenchmarkKey key, String reason) throws IOException {
        append(SummaryRecord.skipped(key, jdk, reason));
    }

    private synchronized void append(SummaryRecord row) throws IOException {
        row.appendTo(csv);
        written.add(row);
    }

    /** The table: median / p99 per model, "(n!)" where n outcomes were not Linux's; skipped models with the reason. */
    public synchronized void print(PrintStream out) {
        out.print(SummaryView.sideBySide(written).plainText());
        out.println("(" + SummaryView.LEGEND + "; per-fork figures, JMH scores and the JDK are in the summary CSV)");
        SummaryView.skippedReasons(written).forEach(s -> out.println("skipped " + s));
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
