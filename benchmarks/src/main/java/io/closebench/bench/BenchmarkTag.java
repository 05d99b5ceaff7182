package io.closebench.bench;

import io.closebench.schema.BenchmarkKey;
import io.closebench.schema.Observer;
import io.closebench.schema.Placement;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The {@link BenchmarkKey} of a running JMH benchmark, from its parameters: what names its files
 * and rows. The case benchmarks name a scenario; the pulled-cable benchmark names a fault and a
 * mechanism, which become its scenario ("S1-PULLED_IDLE-KEEPALIVE_2_1_3"); mass death a fault and a
 * number of connections ("KILL-n1000"). A parameter a benchmark does not have takes its neutral
 * value: no load, no burners, unpinned, no idle time.
 */
public final class BenchmarkTag {

    private BenchmarkTag() {
    }

    public static BenchmarkKey of(BenchmarkParams params) {
        String[] parts = params.getBenchmark().split("\\.");
        String benchmark = parts[parts.length - 2] + "." + parts[parts.length - 1];
        String scenario;
        if (params.getParam("scenario") != null) {
            scenario = params.getParam("scenario");
        } else if (params.getParam("mechanism") != null) {
            scenario = "S1-" + params.getParam("fault") + "-" + params.getParam("mechanism").replace(':', '_');
        } else {
            scenario = params.getParam("fault") + "-n" + params.getParam("connections");
        }
        String placement = params.getParam("placement");
        return new BenchmarkKey(benchmark, scenario, Observer.valueOf(params.getParam("observer")),
                placement == null ? Placement.OS : Placement.valueOf(placement), longParam(params, "idleBeforeFaultMicros"),
                (int) longParam(params, "loadConnections"), (int) longParam(params, "cpuBurners"));
    }

    private static long longParam(BenchmarkParams params, String name) {
        String v = params.getParam(name);
        return v == null ? 0 : Long.parseLong(v);
    }
}
