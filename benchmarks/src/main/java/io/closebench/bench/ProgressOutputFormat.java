package io.closebench.bench;

import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.BenchmarkKey;
import java.io.PrintStream;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's usual output goes, complete, to a log file in the results folder; the console gets one line
 * per benchmark: which it is, its throughput and its median detection latency, with a counter, so a
 * person sees the run move without JMH's wall of text.
 */
final class ProgressOutputFormat implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream console;
    private final SummaryCsv summary;
    private final int total;
    private int started;
    private long startedAt;
    private BenchmarkKey current;

    /** {@code summary}: where each benchmark's row goes the moment it ends. */
    ProgressOutputFormat(OutputFormat log, PrintStream console, SummaryCsv summary, int total) {
        this.log = log;
        this.console = console;
        this.summary = summary;
        this.total = total;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        startedAt = System.nanoTime();
        current = BenchmarkTag.of(params);
        console.printf("[%3d/%d] %-38s %-28s %-13s %-9s idle=%-5d load=%-4d ", started, total, current.benchmark(),
                current.scenario(), current.observer(), current.placement(), current.idleBeforeFaultMicros(),
                current.loadConnections());
        console.flush();
        log.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            // JMH ends a failed benchmark without a result; its log says why
            console.printf("failed (see the JMH log)  (%.0f s)%n", (System.nanoTime() - startedAt) / 1e9);
            log.endBenchmark(null);
            return;
        }
        Result primary = result.getPrimaryResult();
        Result p50 = result.getSecondaryResults().get("detect.p50");
        Result unexpected = result.getSecondaryResults().get("detect.unexpected");
        console.printf("%9.1f %-6s  detect p50 %s  unexpected %s  (%.0f s)%n", primary.getScore(), primary.getScoreUnit(),
                p50 == null ? "-" : ThreeFigureDuration.of(Math.round(p50.getScore() * 1000)),
                unexpected == null ? "-" : String.format("%.0f", unexpected.getScore()),
                (System.nanoTime() - startedAt) / 1e9);
        log.endBenchmark(result);
        if (result != null && current != null) {
            try {
                summary.add(result, current);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot append the summary row of " + current, e);
            }
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    /** Flushes only: JMH closes its output after each run, and the suite runs JMH once per class. */
    @Override
    public void close() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws java.io.IOException {
        log.write(b);
    }
}
