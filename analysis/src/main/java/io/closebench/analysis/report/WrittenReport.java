package io.closebench.analysis.report;

import io.closebench.analysis.results.FolderGap;
import java.nio.file.Path;
import java.util.List;

/**
 * What a report or a comparison wrote: the Markdown file, its charts, the gaps that made it partial,
 * and its headline sentences (for a report: every pair of models side by side, with the scenario,
 * placement, idle time, load and JDK of each; for a comparison: the figures that changed beyond
 * noise), so that a caller can print them.
 *
 * @param markdown {@code report.md} or {@code compare.md}
 * @param charts every PNG and SVG written
 * @param gaps what was missing from the folder(s); empty for a whole report
 * @param headlines the sentences a person reads first
 * @param changes for a comparison, what changed between the runs: every figure that moved beyond noise and
 *     every matrix row whose verdict or dominant outcome changed, one sentence each; empty for a report
 */
public record WrittenReport(Path markdown, List<Path> charts, List<FolderGap> gaps, List<String> headlines,
                            List<String> changes) {

    /** Keeps unmodifiable copies. */
    public WrittenReport {
        charts = List.copyOf(charts);
        gaps = List.copyOf(gaps);
        headlines = List.copyOf(headlines);
        changes = List.copyOf(changes);
    }

    /** A report's: no changes, as it compares nothing. */
    public WrittenReport(Path markdown, List<Path> charts, List<FolderGap> gaps, List<String> headlines) {
        this(markdown, charts, gaps, headlines, List.of());
    }

    /** @return whether something was missing */
    public boolean isPartial() {
        return !gaps.isEmpty();
    }
}
