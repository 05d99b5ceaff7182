package io.closebench.cable;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every cable sample, one row per connection, nothing filtered. Columns are documented in
 * {@code results/README.md}; times are nanoseconds, -1 where not applicable.
 */
public final class CableCsv {

    static final String[] COLUMNS = {"trial", "fault", "fault_description", "mechanism", "settings", "observer",
            "connection", "outcome", "detected_by", "exception_class", "exception_message", "detection_ns",
            "since_last_peer_segment_ns", "since_last_read_ns", "since_plug_ns", "theory_kind", "theory_reference",
            "theory_ns", "since_reference_ns", "ratio", "theory", "next_write", "tcp_state_at_end", "bound_ns",
            "tcp_retries2", "link_down_after_ns", "ip_returned_after_ns", "plug_after_ns", "arp_start_after_ns", "bytes_written", "pongs",
            "failure"};

    private CableCsv() {
    }

    public static void write(List<CableSample> samples, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (CableSample s : samples) {
                Theory th = s.theory();
                String kind = th.isNever() ? "NEVER" : th.isFinite() ? "FINITE" : "NOT_PREDICTED";
                csv.printRecord(s.trial(), s.fault().letter(), s.fault().description(), s.mechanism().label(),
                        s.mechanism().settings(), s.observer(), s.connection(), s.outcome(), s.detectedBy(),
                        s.exceptionClass(), s.exceptionMessage(), s.detectionNanos(), s.sinceLastPeerSegmentNanos(),
                        s.sinceLastReadNanos(), s.sincePlugNanos(), kind, th.reference(), th.isFinite() ? th.boundNanos() : -1,
                        s.sinceReferenceNanos(), Double.isNaN(s.ratio()) ? "" : String.format("%.4f", s.ratio()), th.why(),
                        s.nextWrite(), s.tcpStateAtEnd(), s.boundNanos(), s.retries2(), s.linkDownAfterNanos(),
                        s.ipReturnedAfterNanos(), s.plugAfterNanos(), s.arpStartAfterNanos(), s.bytesWritten(), s.pongs(), s.failure());
            }
        }
    }
}
