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
 * @param details the files the report links for its detail, section by section ({@code report-*.md}), in order
 */
public record WrittenReport(Path markdown, List<Path> charts, List<FolderGap> gaps, List<String> headlines,
                            List<String> changes, List<Path> details) {

    /** Keeps unmodifiable copies. */
    public WrittenReport {
        charts = List.copyOf(charts);
        gaps = List.copyOf(gaps);
        headlines = List.copyOf(headlines);
        changes = List.copyOf(changes);
        details = List.copyOf(details);
    }

    /** A comparison's: one file. */
    public WrittenReport(Path markdown, List<Path> charts, List<FolderGap> gaps, List<String> headlines,
                         List<String> changes) {
        this(markdown, charts, gaps, headlines, changes, List.of());
    }

    /** A report's without detail files and changes. */
    public WrittenReport(Path markdown, List<Path> charts, List<FolderGap> gaps, List<String> headlines) {
        this(markdown, charts, gaps, headlines, List.of(), List.of());
    }

    /** The whole text: the report, then each detail file, as a reader who follows every link reads it. */
    public String text() throws java.io.IOException {
        StringBuilder all = new StringBuilder(java.nio.file.Files.readString(markdown));
        for (Path d : details) {
            all.append('\n').append(java.nio.file.Files.readString(d));
        }
        return all.toString();
    }

    /** {@link #text()} of the report a folder holds: its {@code report.md} and its {@code report-*.md}. */
    public static String textIn(Path folder) throws java.io.IOException {
        StringBuilder all = new StringBuilder(java.nio.file.Files.readString(folder.resolve(RunReport.FILE)));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            for (Path d : files.filter(f -> f.getFileName().toString().matches("report-.+\\.md")).sorted().toList()) {
                all.append('\n').append(java.nio.file.Files.readString(d));
            }
        }
        return all.toString();
    }

    /** @return whether something was missing */
    public boolean isPartial() {
        return !gaps.isEmpty();
    }
}
