package io.closebench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Names one benchmark's parameter combination everywhere it is written: in file names (every run
 * parameter in the name, plus the fork's pid, as forks of one run write side by side) and as the
 * HdrHistogram log tag (no commas or spaces: the log format is CSV-like).
 */
public record BenchmarkTag(String benchmark, String scenario, String observer, int loadConnections, int cpuBurners,
                           long forkPid) {

    public static BenchmarkTag of(BenchmarkParams params) {
        String full = params.getBenchmark();
        String[] parts = full.split("\\.");
        String benchmark = parts[parts.length - 2] + "." + parts[parts.length - 1];
        return new BenchmarkTag(benchmark, params.getParam("scenario"), params.getParam("observer"),
                Integer.parseInt(params.getParam("loadConnections")), Integer.parseInt(params.getParam("cpuBurners")),
                ProcessHandle.current().pid());
    }

    /** "S2-inproc/NIO/load100/cpu0". */
    public String hlogTag() {
        return scenario + "/" + observer + "/load" + loadConnections + "/cpu" + cpuBurners;
    }

    /** "latency-PeerClosesWhileObserverWaits.repetition-S2-inproc-NIO-load100-cpu0-fork12345.hlog". */
    public String fileName(String kind, String extension) {
        return kind + "-" + benchmark + "-" + scenario + "-" + observer + "-load" + loadConnections + "-cpu" + cpuBurners
                + "-fork" + forkPid + "." + extension;
    }
}
