package io.closebench.analysis.results;

import java.util.Objects;

/**
 * Something a results folder should hold but does not: a run cut short ({@code status.txt} not
 * "complete"), a file the run's job writes that is absent, or two files of one run that disagree in
 * a way a missing file explains (a fork's .hlog without its percentile CSV). A folder with gaps is
 * still reported on; the report is marked partial and lists every gap, so that no figure passes for
 * one computed from a whole run.
 *
 * @param subject the file, file pattern or part of the run concerned, e.g. {@code "observations-*.csv"}
 * @param detail what is missing and what follows from it
 */
public record FolderGap(String subject, String detail) {

    /** Validates that both parts are present. */
    public FolderGap {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return subject + ": " + detail;
    }
}
