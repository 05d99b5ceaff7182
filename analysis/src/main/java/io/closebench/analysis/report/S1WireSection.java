package io.closebench.analysis.report;

import io.closebench.analysis.format.TableColumn;
import io.closebench.analysis.format.ThreeFigureDuration;
import io.closebench.schema.TimelineEvent;
import io.closebench.schema.row.S1TimelineRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * S1 on the wire and in the kernel ({@code s1-timeline-*.csv}): per fault, what each group's first
 * connection left on the server's cable, what the server's kernel attempted and reported, and when
 * it was detected, each against what the rules the cable table counts with expect; one chart per
 * fault. Absent where the run did not capture S1.
 */
final class S1WireSection {

    private static final int CHART_WIDTH = 1300;

    private S1WireSection() {
    }

    /** One group's first connection, its rows in time order. */
    private record Lane(String fault, String mechanism, String observer, List<S1TimelineRecord> rows) {

        long count(Predicate<S1TimelineRecord> which) {
            return rows.stream().filter(which).count();
        }

        OptionalDouble first(Predicate<S1TimelineRecord> which, boolean rule) {
            return rows.stream().filter(which).mapToDouble(r -> (rule ? r.ruleAtMicros() : r.atMicros()).orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).min();
        }
    }

    private static final List<TableColumn<Lane>> COLUMNS = List.of(
            TableColumn.of("mechanism", Lane::mechanism),
            TableColumn.of("observer", Lane::observer),
            TableColumn.of("segments on the cable (expected)", S1WireSection::onTheCable),
            TableColumn.of("kernel retransmissions: sent / held for ARP", l -> {
                long sent = l.count(r -> r.event() == TimelineEvent.ATTEMPT && r.detail().equals("sent"));
                long held = l.count(r -> r.event() == TimelineEvent.ATTEMPT && r.atMicros().isPresent()
                        && !r.detail().equals("sent"));
                return sent + held == 0 ? "-" : sent + " / " + held;
            }),
            TableColumn.of("ARP requests", l -> String.valueOf(l.count(r -> r.event() == TimelineEvent.ARP_REQUEST
                    && r.atMicros().isPresent()))),
            TableColumn.of("reports (first)", l -> {
                long n = l.count(r -> r.event() == TimelineEvent.REPORT);
                return n == 0 ? "0" : n + " (" + at(l.first(r -> r.event() == TimelineEvent.REPORT, false)) + ")";
            }),
            TableColumn.of(">kernel ended it", l -> at(l.first(r -> r.event() == TimelineEvent.KERNEL_END, false))),
            TableColumn.of(">t1", l -> at(l.first(r -> r.event() == TimelineEvent.DETECTED, false))),
            TableColumn.of(">rule", l -> at(l.first(r -> r.event() == TimelineEvent.DETECTED, true))),
            TableColumn.of("outcome", l -> l.rows().stream().filter(r -> r.event() == TimelineEvent.DETECTED)
                    .map(S1TimelineRecord::detail).findFirst().orElse("")));

    /** "RETRANSMISSION 0 (4), KEEPALIVE_PROBE 1 (1)": measured per role, the rule's count beside it. */
    private static String onTheCable(Lane l) {
        Map<String, long[]> byRole = new TreeMap<>();
        for (S1TimelineRecord r : l.rows()) {
            if (r.event() == TimelineEvent.SEGMENT) {
                long[] counts = byRole.computeIfAbsent(r.role(), k -> new long[2]);
                counts[0] += r.atMicros().isPresent() ? 1 : 0;
                counts[1] += r.ruleAtMicros().isPresent() ? 1 : 0;
            }
        }
        return byRole.isEmpty() ? "none" : byRole.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + (e.getValue()[1] > 0 ? " (" + e.getValue()[1] + ")" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String at(OptionalDouble micros) {
        return micros.isPresent() ? ThreeFigureDuration.of((long) (micros.getAsDouble() * 1000)) : "-";
    }

    private static Map<String, List<Lane>> lanesByFault(List<S1TimelineRecord> rows) {
        Map<String, Map<String, List<S1TimelineRecord>>> grouped = new LinkedHashMap<>();
        for (S1TimelineRecord r : rows) {
            if (r.connection() == 0) {
                grouped.computeIfAbsent(r.fault(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(r.trial() + "|" + S1TimelineChart.lane(r, true), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, List<Lane>> lanes = new LinkedHashMap<>();
        grouped.forEach((fault, groups) -> groups.values().forEach(g -> lanes.computeIfAbsent(fault, f -> new ArrayList<>())
                .add(new Lane(fault, g.get(0).mechanism() + (g.get(0).settings().isEmpty() ? "" : " (" + g.get(0).settings()
                        + ")"), g.get(0).observer().name(), g))));
        return lanes;
    }

    static void append(ReportContext c) throws IOException {
        List<S1TimelineRecord> rows = c.run.s1Timeline();
        if (rows.isEmpty()) {
            return;
        }
        c.md.append("## S1 on the wire and in the kernel\n\n");
        c.md.append("Each group's first connection after t0: the segments its server sent on the cable (captured on a "
                + "mirror of the server's veth), the retransmissions its kernel attempted (its tracepoint: sent, or held "
                + "because the previous copy still waited for ARP), the trial's ARP requests, the kernel's reports of its "
                + "segments, the kernel's end of it and t1, each against what the rules the cable table counts with "
                + "expect (in brackets: the rule's count). Every event of the first two connections of each group is in "
                + "`s1-timeline-*.csv`; the captures are in `pcap/`.\n\n");
        for (Map.Entry<String, List<Lane>> fault : lanesByFault(rows).entrySet()) {
            c.md.append("### Fault ").append(fault.getKey()).append(" on the wire\n\n");
            c.table(TableColumn.table(COLUMNS, fault.getValue()));
            List<S1TimelineRecord> first = fault.getValue().stream().flatMap(l -> l.rows().stream()).toList();
            String description = c.run.cable().stream().filter(r -> r.fault().equals(fault.getKey()))
                    .map(r -> r.faultDescription()).findFirst().orElse("");
            c.chart(S1TimelineChart.of(fault.getKey(), description, first),
                    "s1-wire-" + RunReport.safe(fault.getKey()) + ".png", "S1 fault " + fault.getKey()
                            + " on the wire and in the kernel", CHART_WIDTH, S1TimelineChart.height(fault.getValue().size()));
        }
    }
}
