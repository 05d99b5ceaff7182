package io.closebench.massdeath;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The mass-death results as a person reads them: per fault and N, one line per observer, the
 * median over its trials of the first, median, p99 and last detection after t0, how many were
 * detected, the server's CPU per dead peer, its threads and memory.
 */
public final class MassDeathTable {

    private final List<MassDeathResult> results = new ArrayList<>();

    public synchronized void add(MassDeathResult r) {
        results.add(r);
    }

    public synchronized void print(PrintStream out) {
        AlignedTable table = new AlignedTable("fault", "observer", "placement", ">N", ">trials", "detected", "first",
                "median", "p99", "all (last)", "CPU/peer", ">alloc/peer", ">threads", ">RSS MiB", "outcomes / why not");
        List<String> keys = new ArrayList<>();
        for (MassDeathResult r : results) {
            String key = r.spec().describe();
            if (keys.contains(key)) {
                continue;
            }
            keys.add(key);
            List<MassDeathResult> same = results.stream().filter(x -> x.spec().describe().equals(key)).toList();
            MassDeathResult first = same.get(0);
            long n = first.spec().connections();
            String detected = same.stream().mapToLong(MassDeathResult::detected).sum() + "/" + n * same.size();
            String why = same.stream().map(MassDeathResult::failure).filter(f -> !f.isEmpty()).findFirst()
                    .orElse(first.outcomeCounts());
            table.row(String.valueOf(first.spec().fault()), String.valueOf(first.spec().observer()),
                    String.valueOf(first.spec().plan().placement()), String.valueOf(n), String.valueOf(same.size()),
                    detected, median(same, 0), median(same, 50), median(same, 99), median(same, 100), cpu(same),
                    alloc(same), first.before().threads() < 0 ? "-" : String.valueOf(first.before().threads()),
                    first.before().rssBytes() < 0 ? "-" : String.valueOf(first.before().rssBytes() >> 20), why);
        }
        out.print(table.plainText());
        out.println("(times after t0, the median over the recorded trials; all (last): when the server knew of every dead "
                + "peer; CPU/peer: the server process's CPU from t0 to the last detection, per connection; alloc/peer: what the JVM's "
                + "threads allocated meanwhile, per connection, the JDK's exceptions for a reset included)");
    }

    /** The median over trials of each trial's {@code percentile} (0: first, 100: last). */
    private static String median(List<MassDeathResult> same, double percentile) {
        long[] v = same.stream().mapToLong(r -> {
            var h = r.histogram();
            if (h.getTotalCount() == 0) {
                return -1;
            }
            return percentile == 0 ? h.getMinValue() : percentile == 100 ? r.lastNanos() : h.getValueAtPercentile(percentile);
        }).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? "-" : ThreeFigureDuration.of(v[(v.length - 1) / 2]);
    }

    private static String alloc(List<MassDeathResult> same) {
        long[] v = same.stream().mapToLong(MassDeathResult::allocatedBytesPerPeer).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? "-" : v[(v.length - 1) / 2] + " B";
    }

    private static String cpu(List<MassDeathResult> same) {
        long[] v = same.stream().mapToLong(MassDeathResult::cpuNanosPerPeer).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? "-" : ThreeFigureDuration.of(v[(v.length - 1) / 2]);
    }
}
