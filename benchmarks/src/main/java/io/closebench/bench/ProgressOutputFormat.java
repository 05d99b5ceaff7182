package io.closebench.bench;

import io.closebench.matrix.LatencyFormat;
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
    private final int total;
    private int started;
    private long startedAt;

    ProgressOutputFormat(OutputFormat log, PrintStream console, int total) {
        this.log = log;
        this.console = console;
        this.total = total;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        startedAt = System.nanoTime();
        BenchmarkTag tag = BenchmarkTag.of(params);
        console.printf("[%3d/%d] %-40s %-36s %-11s load=%-4d cpu=%d ", started, total, tag.benchmark(),
                tag.scenario(), tag.observer(), tag.loadConnections(), tag.cpuBurners());
        console.flush();
        log.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        Result primary = result.getPrimaryResult();
        Result p50 = result.getSecondaryResults().get("detect.p50");
        Result unexpected = result.getSecondaryResults().get("detect.unexpected");
        console.printf("%9.1f %-6s  detect p50 %s  unexpected %s  (%.0f s)%n", primary.getScore(), primary.getScoreUnit(),
                p50 == null ? "-" : LatencyFormat.of(Math.round(p50.getScore() * 1000)),
                unexpected == null ? "-" : String.format("%.0f", unexpected.getScore()),
                (System.nanoTime() - startedAt) / 1e9);
        log.endBenchmark(result);
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
