package io.closebench.s1;

import io.closebench.cable.CableFault;
import io.closebench.cable.Theory;
import io.closebench.cable.Workload;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.ThreeFigureDuration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cable cases as a person reads them: one line per fault, mechanism and observer, with the
 * outcome distribution, median and max detection time after t0, what the settings predict, the
 * ratio of the two, and one sentence saying what it means. Followed by how long the {@code ip}
 * command took to actually change the link, so every t0 can be judged.
 */
public final class CableTable {

    private static final String[] HEADER = {"fault", "mechanism", "settings", "observer", "outcomes", "median t1-t0",
            "max t1-t0", "theory", "ratio", "what it means"};

    private CableTable() {
    }

    public static void print(List<CableSample> samples, java.time.Duration downtime, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        for (CableRow row : CableRow.of(samples)) {
            lines.add(new String[] {row.fault().letter(), row.mechanism().label(), row.mechanism().settings(),
                    row.observer().name(), row.outcomeSummary(), ThreeFigureDuration.of(row.medianDetectionNanos()),
                    ThreeFigureDuration.of(row.maxDetectionNanos()), theory(row), ratio(row), CableMeaning.explain(row)});
        }
        AlignedTable table = new AlignedTable(HEADER).separateGroups();
        lines.forEach(table::row);
        out.print(table.plainText());
        out.println();
        Map<String, String> faults = new LinkedHashMap<>();
        samples.forEach(s -> faults.putIfAbsent(s.fault().letter(), s.fault().label(downtime)));
        faults.values().forEach(f -> out.println("  " + f));
        out.println();
        out.println(linkChange(samples));
        out.println("theory: what the settings give, from the reference shown (\"<=\": an upper limit only); ratio: median "
                + "of measured/theory per connection, from the same reference. After a plug, a segment sent during the "
                + "outage leaves when the first ARP request after the plug is answered (requests every 1 s from the first "
                + "send after the pull), not at its next retransmission.");
        if (samples.stream().anyMatch(s -> s.fault().reconnects())) {
            out.println("g, g': the server connects " + ThreeFigureDuration.of(Workload.RECONNECT_AFTER.toNanos()) + " after t0 "
                    + "(its kernel has processed the carrier loss by then); theory counts from that connect call. At most "
                    + CablePlan.RECONNECTS_PER_GROUP + " connects per group in g: when the one ARP entry fails, the "
                    + "kernel reports each waiting SYN with a local host-unreachable ICMP, and past the ICMP burst "
                    + "(net.ipv4.icmp_msgs_burst, 50) it drops them (icmp_rate_limited in the CSV): those connects fail a "
                    + "whole resolution later.");
        }
        if (samples.stream().anyMatch(s -> s.fault().stopsReading())) {
            out.println("f: the client's receive buffer is " + CableFault.NOT_READING_RECEIVE_BUFFER + " B (SO_RCVBUF), so "
                    + "the window closes within about 1.5 s of the stream; the first zero-window probe is read from the "
                    + "server kernel's persist timer (ss -o).");
        }
    }

    static String theory(CableRow row) {
        Theory th = row.theory();
        if (th.isNever()) {
            return "never";
        }
        if (!th.isFinite()) {
            return "- (client's kernel)";
        }
        String reference = switch (th.reference()) {
            case LAST_PEER_SEGMENT -> "after last segment";
            case FIRST_UNACKED_SEND -> "after 1st unacked";
            case LAST_READ -> "after last read";
            case PLUG -> "after plug";
            case WINDOW_PROBING -> "after window probing";
            case CONNECT -> "after connect()";
        };
        return (th.atTheLatest() ? "<= " : "") + ThreeFigureDuration.of(th.boundNanos()) + " " + reference;
    }

    private static String ratio(CableRow row) {
        return row.medianRatio().isPresent() ? String.format("%.2f", row.medianRatio().getAsDouble()) : "-";
    }

    /** The offset between t0 and the link really going down, over all pulls of the run. */
    static String linkChange(List<CableSample> samples) {
        Map<Integer, CableSample> byTrial = new LinkedHashMap<>();
        samples.stream().filter(s -> s.linkDownAfterNanos() >= 0).forEach(s -> byTrial.putIfAbsent(s.trial(), s));
        if (byTrial.isEmpty()) {
            return "t0 -> link down: not observed in this run";
        }
        long[] down = byTrial.values().stream().mapToLong(CableSample::linkDownAfterNanos).sorted().toArray();
        long[] ip = byTrial.values().stream().mapToLong(CableSample::ipReturnedAfterNanos).filter(v -> v >= 0).sorted().toArray();
        return String.format("t0 is taken before `ip link set veth-cli down` is spawned: the server's end showed carrier 0 "
                        + "a median %s (max %s) after t0 over %d pulls; the ip command returned after a median %s. "
                        + "Every time above includes that offset.", ThreeFigureDuration.of(down[(down.length - 1) / 2]),
                ThreeFigureDuration.of(down[down.length - 1]), down.length, ip.length == 0 ? "-" : ThreeFigureDuration.of(ip[(ip.length - 1) / 2]));
    }
}
