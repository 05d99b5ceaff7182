package io.closebench.s1;

import io.closebench.analysis.format.AlignedTable;
import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.analysis.report.CableFigures;
import io.closebench.analysis.report.CableView;
import io.closebench.cable.CableFault;
import io.closebench.cable.Workload;
import io.closebench.schema.row.CableRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cable cases on the console: the rows the CSV holds ({@link CableCsv#records}), grouped and
 * drawn by the same view as the report's S1 section ({@link CableView}: one line per fault,
 * mechanism, observer and placement, the outcomes, t1 - t0, the rule and measured over rule), with
 * the fault letter first and one sentence saying what each line means last ({@link CableMeaning}).
 * Followed by how long the {@code ip} command took to actually change the link, so every t0 can be
 * judged.
 */
public final class CableTable {

    private CableTable() {
    }

    /**
     * @param samples every connection's sample
     * @param settings the run's settings: the downtime the faults name, the placement the rows carry
     * @param out the console
     */
    public static void print(List<CableSample> samples, CableSettings settings, PrintStream out) {
        List<CableRecord> records = CableCsv.records(samples, settings.placement().placement());
        Map<List<String>, CableSample> byGroup = new LinkedHashMap<>();
        samples.forEach(s -> byGroup.putIfAbsent(List.of(s.fault().letter(), s.mechanism().label(), s.mechanism().settings()), s));
        List<TableColumn<CableFigures>> columns = new ArrayList<>();
        columns.add(CableView.FAULT);
        columns.addAll(CableView.COLUMNS);
        columns.add(TableColumn.of("what it means", g -> {
            CableSample first = byGroup.get(List.of(g.fault(), g.mechanism(), g.settings()));
            return CableMeaning.explain(g, first.fault(), first.mechanism());
        }));
        AlignedTable table = TableColumn.table(columns, CableFigures.of(records)).separateGroups();
        out.print(table.plainText());
        out.println();
        Map<String, String> faults = new LinkedHashMap<>();
        samples.forEach(s -> faults.putIfAbsent(s.fault().letter(), s.fault().label(settings.downtime())));
        faults.values().forEach(f -> out.println("  " + f));
        out.println();
        out.println(linkChange(records));
        out.println("rule: what the settings give, from the reference shown; measured: the time after that same "
                + "instant; measured/rule: per connection, from the same reference. After a plug, a segment sent during "
                + "the outage leaves when the first ARP request after the plug is answered (requests every 1 s from the "
                + "first send after the pull), not at its next retransmission.");
        if (samples.stream().anyMatch(s -> s.fault().reconnects())) {
            out.println("g, g': the server connects " + ThreeFigureDuration.of(Workload.RECONNECT_AFTER.toNanos()) + " after t0 "
                    + "(its kernel has processed the carrier loss by then); the rule counts from that connect call. At most "
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

    /** The offset between t0 and the link really going down, over all pulls of the run. */
    static String linkChange(List<CableRecord> records) {
        Map<Integer, CableRecord> byTrial = new LinkedHashMap<>();
        records.stream().filter(r -> r.linkDownAfterNanos() >= 0).forEach(r -> byTrial.putIfAbsent(r.trial(), r));
        if (byTrial.isEmpty()) {
            return "t0 -> link down: not observed in this run";
        }
        long[] down = byTrial.values().stream().mapToLong(CableRecord::linkDownAfterNanos).sorted().toArray();
        long[] ip = byTrial.values().stream().mapToLong(CableRecord::ipReturnedAfterNanos).filter(v -> v >= 0).sorted().toArray();
        return String.format("t0 is taken before `ip link set veth-cli down` is spawned: the server's end showed carrier 0 "
                        + "a median %s (max %s) after t0 over %d pulls; the ip command returned after a median %s. "
                        + "Every time above includes that offset.", ThreeFigureDuration.of(down[(down.length - 1) / 2]),
                ThreeFigureDuration.of(down[down.length - 1]), down.length, ip.length == 0 ? "-" : ThreeFigureDuration.of(ip[(ip.length - 1) / 2]));
    }
}
