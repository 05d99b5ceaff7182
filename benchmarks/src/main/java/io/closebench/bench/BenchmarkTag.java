package io.closebench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Names one benchmark's parameter combination everywhere it is written: in file names (every run
 * parameter in the name, plus the fork's pid, as forks of one run write side by side) and as the
 * HdrHistogram log tag (no commas or spaces: the log format is CSV-like).
 */
public record BenchmarkTag(String benchmark, String scenario, String observer, int loadConnections, int cpuBurners,
                           long forkPid) {

    /**
     * The case benchmarks name their scenario; the pulled-cable benchmark names a fault and a
     * mechanism instead, which become its scenario ("S1-PULLED_IDLE-KEEPALIVE_2_1_3"), with no load.
     */
    public static BenchmarkTag of(BenchmarkParams params) {
        String full = params.getBenchmark();
        String[] parts = full.split("\\.");
        String benchmark = parts[parts.length - 2] + "." + parts[parts.length - 1];
        String scenario = params.getParam("scenario") != null ? params.getParam("scenario")
                : "S1-" + params.getParam("fault") + "-" + params.getParam("mechanism").replace(':', '_');
        return new BenchmarkTag(benchmark, scenario, params.getParam("observer"), intParam(params, "loadConnections"),
                intParam(params, "cpuBurners"), ProcessHandle.current().pid());
    }

    private static int intParam(BenchmarkParams params, String name) {
        String v = params.getParam(name);
        return v == null ? 0 : Integer.parseInt(v);
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
