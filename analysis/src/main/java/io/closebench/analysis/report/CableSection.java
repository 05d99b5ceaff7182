package io.closebench.analysis.report;

import io.closebench.analysis.format.TableColumn;
import io.closebench.schema.MetadataKey;
import io.closebench.schema.Observer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S1, the pulled cable: per fault, mechanism, observer and placement, the outcomes and detection
 * times against what the mechanism's own rule predicts, and one chart per fault.
 */
final class CableSection {

    private static final int CHART_WIDTH = 1100;

    private CableSection() {
    }

    static void tables(ReportContext c) {
        StringBuilder md = c.md;
        md.append("## S1: the pulled cable\n\n");
        if (c.run.cable().isEmpty()) {
            md.append(c.run.metadata().cableNotRunReason().map(r -> "S1 did not run: " + r + ".")
                    .orElse(c.run.metadata().ranCable() ? "S1's samples are missing from this folder (see above)."
                            : "This run did not run S1 (no cable CSV)."))
                    .append("\n\n");
            return;
        }
        List<CableFigures> groups = CableFigures.byFault(c.run.cable()).values().stream().flatMap(List::stream).toList();
        md.append("From `").append(c.run.cableFile()).append("`: ").append(c.run.cable().size())
                .append(" connections. Each row is one fault, mechanism, observer and placement; \"rule\" is what the "
                        + "mechanism's own rule predicts after its reference instant, \"measured\" the time after that "
                        + "same instant, and measured/rule their ratio per connection (1: the rule explains the time).\n\n");
        models(c, groups);
        for (List<CableFigures> fault : CableFigures.byFault(c.run.cable()).values()) {
            md.append("### Fault ").append(fault.get(0).fault()).append(": ").append(fault.get(0).faultDescription())
                    .append("\n\n");
            c.table(TableColumn.table(TableColumn.concat(CableView.COLUMNS, CableView.WHY), fault));
        }
    }

    /**
     * Which models watched the server's connections, by mechanism (a mechanism applies where a model's
     * API can set it), and the models that could not run here with the reason the run gives.
     */
    private static void models(ReportContext c, List<CableFigures> groups) {
        Map<String, java.util.Set<Observer>> byMechanism = new LinkedHashMap<>();
        groups.forEach(g -> byMechanism.computeIfAbsent(g.mechanism(), m -> java.util.EnumSet.noneOf(
                Observer.class)).add(g.observer()));
        Map<java.util.Set<Observer>, List<String>> mechanismsBySet = new LinkedHashMap<>();
        byMechanism.forEach((m, set) -> mechanismsBySet.computeIfAbsent(set, x -> new ArrayList<>()).add(m));
        java.util.Set<String> placements = new java.util.TreeSet<>();
        groups.forEach(g -> placements.add(g.placement().map(Enum::name).orElse("not recorded")));
        c.md.append("Models watching the server's connections (each where its API can apply the mechanism): ")
                .append(mechanismsBySet.entrySet().stream().map(e -> e.getKey().stream().map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(", ")) + " for " + String.join(", ", e.getValue()))
                        .collect(java.util.stream.Collectors.joining("; ")))
                .append("; placement ").append(String.join(", ", placements)).append('.');
        java.util.Set<String> seen = new java.util.TreeSet<>();
        groups.forEach(g -> seen.add(g.observer().name()));
        c.run.metadata().get(MetadataKey.CABLE_PREFIX + "observers").ifPresent(asked -> {
            List<String> missing = java.util.Arrays.stream(asked.replaceAll("[\\[\\]]", "").split(","))
                    .map(String::strip).filter(o -> !o.isEmpty() && !seen.contains(o)).toList();
            if (!missing.isEmpty()) {
                c.md.append(" Asked for but without a row here: ").append(String.join(", ", missing)).append('.');
            }
        });
        List<String> skipped = c.run.metadata().values().entrySet().stream()
                .filter(e -> e.getKey().startsWith(MetadataKey.MATRIX_PREFIX + "skipped."))
                .map(e -> e.getKey().substring((MetadataKey.MATRIX_PREFIX + "skipped.").length())
                        + " (" + e.getValue() + ")").toList();
        if (!skipped.isEmpty()) {
            c.md.append(" Skipped here, for S1 as for the matrix: ").append(String.join("; ", skipped)).append('.');
        }
        c.md.append("\n\n");
    }

    static void charts(ReportContext c) throws IOException {
        if (c.run.cable().isEmpty()) {
            return;
        }
        Map<String, List<CableFigures>> byFault = CableFigures.byFault(c.run.cable());
        c.md.append("### S1: detection time against the rule\n\n");
        c.md.append("One chart per fault, one row per mechanism and observer: every connection's time after the rule's "
                + "reference instant (blue dots: it detected something; grey squares: nothing by the trial's bound, "
                + "where it stopped waiting), and the rule's prediction as a red bar. Rows without a bar have no finite "
                + "prediction.\n\n");
        for (Map.Entry<String, List<CableFigures>> f : byFault.entrySet()) {
            c.chart(CableChart.of(f.getKey(), f.getValue().get(0).faultDescription(), f.getValue()),
                    "cable-" + RunReport.safe(f.getKey()) + ".png",
                    "S1 fault " + f.getKey() + ": detection time against the rule", CHART_WIDTH,
                    CableChart.height(f.getValue().size()));
        }
    }
}
